import type { ConversationDocument, Models } from './models/index.js';

export type ConversationRef = Omit<ConversationDocument, '_id' | 'updatedAt'>;

/** Where tugi can reach a Teams conversation proactively; refreshed by every activity from it. */
export class ConversationRefs {
  private readonly known = new Map<string, string>();

  constructor(private readonly models: Pick<Models, 'conversations'>) {}

  /** Stores the reference; skips the write when nothing changed since this process last wrote it. */
  async save(ref: ConversationRef, now: Date): Promise<void> {
    const id = `${ref.workspace}:${ref.conversationId}`;
    const fingerprint = JSON.stringify(ref);
    if (this.known.get(id) === fingerprint) return;
    await this.models.conversations.updateOne({ _id: id }, { $set: { ...ref, updatedAt: now } }, { upsert: true });
    this.known.set(id, fingerprint);
  }

  async markRemoved(workspace: string, conversationId: string, now: Date): Promise<void> {
    const id = `${workspace}:${conversationId}`;
    await this.models.conversations.updateOne({ _id: id }, { $set: { installed: false, updatedAt: now } });
    this.known.delete(id);
  }

  get(workspace: string, conversationId: string): Promise<ConversationDocument | null> {
    return this.models.conversations.findById(`${workspace}:${conversationId}`).lean<ConversationDocument>();
  }
}
