import type { View } from '../messages/views.js';

/** What the outbox hands a platform adapter: where to deliver, and what. */
export interface OutboundMessage {
  /** The Slack workspace the message belongs to (its token, its installation). */
  workspace: string;
  /** The outbox key: sent along where the platform keeps it, so a post whose outcome was lost can be found. */
  key: string;
  op: 'post' | 'update' | 'delete';
  channel: string;
  /** Thread to post into (a platform message id), if any. */
  threadId: string | null;
  /** For `update` and `delete`: the platform message id to edit or remove. */
  targetId: string | null;
  view: View;
}

/** The port the core needs from a chat platform to deliver messages. */
export interface ChatPlatform {
  readonly name: 'slack' | 'teams';
  deliver(message: OutboundMessage): Promise<{ messageId: string }>;
  /**
   * A post an earlier attempt may have made before it was cut off (the process stopped, the
   * answer was lost): its id if it is there, so it is not posted twice. Platforms that cannot
   * look (Teams bots cannot read a conversation) leave it out: delivery there is at least once.
   */
  findPosted?(message: OutboundMessage): Promise<string | undefined>;
}

/** The platform said "slow down" (HTTP 429); try again after `retryAfterMs`. */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`Rate limited; retry after ${retryAfterMs} ms`);
  }
}

/** Retrying cannot help (channel gone, bot removed, invalid blocks). */
export class PermanentDeliveryError extends Error {}
