import { Schema, type Connection } from 'mongoose';

/** `<workspace>:<person id>` → when routing last picked them: the round-robin tie-breaker. */
const personPickSchema = new Schema(
  {
    _id: { type: String, required: true },
    workspace: { type: String, required: true },
    lastPickedAt: { type: Date, required: true },
  },
  { collection: 'person_picks', versionKey: false },
);

export function personPickModel(connection: Connection) {
  return connection.model('PersonPick', personPickSchema);
}
