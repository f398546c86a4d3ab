import { Types } from 'mongoose';
import { isDuplicateKeyError } from '../errors.js';
import type { CaseDocument, CaseEventDocument, Models } from '../storage/models/index.js';
import { formatCaseKey } from './case-key.js';
import type { Actor } from './case.schema.js';
import type { CaseStatus } from './status.js';

export type NewCase = Omit<CaseDocument, '_id' | 'number' | 'key' | 'version'>;

export interface TimelineEntry {
  key: string;
  type: string;
  actor: Actor | null;
  at: Date;
  data?: Record<string, unknown>;
}

/** Data access for cases, their timeline and their message links. Every query names its workspace. */
export class CaseRepository {
  constructor(private readonly models: Pick<Models, 'cases' | 'caseEvents' | 'caseLinks' | 'counters'>) {}

  getById(workspace: string, id: string): Promise<CaseDocument | null> {
    if (!Types.ObjectId.isValid(id)) return Promise.resolve(null);
    return this.models.cases.findOne({ workspace, _id: id }).lean<CaseDocument>();
  }

  getByKey(workspace: string, key: string): Promise<CaseDocument | null> {
    return this.models.cases.findOne({ workspace, key }).lean<CaseDocument>();
  }

  getBySourceKey(workspace: string, sourceKey: string): Promise<CaseDocument | null> {
    return this.models.cases.findOne({ workspace, sourceKey }).lean<CaseDocument>();
  }

  /** The case a message (or the thread it starts) belongs to. */
  async getByMessage(workspace: string, channel: string, ts: string): Promise<CaseDocument | null> {
    const link = await this.models.caseLinks.findOne({ workspace, channel, ts }).lean();
    return link ? this.getById(workspace, String(link.caseId)) : null;
  }

  /** The requester's most recent case in a channel that is still open. */
  getLatestOpenByRequester(workspace: string, channel: string, userId: string, openStatuses: readonly CaseStatus[]) {
    return this.models.cases
      .findOne({ workspace, 'source.channel': channel, 'requester.userId': userId, status: { $in: [...openStatuses] } })
      .sort({ lastCustomerActivityAt: -1 })
      .lean<CaseDocument>();
  }

  /**
   * Allocates the next key and inserts the case. The unique source key decides races between
   * triggers on the same message: the loser gets the winner's case back (its number is skipped).
   */
  async insert(data: NewCase): Promise<{ case: CaseDocument; created: boolean }> {
    const counter = await this.models.counters
      .findOneAndUpdate({ _id: `${data.workspace}:case` }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' })
      .lean<{ seq: number }>();
    const number = counter!.seq;
    try {
      const created = await this.models.cases.create({ ...data, number, key: formatCaseKey(number), version: 1 });
      return { case: created.toObject() as CaseDocument, created: true };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.getBySourceKey(data.workspace, data.sourceKey);
      if (!existing) throw error;
      return { case: existing, created: false };
    }
  }

  /** Links a message to a case; false when the message already belongs to a case. */
  async link(workspace: string, channel: string, ts: string, caseId: Types.ObjectId): Promise<boolean> {
    try {
      await this.models.caseLinks.create({ workspace, channel, ts, caseId });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /**
   * Applies a change only if nobody changed the case since it was read (no transactions on the
   * portable subset). Returns the updated case, or null on a lost race.
   */
  update(doc: CaseDocument, set: Partial<CaseDocument>): Promise<CaseDocument | null> {
    return this.models.cases
      .findOneAndUpdate(
        { _id: doc._id, workspace: doc.workspace, version: doc.version },
        { $set: set, $inc: { version: 1 } },
        { returnDocument: 'after' },
      )
      .lean<CaseDocument>();
  }

  /** Moves activity times forward without a version check: they only ever grow. */
  async touch(workspace: string, id: Types.ObjectId, set: Pick<Partial<CaseDocument>, 'lastActivityAt' | 'lastCustomerActivityAt'>) {
    await this.models.cases.updateOne({ _id: id, workspace }, { $max: set });
  }

  /** Keeps the earliest team reply as the first response, whatever order replies are handled in. */
  async recordFirstResponse(workspace: string, id: Types.ObjectId, at: Date): Promise<void> {
    await this.models.cases.updateOne(
      { _id: id, workspace, $or: [{ firstResponseAt: null }, { firstResponseAt: { $gt: at } }] },
      { $set: { firstResponseAt: at } },
    );
  }

  /** Appends to the timeline; replaying an entry with the same key is a no-op. */
  async appendEvent(workspace: string, caseId: Types.ObjectId, entry: TimelineEntry): Promise<boolean> {
    try {
      await this.models.caseEvents.create({ workspace, caseId, ...entry, data: entry.data ?? {} });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  listEvents(workspace: string, caseId: Types.ObjectId): Promise<CaseEventDocument[]> {
    return this.models.caseEvents.find({ workspace, caseId }).sort({ at: 1, _id: 1 }).lean<CaseEventDocument[]>();
  }
}
