import type { ConversationDocument, Models } from './models/index.js';

const readTtlMs = 60_000;

export type ConversationRef = Omit<ConversationDocument, '_id' | 'updatedAt'>;

/** Where tugi can reach a Teams conversation proactively; refreshed by every activity from it. */
export class ConversationRefs {
  private readonly known = new Map<string, string>();
  /** References read for sending, kept briefly: every outgoing Teams message needs one. */
  private readonly read = new Map<string, { doc: ConversationDocument; at: number }>();
  /** Bumped by every write here, so a read that raced a write is not kept. */
  private writes = 0;

  constructor(private readonly models: Pick<Models, 'conversations'>) {}

  /** Stores the reference; skips the write when nothing changed since this process last wrote it. */
  async save(ref: ConversationRef, now: Date): Promise<void> {
    const id = `${ref.workspace}:${ref.conversationId}`;
    const fingerprint = JSON.stringify(ref);
    if (this.known.get(id) === fingerprint) return;
    await this.models.conversations.updateOne({ _id: id }, { $set: { ...ref, updatedAt: now } }, { upsert: true });
    this.known.set(id, fingerprint);
    this.writes += 1;
    this.read.delete(id);
  }

  async markRemoved(workspace: string, conversationId: string, now: Date): Promise<void> {
    const id = `${workspace}:${conversationId}`;
    await this.models.conversations.updateOne({ _id: id }, { $set: { installed: false, updatedAt: now } });
    this.known.delete(id);
    this.writes += 1;
    this.read.delete(id);
  }

  /** The stored reference; another replica's change is seen within `readTtlMs`. */
  async get(workspace: string, conversationId: string): Promise<ConversationDocument | null> {
    const id = `${workspace}:${conversationId}`;
    const cached = this.read.get(id);
    if (cached && Date.now() - cached.at < readTtlMs) return cached.doc;
    const writesBefore = this.writes;
    const doc = await this.models.conversations.findById(id).lean<ConversationDocument>();
    // Not found is not kept: the install may be on its way.
    if (doc && this.writes === writesBefore) this.read.set(id, { doc, at: Date.now() });
    return doc;
  }
}
