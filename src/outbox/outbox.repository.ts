import { isDuplicateKeyError } from '../errors.js';
import type { Models, OutboxDocument } from '../storage/models/index.js';

export type NewOutboxEntry = Pick<
  OutboxDocument,
  'workspace' | 'key' | 'platform' | 'op' | 'channel' | 'audience' | 'threadTs' | 'threadOfKey' | 'targetKey' | 'view'
>;

export class OutboxRepository {
  constructor(private readonly models: Pick<Models, 'outbox'>) {}

  /** Inserts the entries; a key already stored is skipped, which makes enqueueing idempotent. */
  async insertMany(entries: NewOutboxEntry[], now: Date): Promise<void> {
    const docs = entries.map((entry) => ({ ...entry, state: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now }));
    try {
      await this.models.outbox.insertMany(docs, { ordered: false });
    } catch (error) {
      const writeErrors = (error as { writeErrors?: unknown[] }).writeErrors;
      const onlyDuplicates = Array.isArray(writeErrors) && writeErrors.every((e) => isDuplicateKeyError((e as { err?: unknown }).err ?? e));
      if (!isDuplicateKeyError(error) && !onlyDuplicates) throw error;
    }
  }

  listDue(now: Date, limit: number): Promise<OutboxDocument[]> {
    return this.models.outbox
      .find({ state: 'pending', nextAttemptAt: { $lte: now } })
      .sort({ createdAt: 1, _id: 1 })
      .limit(limit)
      .lean<OutboxDocument[]>();
  }

  async nextPendingAt(): Promise<Date | undefined> {
    const next = await this.models.outbox.findOne({ state: 'pending' }).sort({ nextAttemptAt: 1 }).lean<OutboxDocument>();
    return next?.nextAttemptAt ?? undefined;
  }

  /** Atomically takes a message for delivery, so two replicas never send it twice. */
  claim(id: OutboxDocument['_id'], now: Date, leaseMs: number): Promise<OutboxDocument | null> {
    return this.models.outbox
      .findOneAndUpdate(
        { _id: id, state: 'pending', $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }] },
        { $set: { lockedUntil: new Date(now.getTime() + leaseMs) }, $inc: { attempts: 1 } },
        { returnDocument: 'after' },
      )
      .lean<OutboxDocument>();
  }

  getByKey(workspace: string, key: string): Promise<OutboxDocument | null> {
    return this.models.outbox.findOne({ workspace, key }).lean<OutboxDocument>();
  }

  async markSent(id: OutboxDocument['_id'], messageId: string, now: Date): Promise<void> {
    await this.models.outbox.updateOne(
      { _id: id },
      { $set: { state: 'sent', messageId, sentAt: now, lockedUntil: null, lastError: null } },
    );
  }

  /** Puts a claimed message back, to be tried again at `at`; `undoAttempt` when it was never sent. */
  async reschedule(id: OutboxDocument['_id'], at: Date, reason: string, undoAttempt = false): Promise<void> {
    await this.models.outbox.updateOne(
      { _id: id },
      { $set: { nextAttemptAt: at, lockedUntil: null, lastError: reason }, ...(undoAttempt ? { $inc: { attempts: -1 } } : {}) },
    );
  }

  /** Holds a channel's later messages back with a failed one, so they keep their order. */
  async holdChannel(workspace: string, channel: string, after: Date, until: Date): Promise<void> {
    await this.models.outbox.updateMany(
      { workspace, channel, state: 'pending', createdAt: { $gte: after }, nextAttemptAt: { $lt: until } },
      { $set: { nextAttemptAt: until } },
    );
  }

  async markDead(id: OutboxDocument['_id'], reason: string): Promise<void> {
    await this.models.outbox.updateOne({ _id: id }, { $set: { state: 'dead', lockedUntil: null, lastError: reason } });
  }

  async purgeSentBefore(cutoff: Date): Promise<number> {
    const result = await this.models.outbox.deleteMany({ state: 'sent', sentAt: { $lt: cutoff } });
    return result.deletedCount;
  }
}
