import { Types } from 'mongoose';
import { isDuplicateKeyError } from '../errors.js';
import { insertedOnce } from '../storage/inserted-once.js';
import type { CaseDocument, CaseEventDocument, Models } from '../storage/models/index.js';
import { formatCaseKey } from './case-key.js';
import type { CaseNumbers } from './case-numbers.js';
import { openStatuses } from './status.js';
import type { Actor } from './case.schema.js';

/** A number is refused only if another process's run overlapped this one's (see CaseNumbers); this bounds the retries. */
const maxNumberRetries = 10;

/** A case before it is stored: number, key and version are given on insert. */
export type NewCase = Omit<CaseDocument, '_id' | 'number' | 'key' | 'version' | 'dueDone' | 'resolvedAt' | 'firstResolvedAt' | 'resolution' | 'customerAnswer' | 'suggestion' | 'reopenCount'>;

export interface TimelineEntry {
  key: string;
  type: string;
  actor: Actor | null;
  at: Date;
  data?: Record<string, unknown>;
}

/**
 * Data access for cases, their timeline and their message links. Every read checks the
 * workspace. Writes that change a case document are made by callers holding its lease (see
 * CaseService), so they are plain writes by `_id`.
 */
export class CaseRepository {
  constructor(
    private readonly models: Pick<Models, 'cases' | 'caseEvents' | 'caseLinks' | 'requesters'>,
    /** Shared by every desk of this process, so rebuilding a desk loses no claimed numbers. */
    private readonly numbers: CaseNumbers,
  ) {}

  async getById(workspace: string, id: string | Types.ObjectId): Promise<CaseDocument | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const found = await this.models.cases.findById(id).lean<CaseDocument>();
    return found?.workspace === workspace ? found : null;
  }

  getByKey(workspace: string, key: string): Promise<CaseDocument | null> {
    return this.models.cases.findOne({ workspace, key }).lean<CaseDocument>();
  }

  /** The case a message (or the thread it starts) belongs to. */
  getByMessage(workspace: string, channel: string, ts: string): Promise<CaseDocument | null> {
    return this.getBySource(workspace, `${channel}:${ts}`);
  }

  /** The case a source (`channel:ts` of a message, `command:<invocation>`) opened or joined. */
  async getBySource(workspace: string, sourceKey: string): Promise<CaseDocument | null> {
    const caseId = await this.linkedCaseId(workspace, sourceKey);
    return caseId ? this.getById(workspace, caseId) : null;
  }

  async linkedCaseId(workspace: string, sourceKey: string): Promise<Types.ObjectId | null> {
    const link = await this.models.caseLinks.findById(`${workspace}:${sourceKey}`).lean<{ caseId: Types.ObjectId }>();
    return link?.caseId ?? null;
  }

  /**
   * Links a source to a case: the claim that makes every message (and command invocation) count
   * once. False when the source already belongs to a case.
   */
  async link(workspace: string, sourceKey: string, caseId: Types.ObjectId): Promise<boolean> {
    return insertedOnce(this.models.caseLinks.create({ _id: `${workspace}:${sourceKey}`, workspace, caseId }));
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
   * Inserts the case, with the id its source link claimed, under the next number this process
   * holds (see CaseNumbers). A case that already exists under this id (a racing trigger created
   * it) is returned instead, and the number goes back to be used by the next case.
   */
  async insert(id: Types.ObjectId, data: NewCase): Promise<{ case: CaseDocument; created: boolean }> {
    for (let attempt = 0; attempt < maxNumberRetries; attempt += 1) {
      const number = await this.numbers.next(data.workspace);
      try {
        const created = await this.models.cases.create({ _id: id, ...data, number, key: formatCaseKey(number), version: 1 });
        return { case: created.toObject() as CaseDocument, created: true };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        const existing = await this.getById(data.workspace, id);
        if (existing) {
          await this.numbers.giveBack(data.workspace, number);
          return { case: existing, created: false };
        }
      }
    }
    throw new Error(`Could not allocate a case number after ${maxNumberRetries} attempts`);
  }

  /** Writes a change and bumps the version; returns the case as written. */
  async update(doc: CaseDocument, set: Partial<CaseDocument>): Promise<CaseDocument> {
    const version = doc.version + 1;
    await this.models.cases.updateOne({ _id: doc._id }, { $set: { ...set, version } });
    return { ...doc, ...set, version };
  }

  /** Sets fields that do not make a new version of the case (activity times, due points). */
  async set(doc: CaseDocument, set: Partial<CaseDocument>): Promise<CaseDocument> {
    await this.models.cases.updateOne({ _id: doc._id }, { $set: set });
    return { ...doc, ...set };
  }

  /** Appends to the timeline; replaying an entry with the same key is a no-op. */
  async appendEvent(workspace: string, caseId: Types.ObjectId, entry: TimelineEntry): Promise<boolean> {
    return insertedOnce(this.models.caseEvents.create({ workspace, caseId, ...entry, data: entry.data ?? {} }));
  }

  /** Every open case of a workspace (for listings on request; scheduled work reads due points instead). */
  listOpen(workspace: string): Promise<CaseDocument[]> {
    return this.models.cases.find({ workspace, status: { $in: openStatuses } }).lean<CaseDocument[]>();
  }

  getEvent(workspace: string, caseId: Types.ObjectId, key: string): Promise<CaseEventDocument | null> {
    return this.models.caseEvents.findOne({ workspace, caseId, key }).lean<CaseEventDocument>();
  }

  listEvents(workspace: string, caseId: Types.ObjectId): Promise<CaseEventDocument[]> {
    return this.models.caseEvents.find({ workspace, caseId }).sort({ at: 1, _id: 1 }).lean<CaseEventDocument[]>();
  }
}
