import type { Clock } from '../ports/clock.js';
import type { OutboxRepository } from '../outbox/outbox.repository.js';
import type { CaseDocument } from '../storage/models/index.js';
import { KnowledgeIndex, type KnowledgeHit } from './knowledge.index.js';
import type { KnowledgeRepository } from './knowledge.repository.js';

/** Entries changed this long before the last refresh are read again: another replica's clock may lag. */
const refreshOverlapMs = 60_000;

/** A hit with where its case card was posted (for a link to it). */
export type KnowledgeResult = KnowledgeHit & { card: { channel: string; messageId: string } | null };

/**
 * The knowledge search (PRODUCT.md flow 8): resolved cases, searched by title, tags, cause and fix.
 * The entries are stored (so the index survives restarts: it is rebuilt from them at start); this
 * replica's changes reach its index at once, other replicas' on the next refresh.
 */
export class KnowledgeService {
  private readonly index = new KnowledgeIndex();
  private refreshedAt: Date | undefined;

  constructor(
    private readonly deps: { repository: KnowledgeRepository; outbox: OutboxRepository; workspace: string; clock: Clock },
  ) {}

  /** Reads the entries changed since the last refresh (all of them the first time) into the index. */
  async refresh(): Promise<number> {
    const started = this.deps.clock.now();
    const since = this.refreshedAt && new Date(this.refreshedAt.getTime() - refreshOverlapMs);
    const entries = await this.deps.repository.changedSince(this.deps.workspace, since);
    for (const entry of entries) this.index.apply(entry);
    this.refreshedAt = started;
    return entries.length;
  }

  async resolved(doc: CaseDocument): Promise<void> {
    const entry = await this.deps.repository.resolved(doc, this.deps.clock.now());
    if (entry) this.index.apply(entry);
  }

  async reopened(doc: CaseDocument): Promise<void> {
    const entry = await this.deps.repository.reopened(doc, this.deps.clock.now());
    if (entry) this.index.apply(entry);
  }

  /** `/tugi kb <words>`: the best matches, with where each case's card is. */
  async search(words: string, limit = 5): Promise<KnowledgeResult[]> {
    return Promise.all(
      this.index.find(words, limit).map(async (hit) => {
        const card = await this.deps.outbox.getByKey(this.deps.workspace, `case:${hit.caseId}:card`);
        return { ...hit, card: card?.messageId ? { channel: card.channel, messageId: card.messageId } : null };
      }),
    );
  }

  /** Up to three resolved cases like this one, for its triage card (in memory, so cards render at once). */
  similarTo(doc: Pick<CaseDocument, '_id' | 'title' | 'description'>): KnowledgeHit[] {
    return this.index.similar(`${doc.title} ${doc.description.slice(0, 500)}`, String(doc._id), 3);
  }
}
