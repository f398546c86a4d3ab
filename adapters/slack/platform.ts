import { ErrorCode, type WebClient } from '@slack/web-api';
import type { SlackClients } from './clients.js';
import { PermanentDeliveryError, RateLimitedError, type ChatPlatform, type OutboundMessage } from '../../src/ports/chat-platform.js';
import { fileContent, isFileView, type FileContent } from '../../src/reports/report-files.js';
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
  'user_not_found',
  'cannot_dm_bot',
  'invalid_channel',
  // The workspace uninstalled tugi or revoked its token: nothing will reach it any more.
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'not_authed',
]);

/** The metadata event type of tugi's posts (Slack's message metadata). */
const outboxEventType = 'tugi_outbox_message';

/** Slack user ids: a file addressed to a person goes to their direct messages with tugi. */
const isUserId = (id: string) => /^[UW][A-Z0-9]+$/.test(id);

/** Delivers outbox messages through the Web API; the outbox owns retries, so the client makes none. */
export class SlackPlatform implements ChatPlatform {
  readonly name = 'slack' as const;

  constructor(private readonly clients: SlackClients) {}

  async deliver(message: OutboundMessage): Promise<{ messageId: string }> {
    const client = await this.clients.for(message.workspace);
    if (!client) throw new PermanentDeliveryError(`tugi is not installed in Slack workspace ${message.workspace} (uninstalled, or its token revoked); the message is dropped`);
    if (isFileView(message.view)) return this.upload(client, message, fileContent(message.view));
    const rendered = renderView(message.view);
    try {
      if (message.op === 'delete') {
        await client.chat.delete({ channel: message.channel, ts: message.targetId! });
        return { messageId: message.targetId! };
      }
      if (message.op === 'update') {
        const result = await client.chat.update({ channel: message.channel, ts: message.targetId!, ...rendered });
        return { messageId: result.ts ?? message.targetId! };
      }
      const result = await client.chat.postMessage({
        channel: message.channel,
        ...(message.threadId ? { thread_ts: message.threadId } : {}),
        ...rendered,
        unfurl_links: false,
        unfurl_media: false,
        // The outbox key rides along as message metadata, so findPosted can recognise the post.
        metadata: { event_type: outboxEventType, event_payload: { key: message.key } },
      });
      return { messageId: result.ts! };
    } catch (error) {
      throw translateError(error);
    }
  }

  /**
   * Looks for a post an interrupted attempt made: the latest messages of the channel (or of the
   * thread) carrying the outbox key in their metadata. Files and direct messages carry none and
   * are not looked for.
   */
  async findPosted(message: OutboundMessage): Promise<string | undefined> {
    if (isFileView(message.view) || isUserId(message.channel)) return undefined;
    const client = await this.clients.for(message.workspace);
    if (!client) return undefined;
    try {
      const found = message.threadId
        ? await client.conversations.replies({ channel: message.channel, ts: message.threadId, include_all_metadata: true, limit: 200 })
        : await client.conversations.history({ channel: message.channel, include_all_metadata: true, limit: 100 });
      const posted = found.messages?.find((m) => (m.metadata?.event_payload as { key?: unknown } | undefined)?.key === message.key);
      return posted?.ts;
    } catch (error) {
      throw translateError(error);
    }
  }

  /** Files go up with Slack's external upload (URL, bytes, complete), shared into the channel or thread. */
  private async upload(client: WebClient, message: OutboundMessage, file: FileContent): Promise<{ messageId: string }> {
    try {
      const channel = isUserId(message.channel) ? (await client.conversations.open({ users: message.channel })).channel!.id! : message.channel;
      const where = message.threadId ? { channel_id: channel, thread_ts: message.threadId } : { channel_id: channel };
      const result = await client.filesUploadV2({
        ...where,
        file: file.bytes,
        filename: file.filename,
        title: file.title,
        ...(file.altText ? { alt_text: file.altText } : {}),
        ...(file.comment ? { initial_comment: file.comment } : {}),
      });
      return { messageId: result.files[0]?.files?.[0]?.id ?? '' };
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
