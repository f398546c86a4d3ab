import type { Logger } from '../logger.js';
import type { Clock } from '../ports/clock.js';
import { PermanentDeliveryError, RateLimitedError, type ChatPlatform } from '../ports/chat-platform.js';
import type { View } from '../messages/views.js';
import type { OutboxDocument } from '../storage/models/index.js';
import { maxDeliveryAttempts, retryDelayMs } from './backoff.js';
import type { ChannelPacer } from './channel-pacer.js';
import type { OutboxRepository } from './outbox.repository.js';
import type { LeaseLock } from '../storage/lease-lock.js';

const batchSize = 200;
/** How long to wait for a parent message (thread or edit target) that is not delivered yet. */
const parentWaitMs = 1_000;

type Outcome = 'sent' | 'deferred' | 'blocked';

/**
 * Sends due outbox messages: in order per channel, paced, one claim per message so replicas
 * never double-send, rescheduling on failure (honouring Retry-After on 429).
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
        await this.deliverDue();
        await this.armTimer();
      } catch (error) {
        this.logger.error({ err: error }, 'outbox delivery pass failed');
      }
    } while (this.again && !this.stopped);
  }

  /** One pass over the due messages; also what the scheduled sweep calls. */
  async deliverDue(): Promise<void> {
    const due = await this.repository.listDue(this.clock.now(), batchSize);
    const byChannel = new Map<string, OutboxDocument[]>();
    for (const message of due) byChannel.set(message.channel, [...(byChannel.get(message.channel) ?? []), message]);
    await Promise.all([...byChannel.values()].map((messages) => this.deliverChannel(messages)));
    if (due.length === batchSize) this.again = true;
  }

  private async deliverChannel(messages: OutboxDocument[]): Promise<void> {
    for (const message of messages) {
      if (this.stopped) return;
      const outcome = await this.deliverOne(message);
      // A failure keeps the rest of the channel back, so messages never arrive out of order.
      if (outcome === 'blocked') return;
    }
  }

  private async deliverOne(candidate: OutboxDocument): Promise<Outcome> {
    const wait = this.pacer.waitFor(candidate.channel, this.clock.now().getTime());
    if (wait > 0) await sleep(wait);
    // The lease keeps two replicas (or a sweep and a kick) from sending the same message.
    const result = await this.lock.tryLock(`outbox:${String(candidate._id)}`, async () => {
      const message = await this.repository.getPendingDue(candidate._id, this.clock.now());
      return message ? this.send(message) : 'deferred';
    });
    // Busy elsewhere: the rest of this channel must wait behind it, so leave the channel to that sender.
    return result.ran ? result.value : 'blocked';
  }

  private async send(message: OutboxDocument): Promise<Outcome> {
    // Messages to one channel arrive in the order they were written, across replicas too.
    const earlier = await this.repository.earlierPending(message);
    if (earlier) {
      const at = new Date(Math.max(earlier.nextAttemptAt.getTime(), this.clock.now().getTime() + 50));
      await this.repository.reschedule(message._id, message.attempts, at, 'waiting for an earlier message');
      return 'blocked';
    }
    const attempt = message.attempts + 1;
    const parentId = async (key: string | null | undefined) =>
      key ? (await this.repository.getByKey(message.workspace, key))?.messageId ?? undefined : null;
    const threadId = message.threadTs ?? (await parentId(message.threadOfKey));
    const targetId = await parentId(message.targetKey);
    if (threadId === undefined || targetId === undefined) {
      await this.repository.reschedule(message._id, message.attempts, this.later(parentWaitMs), 'waiting for parent message');
      return 'deferred';
    }
    const platform = this.platforms.get(message.platform);
    if (!platform) {
      await this.repository.markDead(message._id, attempt, `no platform ${message.platform}`);
      return 'deferred';
    }
    try {
      const { messageId } = await platform.deliver({
        op: message.op,
        channel: message.channel,
        threadId,
        targetId,
        view: JSON.parse(message.view) as View,
      });
      this.pacer.sent(message.channel, this.clock.now().getTime());
      await this.repository.markSent(message._id, attempt, messageId, this.clock.now());
      return 'sent';
    } catch (error) {
      return this.handleFailure(message, attempt, error);
    }
  }

  private async handleFailure(message: OutboxDocument, attempt: number, error: unknown): Promise<Outcome> {
    const reason = error instanceof Error ? error.message : String(error);
    const log = { key: message.key, channel: message.channel, attempt, reason };
    if (error instanceof RateLimitedError) {
      this.pacer.pause(message.channel, this.clock.now().getTime() + error.retryAfterMs);
      // A 429 is the platform pacing us, not a failure of the message: it does not use up attempts.
      await this.repository.reschedule(message._id, message.attempts, this.later(error.retryAfterMs), reason);
      this.logger.warn(log, 'outbox: rate limited, retrying after Retry-After');
      return 'blocked';
    }
    if (error instanceof PermanentDeliveryError || attempt >= maxDeliveryAttempts) {
      await this.repository.markDead(message._id, attempt, reason);
      this.logger.error(log, 'outbox: giving up on message');
      return 'deferred';
    }
    await this.repository.reschedule(message._id, attempt, this.later(retryDelayMs(attempt)), reason);
    this.logger.warn(log, 'outbox: delivery failed, will retry');
    return 'blocked';
  }

  /** Wakes the loop when the earliest rescheduled message falls due (the sweep job is the backstop). */
  private async armTimer(): Promise<void> {
    clearTimeout(this.timer);
    const next = await this.repository.nextPendingAt();
    if (!next || this.stopped) return;
    // At least a beat, so a message another replica holds does not make this loop spin.
    const delay = Math.min(Math.max(next.getTime() - this.clock.now().getTime(), 250), 30_000);
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
