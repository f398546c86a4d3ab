import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/** Durable outbound messages; see src/outbox. */
const outboxSchema = new Schema(
  {
    /** `<workspace>:<key>`. */
    _id: { type: String, required: true },
    workspace: { type: String, required: true },
    /** Delivery key: enqueueing the same key twice stores one message. */
    key: { type: String, required: true },
    platform: { type: String, required: true },
    op: { type: String, enum: ['post', 'update', 'delete'], required: true },
    channel: { type: String, required: true },
    audience: { type: String, enum: ['customer', 'internal'], required: true },
    /** Post into the thread of this platform message … */
    threadTs: { type: String, default: null },
    /** … or of the message another outbox entry posted (resolved at delivery). */
    threadOfKey: { type: String, default: null },
    /** For `update` and `delete`: the outbox entry whose message is edited or removed. */
    targetKey: { type: String, default: null },
    /** Other messages thread under or edit this one (a case card), so it outlives the purge. */
    anchor: { type: Boolean, default: false },
    /** The platform-neutral view, as JSON text. */
    view: { type: String, required: true },
    state: { type: String, enum: ['pending', 'sent', 'dead'], required: true },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    lastError: { type: String, default: null },
    /** The platform's id of the delivered message (Slack ts, Teams activity id). */
    messageId: { type: String, default: null },
    /** A post went out and its outcome is not known yet (set before the call): the next attempt first asks the platform whether it arrived. */
    sending: { type: Boolean, default: false },
    createdAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
  },
  { collection: 'outbox', versionKey: false },
);

outboxSchema.index({ sentAt: 1 });

export type OutboxDocument = InferSchemaType<typeof outboxSchema>;

export function outboxModel(connection: Connection) {
  return connection.model('Outbox', outboxSchema);
}
