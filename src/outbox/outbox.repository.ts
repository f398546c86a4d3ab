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

  /** The message, if it is still pending and due (re-read after taking its lease). */
  getPendingDue(id: OutboxDocument['_id'], now: Date): Promise<OutboxDocument | null> {
    return this.models.outbox.findOne({ _id: id, state: 'pending', nextAttemptAt: { $lte: now } }).lean<OutboxDocument>();
  }

  getByKey(workspace: string, key: string): Promise<OutboxDocument | null> {
    return this.models.outbox.findOne({ workspace, key }).lean<OutboxDocument>();
  }

  async markSent(id: OutboxDocument['_id'], attempts: number, messageId: string, now: Date): Promise<void> {
    await this.models.outbox.updateOne({ _id: id }, { $set: { state: 'sent', attempts, messageId, sentAt: now, lastError: null } });
  }

  /** To be tried again at `at`; `attempts` is what the failure counts as (a 429 counts nothing). */
  async reschedule(id: OutboxDocument['_id'], attempts: number, at: Date, reason: string): Promise<void> {
    await this.models.outbox.updateOne({ _id: id }, { $set: { attempts, nextAttemptAt: at, lastError: reason } });
  }

  /** An earlier message to the same channel that is still waiting: this one must wait behind it. */
  earlierPending(message: OutboxDocument): Promise<OutboxDocument | null> {
    const { workspace, channel, createdAt, _id } = message;
    return this.models.outbox
      .findOne({
        workspace,
        channel,
        state: 'pending',
        $or: [{ createdAt: { $lt: createdAt } }, { createdAt, _id: { $lt: _id } }],
      })
      .sort({ createdAt: 1, _id: 1 })
      .lean<OutboxDocument>();
  }

  async markDead(id: OutboxDocument['_id'], attempts: number, reason: string): Promise<void> {
    await this.models.outbox.updateOne({ _id: id }, { $set: { state: 'dead', attempts, lastError: reason } });
  }

  async purgeSentBefore(cutoff: Date): Promise<number> {
    const result = await this.models.outbox.deleteMany({ state: 'sent', sentAt: { $lt: cutoff } });
    return result.deletedCount;
  }
}
