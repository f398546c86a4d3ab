import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * A Teams conversation tugi may write to later (proactively, after restarts): what the Bot
 * Framework needs to reach it. `_id` is `<workspace>:<conversation id>` (the channel's id, not a
 * thread's). Plain strings only: never the raw activity.
 */
const conversationSchema = new Schema(
  {
    _id: { type: String, required: true },
    workspace: { type: String, required: true },
    conversationId: { type: String, required: true },
    conversationType: { type: String, enum: ['channel', 'personal', 'groupChat'], required: true },
    serviceUrl: { type: String, required: true },
    tenantId: { type: String, default: null },
    teamId: { type: String, default: null },
    botId: { type: String, required: true },
    botName: { type: String, default: null },
    installed: { type: Boolean, default: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'teams_conversations', versionKey: false },
);

export type ConversationDocument = InferSchemaType<typeof conversationSchema>;

export function conversationModel(connection: Connection) {
  return connection.model('TeamsConversation', conversationSchema);
}
