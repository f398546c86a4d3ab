import type { Logger } from '../logger.js';
import { noMetrics, type Metrics } from '../metrics.js';
import type { View } from '../messages/views.js';
import type { Clock } from '../ports/clock.js';
import { PermanentDeliveryError, RateLimitedError, type ChatPlatform } from '../ports/chat-platform.js';
import type { LeaseLock } from '../storage/lease-lock.js';
import { Foreground } from '../util/foreground.js';
import type { OutboxDocument, OutboxQueueEntry } from '../storage/models/index.js';
import { maxDeliveryAttempts, retryDelayMs } from './backoff.js';
import type { ChannelPacer } from './channel-pacer.js';
import type { OutboxRepository } from './outbox.repository.js';

const batchSize = 500;
/** How long to wait for a parent message (thread or edit target) that is not delivered yet. */
const parentWaitMs = 1_000;
/** Longest sleep between passes when nothing is due; the scheduled sweep is the backstop. */
const maxIdleMs = 30_000;

/** Done: sent, or given up. Otherwise the channel waits until `next` (a failure, a 429, a parent, another sender). */
type Outcome = { done: true } | { done: false; next: Date };

type PendingMessage = Awaited<ReturnType<OutboxRepository['getPending']>>;

/** How many of a channel's messages are read ahead of their turn. */
const readAhead = 16;
/** Leases last 15 s (see LeaseLock); a channel's run stops well before, and the next pass takes a fresh one. */
const leaseRenewAfterMs = 7_000;

/**
 * Sends pending outbox messages in the order they were written, per channel: a message that
 * must wait holds the messages behind it in its channel, never the other channels. Sending to a
 * channel holds its lease, so replicas never send a message twice; failures are rescheduled with
 * backoff, and a 429 waits exactly its Retry-After.
 */
