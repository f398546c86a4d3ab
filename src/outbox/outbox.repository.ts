import { insertedOnce, insertManyOnce } from '../storage/inserted-once.js';
import type { Models, OutboxDocument, OutboxQueueEntry } from '../storage/models/index.js';

export type NewOutboxEntry = Pick<
  OutboxDocument,
  'workspace' | 'key' | 'platform' | 'op' | 'channel' | 'audience' | 'threadTs' | 'threadOfKey' | 'targetKey' | 'view' | 'anchor'
>;

/** `_id` is `<workspace>:<delivery key>`: enqueueing is idempotent and parents are found by primary key. */
const idOf = (workspace: string, key: string) => `${workspace}:${key}`;

/** A queue entry whose message never arrived (its writer died in between) is dropped after this. */
const orphanAfterMs = 60_000;

/**
 * The outbox (one document per message: content, state, attempts) and its queue (one entry per
 * message still to send: channel, order, when). Queue entries are written first, so a message
 * is never stored without one; a crash in between leaves an entry the deliverer drops.
 */
export class OutboxRepository {
  private lastPosition = 0;

  constructor(private readonly models: Pick<Models, 'outbox' | 'outboxQueue' | 'outboxAnchors'>) {}

  /** Microseconds since the epoch, strictly increasing in this process: the order messages were written in. */
  private nextPosition(now: Date): number {
    this.lastPosition = Math.max(this.lastPosition + 1, now.getTime() * 1000);
    return this.lastPosition;
  }

  /** Stores the messages; a key already stored is skipped, which makes enqueueing idempotent. */
  async insertMany(entries: NewOutboxEntry[], now: Date): Promise<void> {
    const queue = entries.map((entry) => ({
      _id: idOf(entry.workspace, entry.key),
      workspace: entry.workspace,
      channel: entry.channel,
      position: this.nextPosition(now),
      nextAttemptAt: now,
      createdAt: now,
    }));
    const messages = entries.map((entry) => ({
      _id: idOf(entry.workspace, entry.key),
      ...entry,
      state: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    }));
    await insertManyOnce(this.models.outboxQueue, queue);
    await insertManyOnce(this.models.outbox, messages);
  }

  /** What is still to be sent, oldest first (due or not: a waiting message holds its channel). */
  listPending(limit: number): Promise<OutboxQueueEntry[]> {
    return this.models.outboxQueue.find().sort({ position: 1 }).limit(limit).lean<OutboxQueueEntry[]>();
  }

  /**
   * The message behind a queue entry. Drops the entry when the message is finished, or never
   * came; `not-stored-yet` while its writer may still be between the two inserts.
   */
  async getPending(entry: OutboxQueueEntry, now: Date): Promise<OutboxDocument | 'finished' | 'not-stored-yet'> {
    const message = await this.getById(entry._id);
    if (message?.state === 'pending') return message;
    if (!message && now.getTime() - entry.createdAt.getTime() < orphanAfterMs) return 'not-stored-yet';
    await this.dequeue(entry._id);
    return 'finished';
  }

  getById(id: string): Promise<OutboxDocument | null> {
    return this.models.outbox.findById(id).lean<OutboxDocument>();
  }

  getByKey(workspace: string, key: string): Promise<OutboxDocument | null> {
    return this.getById(idOf(workspace, key));
  }

  async markSent(message: OutboxDocument, attempts: number, messageId: string, now: Date): Promise<void> {
    const id = message._id;
    if (message.anchor && message.op === 'post') {
      const anchorId = `${message.workspace}:${message.channel}:${messageId}`;
      await insertedOnce(this.models.outboxAnchors.create({ _id: anchorId, workspace: message.workspace, key: message.key }));
    }
    await this.models.outbox.updateOne({ _id: id }, { $set: { state: 'sent', attempts, messageId, sentAt: now, lastError: null } });
    await this.dequeue(id);
  }

  /** The key of the anchor message (a case card, a specialist thread) delivered as `messageId` in `channel`. */
  async keyOfAnchor(workspace: string, channel: string, messageId: string): Promise<string | undefined> {
    const anchor = await this.models.outboxAnchors.findById(`${workspace}:${channel}:${messageId}`).lean<{ key: string }>();
    return anchor?.key;
  }

  /** To be tried again at `at`; `attempts` is what the failures so far count as (a 429 counts nothing). */
  async reschedule(id: string, attempts: number, at: Date, reason: string): Promise<void> {
    await this.models.outbox.updateOne({ _id: id }, { $set: { attempts, nextAttemptAt: at, lastError: reason } });
    await this.models.outboxQueue.updateOne({ _id: id }, { $set: { nextAttemptAt: at } });
  }

  async markDead(id: string, attempts: number, reason: string, now: Date): Promise<void> {
    await this.models.outbox.updateOne({ _id: id }, { $set: { state: 'dead', attempts, lastError: reason, sentAt: now } });
    await this.dequeue(id);
  }

  private async dequeue(id: string): Promise<void> {
    await this.models.outboxQueue.deleteOne({ _id: id });
  }

  /** Forgets delivered and dead messages, but keeps anchors: later messages thread under or edit them. */
  async purgeFinishedBefore(cutoff: Date): Promise<number> {
    const result = await this.models.outbox.deleteMany({ state: { $in: ['sent', 'dead'] }, anchor: false, sentAt: { $lt: cutoff } });
    return result.deletedCount;
  }
}
