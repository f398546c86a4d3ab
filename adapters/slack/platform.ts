import { ErrorCode, type WebClient } from '@slack/web-api';
import { PermanentDeliveryError, RateLimitedError, type ChatPlatform, type OutboundMessage } from '../../src/ports/chat-platform.js';
import { renderView } from './blocks/render.js';

/** Slack errors that no retry can fix. */
const permanentErrors = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_blocks',
  'msg_too_long',
  'message_not_found',
  'cant_update_message',
  'no_text',
  'restricted_action',
]);

/** Delivers outbox messages through the Web API; the outbox owns retries, so the client makes none. */
export class SlackPlatform implements ChatPlatform {
  readonly name = 'slack' as const;

  constructor(private readonly client: WebClient) {}

  async deliver(message: OutboundMessage): Promise<{ messageId: string }> {
    const rendered = renderView(message.view);
    try {
      if (message.op === 'delete') {
        await this.client.chat.delete({ channel: message.channel, ts: message.targetId! });
        return { messageId: message.targetId! };
      }
      if (message.op === 'update') {
        const result = await this.client.chat.update({ channel: message.channel, ts: message.targetId!, ...rendered });
        return { messageId: result.ts ?? message.targetId! };
      }
      const result = await this.client.chat.postMessage({
        channel: message.channel,
        ...(message.threadId ? { thread_ts: message.threadId } : {}),
        ...rendered,
        unfurl_links: false,
        unfurl_media: false,
      });
      return { messageId: result.ts! };
    } catch (error) {
      throw translateError(error);
    }
  }
}

function translateError(error: unknown): unknown {
  const e = error as { code?: string; retryAfter?: number; data?: { error?: string } };
  if (e.code === ErrorCode.RateLimitedError) return new RateLimitedError((e.retryAfter ?? 1) * 1000);
  if (e.code === ErrorCode.PlatformError && e.data?.error && permanentErrors.has(e.data.error)) {
    return new PermanentDeliveryError(`Slack refused the message: ${e.data.error}`);
  }
  return error;
}