export class OutboxDeliverer {
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly repository: OutboxRepository,
    private readonly lock: LeaseLock,
    private readonly platforms: Map<string, ChatPlatform>,
    private readonly pacer: ChannelPacer,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly metrics: Metrics = noMetrics,
    /** Each send gives way to the requests being answered (see Foreground). */
    private readonly foreground = new Foreground(),
  ) {}

  /** Starts a delivery pass now (or right after the one under way); never throws. */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Lets the pass under way finish and stops future passes; undelivered messages stay stored. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        this.arm(await this.deliverDue());
      } catch (error) {
        this.logger.error({ err: error }, 'outbox delivery pass failed');
      }
    } while (this.again && !this.stopped);
  }

  /** One pass over the pending messages; returns when the next one falls due. */
  async deliverDue(): Promise<Date | undefined> {
    const pending = await this.repository.listPending(batchSize);
    const byChannel = new Map<string, OutboxQueueEntry[]>();
    // Channel ids are only unique within a workspace (two workspaces may both have a C0123).
    for (const entry of pending) byChannel.set(channelOf(entry), [...(byChannel.get(channelOf(entry)) ?? []), entry]);
    const waits = await Promise.all([...byChannel.values()].map((messages) => this.deliverChannel(messages)));
    if (pending.length === batchSize) this.again = true;
    return waits.reduce<Date | undefined>((earliest, at) => (at && (!earliest || at < earliest) ? at : earliest), undefined);
  }

  /**
   * Delivers one channel's due messages in order, holding the channel's lease: one replica sends
   * to a channel at a time, and re-reads each message under the lease, so none is sent twice.
   * Messages are read `readAhead` at a time; each delivery is recorded in the background while
   * the next one goes out, and the lease is held until every record is written. A long run gives
   * the lease up halfway through its term and carries on in the next pass.
   */
  private async deliverChannel(entries: OutboxQueueEntry[]): Promise<Date | undefined> {
    const first = entries[0]!;
    const lease = await this.lock.acquire(`outbox:${channelOf(first)}`);
    // Another replica is sending to this channel; look again shortly.
    if (!lease) return this.later(250);
    const heldSince = Date.now();
    const recording: Promise<unknown>[] = [];
    try {
      for (let start = 0; start < entries.length; start += readAhead) {
        if (this.stopped) return undefined;
        const chunk = entries.slice(start, start + readAhead);
        const now = this.clock.now();
        const firstLater = chunk.findIndex((entry) => entry.nextAttemptAt > now);
        const due = firstLater === -1 ? chunk : chunk.slice(0, firstLater);
        const messages = await Promise.all(due.map((entry) => this.repository.getPending(entry, now)));
        for (const message of messages) {
          if (this.stopped) return undefined;
          // Checked before each message, not each chunk: pacing a busy channel can take seconds a
          // message, and a send begun after the lease ran out could overlap the next holder's.
          if (Date.now() - heldSince > leaseRenewAfterMs) return this.clock.now();
          const outcome = await this.deliverRead(message, recording);
          if (!outcome.done) return outcome.next;
        }
        if (firstLater !== -1) return chunk[firstLater]!.nextAttemptAt;
      }
      return undefined;
    } finally {
      await Promise.allSettled(recording);
      await lease.release();
    }
  }

  private async deliverRead(message: PendingMessage, recording: Promise<unknown>[]): Promise<Outcome> {
    if (message === 'finished') return { done: true }; // another sender finished it
    if (message === 'not-stored-yet') return { done: false, next: this.later(parentWaitMs) };
    if (message.nextAttemptAt > this.clock.now()) return { done: false, next: message.nextAttemptAt };
    const wait = this.pacer.waitFor(channelOf(message), this.clock.now().getTime());
    if (wait > 0) await sleep(wait);
    await this.foreground.whenQuiet();
    const sent = await this.send(message);
    recording.push(sent.recorded);
    return sent.outcome;
  }

  private async send(message: OutboxDocument): Promise<{ outcome: Outcome; recorded: Promise<unknown> }> {
    const settled = async (outcome: Promise<Outcome>) => ({ outcome: await outcome, recorded: Promise.resolve() });
    const attempt = message.attempts + 1;
    const parent = (key: string | null | undefined) => (key ? this.repository.getParent(message.workspace, key) : null);
    const [threadParent, target] = await Promise.all([parent(message.threadOfKey), parent(message.targetKey)]);
    if (threadParent?.state === 'dead' || target?.state === 'dead') {
      return settled(this.giveUp(message, message.attempts, 'its parent message could not be delivered'));
    }
    if ((message.threadOfKey && !threadParent?.messageId) || (message.targetKey && !target?.messageId)) {
      return settled(this.retryAt(message, message.attempts, this.later(parentWaitMs), 'waiting for parent message'));
    }
    const platform = this.platforms.get(message.platform);
    if (!platform) return settled(this.giveUp(message, attempt, `no platform ${message.platform}`));
    const outbound = {
      workspace: message.workspace,
      key: message.key,
      op: message.op,
      channel: message.channel,
      threadId: message.threadTs ?? threadParent?.messageId ?? null,
      targetId: target?.messageId ?? null,
      view: JSON.parse(message.view) as View,
    };
    let messageId: string;
    try {
      // An earlier attempt was cut off after it posted, perhaps: adopt that post instead of making a second.
      const posted = message.sending && message.op === 'post' ? await platform.findPosted?.(outbound) : undefined;
      if (posted === undefined && message.op === 'post') await this.repository.markSending(message._id);
      ({ messageId } = posted !== undefined ? { messageId: posted } : await platform.deliver(outbound));
    } catch (error) {
      return settled(this.handleFailure(message, attempt, error));
    }
    this.pacer.sent(channelOf(message), this.clock.now().getTime());
    this.metrics.outboxDelivered(message.platform, 'sent');
    // Replies to it may go out before its record is written: they find its id in memory.
    this.repository.noteDelivered(message, messageId);
    const recorded = this.repository
      .markSent(message, attempt, messageId, this.clock.now())
      .catch((error: unknown) => this.logger.error({ err: error, key: message.key }, 'outbox: sent, but the delivery could not be recorded'));
    return { outcome: { done: true }, recorded };
  }

  private async handleFailure(message: OutboxDocument, attempt: number, error: unknown): Promise<Outcome> {
    const reason = error instanceof Error ? error.message : String(error);
    const log = { workspace: message.workspace, key: message.key, channel: message.channel, attempt, reason };
    if (error instanceof RateLimitedError) {
      this.pacer.pause(channelOf(message), this.clock.now().getTime() + error.retryAfterMs);
      this.logger.warn(log, 'outbox: rate limited, retrying after Retry-After');
      this.metrics.outboxDelivered(message.platform, 'rate_limited');
      // A 429 is the platform pacing us, not a failure of the message: it uses up no attempt (and posted nothing).
      return this.retryAt(message, message.attempts, this.later(error.retryAfterMs), reason, { posted: false });
    }
    if (error instanceof PermanentDeliveryError || attempt >= maxDeliveryAttempts) {
      this.logger.error(log, 'outbox: giving up on message');
      this.metrics.outboxDelivered(message.platform, 'dead');
      return this.giveUp(message, attempt, reason);
    }
    this.logger.warn(log, 'outbox: delivery failed, will retry');
    this.metrics.outboxDelivered(message.platform, 'retry');
    return this.retryAt(message, attempt, this.later(retryDelayMs(attempt)), reason);
  }

  private async retryAt(message: OutboxDocument, attempts: number, at: Date, reason: string, known?: { posted: false }): Promise<Outcome> {
    await this.repository.reschedule(message._id, attempts, at, reason, known);
    return { done: false, next: at };
  }

  /** A dead message no longer holds its channel. */
  private async giveUp(message: OutboxDocument, attempts: number, reason: string): Promise<Outcome> {
    await this.repository.markDead(message._id, attempts, reason, this.clock.now());
    return { done: true };
  }

  private arm(next: Date | undefined): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    const delay = next ? Math.min(Math.max(next.getTime() - this.clock.now().getTime(), 0), maxIdleMs) : maxIdleMs;
    this.timer = setTimeout(() => void this.kick(), delay);
    this.timer.unref();
  }

  private later(ms: number): Date {
    return new Date(this.clock.now().getTime() + ms);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A channel across workspaces: the unit of ordering, leases and pacing. */
const channelOf = (message: { workspace: string; channel: string }) => `${message.workspace}:${message.channel}`;
