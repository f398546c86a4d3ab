import { Schema, type Connection } from 'mongoose';

/** Short leases that serialise work across replicas (see storage/lease-lock.ts). */
const lockSchema = new Schema(
  { _id: { type: String, required: true }, until: { type: Date, required: true }, owner: { type: String, required: true } },
  { collection: 'locks', versionKey: false },
);

export function lockModel(connection: Connection) {
  return connection.model('Lock', lockSchema);
}
export type LockModel = ReturnType<typeof lockModel>;
