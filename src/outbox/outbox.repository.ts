import { isDuplicateKeyError } from '../errors.js';
import type { Models, OutboxDocument } from '../storage/models/index.js';

export type NewOutboxEntry = Pick<
  OutboxDocument,
  'workspace' | 'key' | 'platform' | 'op' | 'channel' | 'audience' | 'threadTs' | 'threadOfKey' | 'targetKey' | 'view' | 'anchor'
>;

/** `_id` is `<workspace>:<delivery key>`: enqueueing is idempotent and parents are found by primary key. */
const idOf = (workspace: string, key: string) => `${workspace}:${key}`;

export class OutboxRepository {
  private lastPosition = 0;

  constructor(private readonly models: Pick<Models, 'outbox'>) {}

  /** Microseconds since the epoch, strictly increasing in this process: the order messages were written in. */
  private nextPosition(now: Date): number {
    this.lastPosition = Math.max(this.lastPosition + 1, now.getTime() * 1000);
    return this.lastPosition;
  }

  /** Inserts the entries; a key already stored is skipped, which makes enqueueing idempotent. */
  async insertMany(entries: NewOutboxEntry[], now: Date): Promise<void> {
    const docs = entries.map((entry) => ({
      _id: idOf(entry.workspace, entry.key),
      ...entry,
      state: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
      position: this.nextPosition(now),
    }));
    try {
      await this.models.outbox.insertMany(docs, { ordered: false });
    } catch (error) {
      const writeErrors = (error as { writeErrors?: unknown[] }).writeErrors;
      const onlyDuplicates = Array.isArray(writeErrors) && writeErrors.every((e) => isDuplicateKeyError((e as { err?: unknown }).err ?? e));
      if (!isDuplicateKeyError(error) && !onlyDuplicates) throw error;
    }
  }

  /** Everything still to be sent, oldest first (due or not: a waiting message holds its channel). */
  listPending(limit: number): Promise<OutboxDocument[]> {
    return this.models.outbox.find({ state: 'pending' }).sort({ position: 1 }).limit(limit).lean<OutboxDocument[]>();
  }

  getById(id: string): Promise<OutboxDocument | null> {
    return this.models.outbox.findById(id).lean<OutboxDocument>();
  }

  getByKey(workspace: string, key: string): Promise<OutboxDocument | null> {
    return this.getById(idOf(workspace, key));
  }

  async markSent(id: string, attempts: number, messageId: string, now: Date): Promise<void> {
    await this.models.outbox.updateOne({ _id: id }, { $set: { state: 'sent', attempts, messageId, sentAt: now, lastError: null } });
  }

  /** To be tried again at `at`; `attempts` is what the failures so far count as (a 429 counts nothing). */
  async reschedule(id: string, attempts: number, at: Date, reason: string): Promise<void> {
    await this.models.outbox.updateOne({ _id: id }, { $set: { attempts, nextAttemptAt: at, lastError: reason } });
  }

  async markDead(id: string, attempts: number, reason: string): Promise<void> {
    await this.models.outbox.updateOne({ _id: id }, { $set: { state: 'dead', attempts, lastError: reason, sentAt: new Date() } });
  }

  /** Forgets delivered and dead messages, but keeps anchors: later messages thread under or edit them. */
  async purgeFinishedBefore(cutoff: Date): Promise<number> {
    const result = await this.models.outbox.deleteMany({ state: { $in: ['sent', 'dead'] }, anchor: false, sentAt: { $lt: cutoff } });
    return result.deletedCount;
  }
}
