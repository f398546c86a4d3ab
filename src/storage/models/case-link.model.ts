import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * Which case a message belongs to: the source message, and each follow-up joined to it.
 * Threaded replies find their case here; the unique index makes every message count once.
 */
const caseLinkSchema = new Schema(
  {
    workspace: { type: String, required: true },
    channel: { type: String, required: true },
    ts: { type: String, required: true },
    caseId: { type: Schema.Types.ObjectId, required: true },
  },
  { collection: 'case_links', versionKey: false },
);

caseLinkSchema.index({ workspace: 1, channel: 1, ts: 1 }, { unique: true });

export type CaseLinkDocument = InferSchemaType<typeof caseLinkSchema>;

export function caseLinkModel(connection: Connection) {
  return connection.model('CaseLink', caseLinkSchema);
}
export type CaseLinkModel = ReturnType<typeof caseLinkModel>;
