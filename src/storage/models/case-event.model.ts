import { Schema, type Connection, type InferSchemaType, type Types } from 'mongoose';

/** The append-only timeline. `key` makes replays of the same event a no-op. */
const caseEventSchema = new Schema(
  {
    workspace: { type: String, required: true },
    caseId: { type: Schema.Types.ObjectId, required: true },
    key: { type: String, required: true },
    type: { type: String, required: true },
    actor: { platform: String, userId: String, name: String },
    at: { type: Date, required: true },
    /** Flat, event-specific fields (from/to status, text …); never a raw platform payload. */
    data: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'case_events', versionKey: false, minimize: false },
);

caseEventSchema.index({ caseId: 1, key: 1 }, { unique: true });
caseEventSchema.index({ workspace: 1, caseId: 1, at: 1 });

export type CaseEventDocument = InferSchemaType<typeof caseEventSchema> & { _id: Types.ObjectId };

export function caseEventModel(connection: Connection) {
  return connection.model('CaseEvent', caseEventSchema);
}
