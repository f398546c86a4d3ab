import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * A case change's effects, written before the change itself: its timeline entry and its outbox
 * messages (deterministic keys). `_id` is `<case id>:v<version the change makes>`. Removed once
 * the effects are stored; one left behind by a crash is finished (or, if the change itself never
 * happened, dropped) by the recovery sweep. Only changes in flight are here, so the sweep reads
 * a handful of documents, not the cases.
 */
const caseIntentSchema = new Schema(
  {
    _id: { type: String, required: true },
    workspace: { type: String, required: true },
    caseId: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    /** JSON: the timeline entry. */
    event: { type: String, required: true },
    /** JSON: the outbox entries, already checked for where they may go. */
    messages: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'case_intents', versionKey: false },
);

export type CaseIntentDocument = InferSchemaType<typeof caseIntentSchema>;

export function caseIntentModel(connection: Connection) {
  return connection.model('CaseIntent', caseIntentSchema);
}
