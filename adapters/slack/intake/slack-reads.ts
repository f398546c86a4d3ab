import type { WebClient } from '@slack/web-api';
import { ValidationFailedError } from '../../../src/errors.js';

/** A link to the message for the case card; a case is still worth opening without one. */
export async function permalinkOf(client: WebClient, channel: string, ts: string): Promise<string | null> {
  try {
    const result = await client.chat.getPermalink({ channel, message_ts: ts });
    return result.permalink ?? null;
  } catch {
    return null;
  }
}

/** The reacted-to message: a top-level one from history, a thread reply from its thread. */
export async function fetchMessage(client: WebClient, channel: string, ts: string): Promise<{ user: string; text: string }> {
  const history = await client.conversations.history({ channel, latest: ts, inclusive: true, limit: 1 });
  let message = history.messages?.find((m) => m.ts === ts);
  if (!message) {
    const replies = await client.conversations.replies({ channel, ts, latest: ts, inclusive: true, limit: 1 });
    message = replies.messages?.find((m) => m.ts === ts);
  }
  if (!message) throw new ValidationFailedError(['That message could not be found; it may have been deleted.']);
  return { user: message.user ?? message.bot_id ?? 'unknown', text: message.text ?? '' };
}

/**
 * A private answer to the person who clicked, through the interaction's response_url: not a
 * channel post, so it does not go through the outbox.
 */
export async function respondPrivately(responseUrl: string, text: string): Promise<void> {
  const response = await fetch(responseUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
  });
  if (!response.ok) throw new Error(`response_url answered ${response.status}`);
}
