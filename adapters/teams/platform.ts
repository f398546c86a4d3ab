import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { ConnectorClient } from 'botframework-connector';
import { PermanentDeliveryError, RateLimitedError, type ChatPlatform, type OutboundMessage } from '../../src/ports/chat-platform.js';
import type { ConversationRefs } from '../../src/storage/conversation-refs.js';
import { renderTeamsView } from './cards/render.js';

/** HTTP statuses from the Bot Connector that no retry can fix (bot removed, conversation gone, bad card). */
const permanentStatuses = new Set([400, 403, 404, 405, 413]);

/**
 * Delivers outbox messages through the Bot Connector, proactively: the stored conversation
 * reference says where the conversation lives. A post without a thread in a Teams channel starts
 * a new thread (its first message's id is the thread's id); with one, it replies in that thread.
 */
export class TeamsPlatform implements ChatPlatform {
  readonly name = 'teams' as const;

  constructor(
    private readonly adapter: TeamsAdapter,
    private readonly appId: string,
    private readonly conversations: ConversationRefs,
  ) {}

  async deliver(message: OutboundMessage): Promise<{ messageId: string }> {
    const ref = await this.conversations.get(message.workspace, message.channel);
    if (!ref) throw new PermanentDeliveryError(`tugi has no conversation reference for ${message.channel}: install the app there first`);
    if (!ref.installed) throw new PermanentDeliveryError(`tugi was removed from ${message.channel}; add the app there again`);
    const activity = renderTeamsView(message.view);
    const reference = {
      channelId: 'msteams',
      serviceUrl: ref.serviceUrl,
      conversation: { id: ref.conversationId, isGroup: ref.conversationType !== 'personal', conversationType: ref.conversationType, tenantId: ref.tenantId ?? '', name: '' },
      bot: { id: ref.botId, name: ref.botName ?? '' },
    };
    let messageId = '';
    try {
      await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
        const client = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
        const threaded = ref.conversationType === 'channel' && message.threadId ? `${ref.conversationId};messageid=${message.threadId}` : ref.conversationId;
        if (message.op === 'delete') {
          await client.conversations.deleteActivity(ref.conversationId, message.targetId!);
          messageId = message.targetId!;
        } else if (message.op === 'update') {
          await client.conversations.updateActivity(ref.conversationId, message.targetId!, { ...activity, id: message.targetId! });
          messageId = message.targetId!;
        } else if (ref.conversationType === 'channel' && !message.threadId) {
          const created = await client.conversations.createConversation({
            isGroup: true,
            bot: reference.bot,
            tenantId: ref.tenantId ?? undefined,
            channelData: { channel: { id: ref.conversationId }, ...(ref.tenantId ? { tenant: { id: ref.tenantId } } : {}) },
            activity: activity as never,
          } as never);
          messageId = created.activityId ?? created.id.split(';messageid=')[1] ?? created.id;
        } else {
          const sent = await client.conversations.sendToConversation(threaded, activity);
          messageId = sent.id ?? '';
        }
      });
    } catch (error) {
      throw translateError(error);
    }
    return { messageId };
  }
}

function translateError(error: unknown): unknown {
  const e = error as { statusCode?: number; response?: { headers?: { get?(name: string): string | undefined } } };
  if (e.statusCode === 429) {
    const seconds = Number(e.response?.headers?.get?.('retry-after') ?? 1);
    return new RateLimitedError((Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000);
  }
  if (e.statusCode && permanentStatuses.has(e.statusCode)) {
    return new PermanentDeliveryError(`Teams refused the message (HTTP ${e.statusCode})`);
  }
  return error;
}
