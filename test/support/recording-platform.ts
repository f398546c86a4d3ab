import { PermanentDeliveryError, RateLimitedError, type ChatPlatform, type OutboundMessage } from '../../src/ports/chat-platform.js';

/** A ChatPlatform for outbox tests: records deliveries, fails on request. It stands in for Slack, not for the database. */
export class RecordingPlatform implements ChatPlatform {
  readonly name = 'slack' as const;
  readonly delivered: Array<OutboundMessage & { at: number; messageId: string }> = [];
  private readonly failures = new Map<string, Array<'transient' | 'permanent' | number>>();
  private counter = 0;

  /** Makes the next deliveries to `channel` fail, in the order given. */
  failNext(channel: string, ...failures: Array<'transient' | 'permanent' | number>): void {
    this.failures.set(channel, [...(this.failures.get(channel) ?? []), ...failures]);
  }

  async deliver(message: OutboundMessage): Promise<{ messageId: string }> {
    const failure = this.failures.get(message.channel)?.shift();
    if (failure === 'transient') throw new Error('connection reset');
    if (failure === 'permanent') throw new PermanentDeliveryError('channel_not_found');
    if (typeof failure === 'number') throw new RateLimitedError(failure);
    this.counter += 1;
    const messageId = message.op === 'post' ? `m${this.counter}` : message.targetId!;
    this.delivered.push({ ...message, at: Date.now(), messageId });
    return { messageId };
  }
}
