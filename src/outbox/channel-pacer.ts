/**
 * Paces sends per channel (Slack allows about one message per second per channel) and holds a
 * channel back after a 429 until its Retry-After has passed. In memory: each replica paces its
 * own sends, and a 429 seen by any replica still reschedules the message in the database.
 */
export class ChannelPacer {
  private readonly nextAllowedAt = new Map<string, number>();

  constructor(private readonly minIntervalMs: number) {}

  /** Milliseconds to wait before the next send to this channel. */
  waitFor(channel: string, now: number): number {
    return Math.max(0, (this.nextAllowedAt.get(channel) ?? 0) - now);
  }

  sent(channel: string, now: number): void {
    this.nextAllowedAt.set(channel, now + this.minIntervalMs);
    if (this.nextAllowedAt.size > 10_000) this.forgetPast(now);
  }

  pause(channel: string, until: number): void {
    this.nextAllowedAt.set(channel, Math.max(until, this.nextAllowedAt.get(channel) ?? 0));
  }

  private forgetPast(now: number): void {
    for (const [channel, at] of this.nextAllowedAt) if (at < now) this.nextAllowedAt.delete(channel);
  }
}
