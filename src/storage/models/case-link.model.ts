import { Schema, type Connection } from 'mongoose';

/**
 * Which case a message (or the thread it starts) belongs to: the source message, and each
 * follow-up joined to it. `_id` is `<workspace>:<channel>:<ts>`, so a message counts once and
 * its case is found with a primary-key lookup.
 */
const caseLinkSchema = new Schema(
  {
    _id: { type: String, required: true },
    workspace: { type: String, required: true },
    caseId: { type: Schema.Types.ObjectId, required: true },
  },
  { collection: 'case_links', versionKey: false },
);

export function caseLinkModel(connection: Connection) {
  return connection.model('CaseLink', caseLinkSchema);
}
export type CaseLinkModel = ReturnType<typeof caseLinkModel>;
