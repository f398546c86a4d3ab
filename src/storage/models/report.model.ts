import { Schema, type Connection } from 'mongoose';

/**
 * A claimed change of what a case contributes to the reports: `_id` is `<case id>|<seq>`, so each
 * step of a case's reported history is claimed once; `slot` is the report-log slot that carries it.
 */
const reportClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    workspace: { type: String, required: true },
    slot: { type: String, required: true },
    /** CaseFacts as JSON: what the case contributed before (null: nothing yet) and after. */
    old: { type: String, default: null },
    new: { type: String, required: true },
  },
  { collection: 'report_claims', versionKey: false },
);

/**
 * A day's rollup for one dimension value: `_id` is `<workspace>|<day>|<dimension>` (`all`,
 * `account:acme`, `agent:U0…`, `tag:network`). The tally is JSON (names and causes are not valid
 * field names); `applied` holds the claims folded into it recently (`<claim>@<minute>`), so a
 * retried fold adds nothing twice.
 */
const rollupSchema = new Schema(
  {
    _id: { type: String, required: true },
    tally: { type: String, required: true },
    applied: { type: [String], default: [] },
  },
  { collection: 'report_rollups', versionKey: false },
);

export function reportClaimModel(connection: Connection) {
  return connection.model('ReportClaim', reportClaimSchema);
}

export function rollupModel(connection: Connection) {
  return connection.model('ReportRollup', rollupSchema);
}

/**
 * Which cases stand behind a day's figures (opened or first resolved that day), for the CSV
 * export: `_id` is `<workspace>|<day>|m<bucket>`, a day's cases spread over a few buckets so each
 * document holds a fraction of a busy day. `cases` is JSON `{ caseId: count }`, folded like the tallies.
 */
const reportMembersSchema = new Schema(
  {
    _id: { type: String, required: true },
    cases: { type: String, required: true },
    applied: { type: [String], default: [] },
  },
  { collection: 'report_members', versionKey: false },
);

export function reportMembersModel(connection: Connection) {
  return connection.model('ReportMembers', reportMembersSchema);
}
