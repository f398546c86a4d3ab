import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * A workspace's settings, as people write them (the YAML shape, before defaults), stored as JSON
 * text: field names such as `P1` or a calendar's weekdays stay as written, and the document is
 * validated by the same schema as the YAML file on every save. `_id` is the Slack team id.
 */
const settingsSchema = new Schema(
  {
    _id: { type: String, required: true },
    source: { type: String, required: true },
    /** Counts saves; a save names the version it edited, so two editors cannot overwrite each other. */
    version: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
    updatedBy: { type: String, required: true },
    /** SHA-256 of the file last imported, so an unchanged file is not imported again at start. */
    importedHash: { type: String, default: null },
  },
  { collection: 'settings', versionKey: false },
);

/** Every change to a workspace's settings: who, when, what. `_id` is `<workspace>:<version>`, which is also the save's claim. */
const settingsChangeSchema = new Schema(
  {
    _id: { type: String, required: true },
    workspace: { type: String, required: true },
    version: { type: Number, required: true },
    at: { type: Date, required: true },
    by: { type: String, required: true },
    /** What the person did, in words ("added account Acme"). */
    summary: { type: String, required: true },
    /** The changed paths with their values before and after, as JSON text. */
    changes: { type: [{ path: String, before: String, after: String, _id: false }], default: [] },
    /** The whole new source: the settings document is written from it (again, if a save was cut short). */
    source: { type: String, required: true },
  },
  { collection: 'settings_changes', versionKey: false },
);

export type SettingsDocument = InferSchemaType<typeof settingsSchema>;
export type SettingsChangeDocument = InferSchemaType<typeof settingsChangeSchema>;

export function settingsModel(connection: Connection) {
  return connection.model('Settings', settingsSchema);
}

export function settingsChangeModel(connection: Connection) {
  return connection.model('SettingsChange', settingsChangeSchema);
}
