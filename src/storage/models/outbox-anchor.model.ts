import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * Delivered anchor messages by platform id: `<workspace>:<channel>:<message id>` → outbox key.
 * An incoming reply names only its thread's platform id; this finds the case card or specialist
 * thread it belongs to by primary key.
 */
const outboxAnchorSchema = new Schema(
  {
    _id: { type: String, required: true },
    workspace: { type: String, required: true },
    key: { type: String, required: true },
  },
  { collection: 'outbox_anchors', versionKey: false },
);

export type OutboxAnchorDocument = InferSchemaType<typeof outboxAnchorSchema>;

export function outboxAnchorModel(connection: Connection) {
  return connection.model('OutboxAnchor', outboxAnchorSchema);
}
