import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * The outbox messages still to be sent, one small entry each (same `_id` as the message), in
 * write order. Delivery passes read this instead of the outbox itself, so their cost follows
 * what is pending, not the history of everything sent (FerretDB scans a collection for any
 * filter other than `_id`).
 */
const outboxQueueSchema = new Schema(
  {
    _id: { type: String, required: true },
    workspace: { type: String, required: true },
    channel: { type: String, required: true },
    /** Write order (microseconds, increasing per process): delivery follows it within a channel. */
    position: { type: Number, required: true },
    nextAttemptAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'outbox_queue', versionKey: false },
);

outboxQueueSchema.index({ position: 1 });

export type OutboxQueueEntry = InferSchemaType<typeof outboxQueueSchema>;

export function outboxQueueModel(connection: Connection) {
  return connection.model('OutboxQueue', outboxQueueSchema);
}
