import { Types } from 'mongoose';
import { isDuplicateKeyError } from '../errors.js';
import type { CaseDocument, CaseEventDocument, Models } from '../storage/models/index.js';
import { formatCaseKey } from './case-key.js';
import type { Actor } from './case.schema.js';
import type { CaseStatus } from './status.js';

/** Concurrent openers each take the next number; this bounds how many times one may lose. */
const maxNumberRetries = 100;

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
  constructor(private readonly models: Pick<Models, 'cases' | 'caseEvents' | 'caseLinks'>) {}

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
   * Inserts the case under the next free number. The unique indexes decide every race: a taken
   * number is retried with the next one (keys stay gap-free), and a taken source key means
   * another trigger on the same message won, so its case is returned instead.
   */
  async insert(data: NewCase): Promise<{ case: CaseDocument; created: boolean }> {
    for (let attempt = 0; attempt < maxNumberRetries; attempt += 1) {
      const last = await this.models.cases.findOne({ workspace: data.workspace }).sort({ number: -1 }).lean<CaseDocument>();
      const number = (last?.number ?? 0) + 1;
      try {
        const created = await this.models.cases.create({ ...data, number, key: formatCaseKey(number), version: 1 });
        return { case: created.toObject() as CaseDocument, created: true };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        const existing = await this.getBySourceKey(data.workspace, data.sourceKey);
        if (existing) return { case: existing, created: false };
      }
    }
    throw new Error(`Could not allocate a case number after ${maxNumberRetries} attempts`);
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
   * Applies a change only if nobody changed the case since it was read. Callers hold the case's
   * lease (see CaseService), which is what serialises writers on every server; the version
   * check is a second guard where the server makes conditional updates atomic (MongoDB).
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
