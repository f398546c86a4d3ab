import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * A run of case numbers one process claimed: `_id` is `<workspace>:<start>`, and it holds
 * `start` … `end - 1`. Runs follow one another (the next one starts at `end`), so a process that
 * finds a start taken reads that run by `_id` and tries its end. `<workspace>:head` is a hint
 * where the runs reached, so a starting process need not walk them all.
 */
const caseNumberSchema = new Schema(
  {
    _id: { type: String, required: true },
    workspace: { type: String, required: true },
    start: { type: Number, required: true },
    end: { type: Number, required: true },
  },
  { collection: 'case_numbers', versionKey: false },
);

export type CaseNumberDocument = InferSchemaType<typeof caseNumberSchema>;

export function caseNumberModel(connection: Connection) {
  return connection.model('CaseNumber', caseNumberSchema);
}
