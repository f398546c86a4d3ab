import { Types } from 'mongoose';
import { isDuplicateKeyError } from '../errors.js';
import type { CaseDocument, CaseEventDocument, Models } from '../storage/models/index.js';
import { formatCaseKey } from './case-key.js';
import type { Actor } from './case.schema.js';

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

type ActivityTimes = Pick<Partial<CaseDocument>, 'lastActivityAt' | 'lastCustomerActivityAt'>;

/**
 * Data access for cases, their timeline and their message links. Every read checks the
 * workspace. Writes that change a case document are made by callers holding its lease (see
 * CaseService), so they are plain writes by `_id`.
 */
export class CaseRepository {
  /** The last case number this process saw per workspace: where the next allocation starts. */
  private readonly lastNumber = new Map<string, number>();

  constructor(private readonly models: Pick<Models, 'cases' | 'caseEvents' | 'caseLinks' | 'requesters'>) {}

  async getById(workspace: string, id: string | Types.ObjectId): Promise<CaseDocument | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const found = await this.models.cases.findById(id).lean<CaseDocument>();
    return found?.workspace === workspace ? found : null;
  }

  getByKey(workspace: string, key: string): Promise<CaseDocument | null> {
    return this.models.cases.findOne({ workspace, key }).lean<CaseDocument>();
  }

  getBySourceKey(workspace: string, sourceKey: string): Promise<CaseDocument | null> {
    return this.models.cases.findOne({ workspace, sourceKey }).lean<CaseDocument>();
  }

  /** The case a message (or the thread it starts) belongs to. */
  async getByMessage(workspace: string, channel: string, ts: string): Promise<CaseDocument | null> {
    const link = await this.models.caseLinks.findById(`${workspace}:${channel}:${ts}`).lean<{ caseId: Types.ObjectId }>();
    return link ? this.getById(workspace, link.caseId) : null;
  }

  /** Links a message to a case; false when the message already belongs to a case. */
  async link(workspace: string, channel: string, ts: string, caseId: Types.ObjectId): Promise<boolean> {
    try {
      await this.models.caseLinks.create({ _id: `${workspace}:${channel}:${ts}`, workspace, caseId });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /** The requester's latest case in a channel (callers hold the requester's intake lease). */
  async getRequesterCase(workspace: string, channel: string, userId: string): Promise<CaseDocument | null> {
    const pointer = await this.models.requesters.findById(`${workspace}:${channel}:${userId}`).lean<{ caseId: Types.ObjectId }>();
    return pointer ? this.getById(workspace, pointer.caseId) : null;
  }

  async setRequesterCase(workspace: string, channel: string, userId: string, caseId: Types.ObjectId): Promise<void> {
    await this.models.requesters.updateOne({ _id: `${workspace}:${channel}:${userId}` }, { $set: { workspace, caseId } }, { upsert: true });
  }

  /**
   * Inserts the case under the next free number. The unique indexes decide every race: a taken
   * number is retried with the next one (keys stay gap-free), and a taken source key means
   * another trigger on the same message won, so its case is returned instead.
   */
  async insert(data: NewCase): Promise<{ case: CaseDocument; created: boolean }> {
    let number = (await this.latestNumber(data.workspace)) + 1;
    for (let attempt = 0; attempt < maxNumberRetries; attempt += 1, number += 1) {
      try {
        const created = await this.models.cases.create({ ...data, number, key: formatCaseKey(number), version: 1 });
        this.lastNumber.set(data.workspace, Math.max(number, this.lastNumber.get(data.workspace) ?? 0));
        return { case: created.toObject() as CaseDocument, created: true };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        const existing = await this.getBySourceKey(data.workspace, data.sourceKey);
        if (existing) return { case: existing, created: false };
      }
    }
    throw new Error(`Could not allocate a case number after ${maxNumberRetries} attempts`);
  }

  private async latestNumber(workspace: string): Promise<number> {
    const known = this.lastNumber.get(workspace);
    if (known !== undefined) return known;
    const last = await this.models.cases.findOne({ workspace }).sort({ number: -1 }).lean<CaseDocument>();
    return last?.number ?? 0;
  }

  /** Writes a change and bumps the version; returns the case as written. */
  async update(doc: CaseDocument, set: Partial<CaseDocument>): Promise<CaseDocument> {
    const version = doc.version + 1;
    await this.models.cases.updateOne({ _id: doc._id }, { $set: { ...set, version } });
    return { ...doc, ...set, version };
  }

  /** Moves activity times forward only: replies handled out of order never move them back. */
  async touch(doc: CaseDocument, times: ActivityTimes): Promise<void> {
    const set: ActivityTimes = {};
    if (times.lastActivityAt && times.lastActivityAt > doc.lastActivityAt) set.lastActivityAt = times.lastActivityAt;
    if (times.lastCustomerActivityAt && times.lastCustomerActivityAt > doc.lastCustomerActivityAt) {
      set.lastCustomerActivityAt = times.lastCustomerActivityAt;
    }
    if (Object.keys(set).length > 0) await this.models.cases.updateOne({ _id: doc._id }, { $set: set });
  }

  /** Keeps the earliest team reply as the first response, whatever order replies are handled in. */
  async recordFirstResponse(doc: CaseDocument, at: Date): Promise<void> {
    if (doc.firstResponseAt && doc.firstResponseAt <= at) return;
    await this.models.cases.updateOne({ _id: doc._id }, { $set: { firstResponseAt: at } });
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
