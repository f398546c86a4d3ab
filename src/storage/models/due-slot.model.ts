import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * Due points filed by minute, addressed by primary key so that reading a minute's points is a
 * handful of `_id` lookups on any MongoDB-compatible server (FerretDB pushes down nothing else):
 * `_id` is `<workspace>|<epoch minute>|<n>`, n counting up from 0 within the minute.
 */
const dueSlotSchema = new Schema(
  {
    _id: { type: String, required: true },
    workspace: { type: String, required: true },
    caseId: { type: String, required: true },
    /** The due point's key (see src/reminders/due-points.ts). */
    key: { type: String, required: true },
    at: { type: Date, required: true },
    /** Failed handlings so far (a failed point is filed again a minute later). */
    attempts: { type: Number, default: 0 },
  },
  { collection: 'due_slots', versionKey: false },
);

/** `_id` is the workspace: the last minute whose slots were all read. */
const dueCursorSchema = new Schema(
  {
    _id: { type: String, required: true },
    minute: { type: Number, required: true },
  },
  { collection: 'due_cursors', versionKey: false },
);

/**
 * `_id` is `<workspace>|<epoch hour>`: the hour has (or had) slots. Written before a slot is, so a
 * sweep skips an hour without one in a single lookup instead of sixty.
 */
const dueHourSchema = new Schema(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'due_hours', versionKey: false },
);

export type DueSlotDocument = InferSchemaType<typeof dueSlotSchema>;

export function dueSlotModel(connection: Connection) {
  return connection.model('DueSlot', dueSlotSchema);
}

export function dueHourModel(connection: Connection) {
  return connection.model('DueHour', dueHourSchema);
}

export function dueCursorModel(connection: Connection) {
  return connection.model('DueCursor', dueCursorSchema);
}
