import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * A Slack workspace that installed tugi through OAuth. `_id` is the team id. The installation as
 * Slack's OAuth library hands it over (tokens included) is kept only as `sealed`: AES-256-GCM
 * ciphertext under TUGI_ENCRYPTION_KEY. The clear fields are what tugi lists and checks without
 * the key.
 */
const installationSchema = new Schema(
  {
    _id: { type: String, required: true },
    teamName: { type: String, default: null },
    enterpriseId: { type: String, default: null },
    botUserId: { type: String, required: true },
    scopes: { type: [String], default: [] },
    installerUserId: { type: String, required: true },
    /** `<key id>:<iv>:<tag>:<ciphertext>`, base64 parts. */
    sealed: { type: String, required: true },
    installedAt: { type: Date, required: true },
  },
  { collection: 'slack_installations', versionKey: false },
);

export type InstallationDocument = InferSchemaType<typeof installationSchema>;

export function installationModel(connection: Connection) {
  return connection.model('SlackInstallation', installationSchema);
}
