import { insertedOnce, insertManyOnce } from '../storage/inserted-once.js';
import type { Models, OutboxDocument, OutboxQueueEntry } from '../storage/models/index.js';

export type NewOutboxEntry = Pick<
  OutboxDocument,
  'workspace' | 'key' | 'platform' | 'op' | 'channel' | 'audience' | 'threadTs' | 'threadOfKey' | 'targetKey' | 'view' | 'anchor'
>;

/** `_id` is `<workspace>:<delivery key>`: enqueueing is idempotent and parents are found by primary key. */
const idOf = (workspace: string, key: string) => `${workspace}:${key}`;

const maxRemembered = 10_000;

/** A bounded memo: the oldest entry goes when it is full. */
function remember(memo: Map<string, string>, key: string, value: string): void {
  if (memo.size >= maxRemembered) memo.delete(memo.keys().next().value!);
  memo.set(key, value);
}

/** A queue entry whose message never arrived (its writer died in between) is dropped after this. */
const orphanAfterMs = 60_000;

/**
 * The outbox (one document per message: content, state, attempts) and its queue (one entry per
 * message still to send: channel, order, when). Queue entries are written first, so a message
 * is never stored without one; a crash in between leaves an entry the deliverer drops.
 */
export class OutboxRepository {
  private lastPosition = 0;
  // What never changes once written, and is looked up for every reply in a busy thread.
  /** Platform ids of delivered messages, by outbox id. */
  private readonly deliveredIds = new Map<string, string>();
  /** Anchor keys, by `<workspace>:<channel>:<platform id>`. */
  private readonly anchorKeys = new Map<string, string>();

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

  /**
   * Records the delivery. The three writes are independent: a crash between them leaves either a
   * queue entry whose message is already sent (dropped on the next pass) or a sent message no
   * longer queued, never a second send.
   */
  async markSent(message: OutboxDocument, attempts: number, messageId: string, now: Date): Promise<void> {
    const id = message._id;
    // Only a top-level message can start a thread that replies (from either platform) point at.
    const startsThread = message.anchor && message.op === 'post' && !message.threadTs && !message.threadOfKey;
    await Promise.all([
      startsThread &&
        insertedOnce(this.models.outboxAnchors.create({ _id: `${message.workspace}:${message.channel}:${messageId}`, workspace: message.workspace, key: message.key })),
      this.models.outbox.updateOne({ _id: id }, { $set: { state: 'sent', attempts, messageId, sentAt: now, lastError: null, sending: false } }),
    ]);
    // Only then off the queue: a process stopped in between leaves the entry, and the next pass finds the message sent.
    await this.dequeue(id);
    remember(this.deliveredIds, id, messageId);
  }

  /** Makes a delivered message's platform id known at once, before its record is written. */
  noteDelivered(message: Pick<OutboxDocument, '_id'>, messageId: string): void {
    remember(this.deliveredIds, message._id, messageId);
  }

  /** The parent a reply threads under or an edit targets: delivered (with its platform id), dead, or not yet. */
  async getParent(workspace: string, key: string): Promise<Pick<OutboxDocument, 'state' | 'messageId'> | null> {
    const id = idOf(workspace, key);
    const known = this.deliveredIds.get(id);
    if (known) return { state: 'sent', messageId: known };
    const parent = await this.getById(id);
    if (parent?.state === 'sent' && parent.messageId) remember(this.deliveredIds, id, parent.messageId);
    return parent;
  }

  /** The key of the anchor message (a case card, a specialist thread) delivered as `messageId` in `channel`. */
  async keyOfAnchor(workspace: string, channel: string, messageId: string): Promise<string | undefined> {
    const id = `${workspace}:${channel}:${messageId}`;
    const known = this.anchorKeys.get(id);
    if (known) return known;
    const anchor = await this.models.outboxAnchors.findById(id).lean<{ key: string }>();
    if (anchor) remember(this.anchorKeys, id, anchor.key);
    return anchor?.key;
  }

  /** Before a post goes out: if this process stops before it records the outcome, the next attempt looks first. */
  async markSending(id: string): Promise<void> {
    await this.models.outbox.updateOne({ _id: id }, { $set: { sending: true } });
  }

  /**
   * To be tried again at `at`; `attempts` is what the failures so far count as (a 429 counts
   * nothing). `known.posted: false` when the platform said no (a 429): the next attempt need not look for it.
   */
  async reschedule(id: string, attempts: number, at: Date, reason: string, known?: { posted: false }): Promise<void> {
    await this.models.outbox.updateOne({ _id: id }, { $set: { attempts, nextAttemptAt: at, lastError: reason, ...(known ? { sending: false } : {}) } });
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
