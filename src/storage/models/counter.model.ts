import { Schema, type Connection } from 'mongoose';

/** Per-workspace sequences (case numbers), advanced with one atomic $inc. */
const counterSchema = new Schema(
  { _id: { type: String, required: true }, seq: { type: Number, required: true } },
  { collection: 'counters', versionKey: false },
);

export function counterModel(connection: Connection) {
  return connection.model('Counter', counterSchema);
}
export type CounterModel = ReturnType<typeof counterModel>;
