import MiniSearch from 'minisearch';
import type { KnowledgeEntryDocument } from '../storage/models/index.js';

/** A search hit: enough to show the case and why it matched. */
export interface KnowledgeHit {
  caseId: string;
  caseKey: string;
  title: string;
  tags: string[];
  cause: string;
  fix: string;
  resolvedAt: Date;
  score: number;
}

/** Tags are searched as one text field and stored as they are. */
type Indexed = Omit<KnowledgeEntryDocument, '_id' | 'current'> & { id: string; tagText: string };

/**
 * Full-text search over resolved cases (MiniSearch: BM25 ranking, prefix and fuzzy matching).
 * Titles and tags weigh more than cause and fix; only current entries (not reopened) are in it.
 * Kept in memory and built from the knowledge collection, which is the durable copy.
 */
export class KnowledgeIndex {
  private readonly search = new MiniSearch<Indexed>({
    fields: ['title', 'tagText', 'cause', 'fix'],
    storeFields: ['caseKey', 'title', 'tags', 'cause', 'fix', 'resolvedAt'],
    searchOptions: { boost: { title: 2, tagText: 2 }, prefix: (term) => term.length > 3, fuzzy: (term) => (term.length > 4 ? 0.2 : false) },
  });

  get size(): number {
    return this.search.documentCount;
  }

  /** An entry as stored: added, replaced, or taken out when it is no longer current. */
  apply(entry: KnowledgeEntryDocument): void {
    const id = String(entry._id);
    if (this.search.has(id)) this.search.discard(id);
    if (!entry.current) return;
    const { _id: _ignored, current: _current, ...fields } = entry;
    this.search.add({ ...fields, id, tagText: fields.tags.join(' ') });
  }

  /** The best matches for what someone typed, best first. */
  find(words: string, limit: number): KnowledgeHit[] {
    return this.hits(this.search.search(words), limit);
  }

  /** Resolved cases like a new one (its title and description), for its triage card. */
  similar(text: string, excludeCaseId: string, limit: number): KnowledgeHit[] {
    const results = this.search.search(text, { filter: (result) => result.id !== excludeCaseId, combineWith: 'OR' });
    return this.hits(results, limit);
  }

  private hits(results: ReturnType<MiniSearch<Indexed>['search']>, limit: number): KnowledgeHit[] {
    return results.slice(0, limit).map((result) => ({
      caseId: String(result.id),
      caseKey: result.caseKey as string,
      title: result.title as string,
      tags: result.tags as string[],
      cause: result.cause as string,
      fix: result.fix as string,
      resolvedAt: new Date(result.resolvedAt as string | Date),
      score: result.score,
    }));
  }
}
