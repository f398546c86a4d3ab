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
 * What the report folder writes (built once per model: mongoose takes a model again on the same
 * connection only with the very same schema object): one JSON field, and `applied`, the claims folded into the document
 * recently (`<claim>@<minute>`), so a retried fold adds nothing twice. The JSON is kept as text:
 * names, causes and case ids are not valid field names.
 */
function foldedSchema(field: 'tally' | 'cases', collection: string) {
  return new Schema(
    {
      _id: { type: String, required: true },
      [field]: { type: String, required: true },
      applied: { type: [String], default: [] },
    },
    { collection, versionKey: false },
  );
}

export function reportClaimModel(connection: Connection) {
  return connection.model('ReportClaim', reportClaimSchema);
}

/**
 * A day's rollup for one dimension value: `_id` is `<workspace>|<day>|<dimension>` (`all`,
 * `account:acme`, `agent:U0…`, `tag:network`); `tally` is the day's Tally.
 */
const rollupSchema = foldedSchema('tally', 'report_rollups');

export function rollupModel(connection: Connection) {
  return connection.model('ReportRollup', rollupSchema);
}

/**
 * Which cases stand behind a day's figures (opened or first resolved that day), for the CSV
 * export: `_id` is `<workspace>|<day>|m<bucket>`, a day's cases spread over a few buckets so each
 * document holds a fraction of a busy day; `cases` is `{ caseId: count }`.
 */
const reportMembersSchema = foldedSchema('cases', 'report_members');

export function reportMembersModel(connection: Connection) {
  return connection.model('ReportMembers', reportMembersSchema);
}
