import type { CaseRepository } from '../cases/case.repository.js';
import type { KnowledgeService } from '../knowledge/knowledge.service.js';
import type { Directory } from '../people/directory.js';
import type { CaseDocument, CaseEventDocument } from '../storage/models/index.js';

/** What the customer saw or wrote; every other timeline text is the team's own. */
const customerFacing = new Set(['customer_message', 'public_reply']);
/** Enough of a long case for a draft, without sending its whole history. */
const maxEntries = 60;
const maxEntryChars = 1_500;

const textOf = (event: CaseEventDocument) => {
  const data = event.data as { text?: unknown; after?: unknown };
  const text = typeof data.text === 'string' ? data.text : typeof data.after === 'string' ? data.after : '';
  return text.slice(0, maxEntryChars);
};

/** A case as the prompts see it, and its texts split by who may read them (for the final filter). */
export interface CaseMaterial {
  material: {
    language: string;
    title: string;
    description: string;
    tags: string[];
    customerThread: Array<{ from: 'customer' | 'team'; text: string }>;
    internalOnly: string[];
    similarResolvedCases: Array<{ title: string; cause: string; fix: string }>;
  };
  /** Title, description and the customer-facing thread: what the customer knows already. */
  publicTexts: string[];
  internalTexts: string[];
}

/**
 * Gathers what the README lists as sent to the provider for a case: its title, description and
 * tags, the latest 60 timeline texts (each cut at 1 500 characters) — the customer thread, and the
 * internal and specialist threads marked as internal — and up to three similar resolved cases.
 */
export async function caseMaterial(doc: CaseDocument, deps: { repository: CaseRepository; directory: Directory; knowledge: KnowledgeService }): Promise<CaseMaterial> {
  const events = (await deps.repository.listEvents(doc.workspace, doc._id)).filter((e) => textOf(e) !== '').slice(-maxEntries);
  const customerThread = events.filter((e) => customerFacing.has(e.type));
  const internalTexts = events.filter((e) => !customerFacing.has(e.type)).map(textOf);
  const description = doc.description.slice(0, maxEntryChars);
  return {
    material: {
      language: deps.directory.account(doc.account)?.language ?? 'en',
      title: doc.title,
      description,
      tags: doc.tags,
      customerThread: customerThread.map((e) => ({ from: e.type === 'customer_message' ? 'customer' : 'team', text: textOf(e) })),
      internalOnly: internalTexts,
      similarResolvedCases: deps.knowledge.similarTo(doc).map((hit) => ({ title: hit.title, cause: hit.cause, fix: hit.fix })),
    },
    publicTexts: [doc.title, description, ...customerThread.map(textOf)],
    internalTexts,
  };
}
