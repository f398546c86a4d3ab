import type { CaseDocument, KnowledgeEntryDocument, Models } from '../storage/models/index.js';

/** Resolved cases as knowledge entries, addressed by case id (the one filter every server pushes down). */
export class KnowledgeRepository {
  constructor(private readonly models: Pick<Models, 'knowledge'>) {}

  /** The case's resolution as its entry; a later resolution replaces it. */
  async resolved(doc: CaseDocument): Promise<void> {
    if (!doc.resolution || !doc.resolvedAt) return;
    const entry: Omit<KnowledgeEntryDocument, '_id'> = {
      workspace: doc.workspace,
      caseKey: doc.key,
      title: doc.title,
      tags: doc.tags,
      cause: doc.resolution.cause,
      fix: doc.resolution.fix,
      account: doc.account,
      resolvedAt: doc.resolvedAt,
      current: true,
    };
    await this.models.knowledge.updateOne({ _id: String(doc._id) }, { $set: entry }, { upsert: true });
  }

  async reopened(doc: CaseDocument): Promise<void> {
    await this.models.knowledge.updateOne({ _id: String(doc._id) }, { $set: { current: false } });
  }

  get(caseId: string): Promise<KnowledgeEntryDocument | null> {
    return this.models.knowledge.findById(caseId).lean<KnowledgeEntryDocument>();
  }
}
