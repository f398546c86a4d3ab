import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * Inbound events accepted before Slack got its 200. `_id` is `<workspace>:<delivery key>`, so a
 * retry or a second replica receiving the same delivery hits the primary key and is dropped.
 */
const inboxSchema = new Schema(
  {
    _id: { type: String, required: true },
    workspace: { type: String, required: true },
    kind: { type: String, required: true },
    /** The parsed fields the handler needs, as JSON text (never a raw payload as a document). */
    payload: { type: String, required: true },
    state: { type: String, enum: ['pending', 'done', 'failed'], required: true },
    attempts: { type: Number, default: 0 },
    /** After a failed attempt: not to be retried before this time. */
    notBefore: { type: Date, default: null },
    lastError: { type: String, default: null },
    receivedAt: { type: Date, required: true },
    doneAt: { type: Date, default: null },
  },
  { collection: 'inbox', versionKey: false },
);

inboxSchema.index({ state: 1, receivedAt: 1 });
inboxSchema.index({ doneAt: 1 });

export type InboxDocument = InferSchemaType<typeof inboxSchema>;

export function inboxModel(connection: Connection) {
  return connection.model('Inbox', inboxSchema);
}
