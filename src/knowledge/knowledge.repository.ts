import type { CaseDocument, KnowledgeEntryDocument, Models } from '../storage/models/index.js';

/** Resolved cases as knowledge entries, addressed by case id (the one filter every server pushes down). */
export class KnowledgeRepository {
  constructor(private readonly models: Pick<Models, 'knowledge'>) {}

  /** The case's resolution as its entry (a later resolution replaces it); returns what was stored. */
  async resolved(doc: CaseDocument, now: Date): Promise<KnowledgeEntryDocument | undefined> {
    if (!doc.resolution || !doc.resolvedAt) return undefined;
    const entry: KnowledgeEntryDocument = {
      _id: String(doc._id),
      workspace: doc.workspace,
      caseKey: doc.key,
      title: doc.title,
      tags: doc.tags,
      cause: doc.resolution.cause,
      fix: doc.resolution.fix,
      account: doc.account,
      resolvedAt: doc.resolvedAt,
      current: true,
      changedAt: now,
    };
    const { _id, ...fields } = entry;
    await this.models.knowledge.updateOne({ _id }, { $set: fields }, { upsert: true });
    return entry;
  }

  /** A reopened case's entry stops being current (its cause and fix may turn out wrong). */
  async reopened(doc: CaseDocument, now: Date): Promise<KnowledgeEntryDocument | undefined> {
    const entry = await this.get(String(doc._id));
    if (!entry) return undefined;
    await this.models.knowledge.updateOne({ _id: entry._id }, { $set: { current: false, changedAt: now } });
    return { ...entry, current: false, changedAt: now };
  }

  get(caseId: string): Promise<KnowledgeEntryDocument | null> {
    return this.models.knowledge.findById(caseId).lean<KnowledgeEntryDocument>();
  }

  /** Entries changed since `since` (all of them without it), for building and refreshing a search index. */
  changedSince(workspace: string, since?: Date): Promise<KnowledgeEntryDocument[]> {
    return this.models.knowledge.find({ workspace, ...(since ? { changedAt: { $gte: since } } : {}) }).lean<KnowledgeEntryDocument[]>();
  }
}
