import { Schema, type Connection } from 'mongoose';

/**
 * A customer's latest case in a channel, for the grouping window: `_id` is
 * `<workspace>:<channel>:<user>`, so intake finds it with a primary-key lookup.
 */
const requesterSchema = new Schema(
  {
    _id: { type: String, required: true },
    workspace: { type: String, required: true },
    caseId: { type: Schema.Types.ObjectId, required: true },
  },
  { collection: 'requesters', versionKey: false },
);

export function requesterModel(connection: Connection) {
  return connection.model('Requester', requesterSchema);
}
