import { Schema, type Connection } from 'mongoose';

/**
 * A string key pointing at a case, found by primary key (the one lookup FerretDB pushes down);
 * a unique `_id` also makes each key count once.
 */
function casePointerSchema(collection: string) {
  return new Schema(
    {
      _id: { type: String, required: true },
      workspace: { type: String, required: true },
      caseId: { type: Schema.Types.ObjectId, required: true },
    },
    { collection, versionKey: false },
  );
}

// Built once: mongoose returns the compiled model for the same schema, and refuses a new one.
const caseLinkSchema = casePointerSchema('case_links');
const requesterSchema = casePointerSchema('requesters');

/** `<workspace>:<source>` (a message's `channel:ts`, or `command:<invocation>`) → the case it opened or joined. */
export function caseLinkModel(connection: Connection) {
  return connection.model('CaseLink', caseLinkSchema);
}

/** `<workspace>:<channel>:<user>` → that customer's latest case there, for the grouping window. */
export function requesterModel(connection: Connection) {
  return connection.model('Requester', requesterSchema);
}
