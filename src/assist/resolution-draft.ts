import type { CaseRepository } from '../cases/case.repository.js';
import type { KnowledgeService } from '../knowledge/knowledge.service.js';
import type { Directory } from '../people/directory.js';
import type { CaseDocument, CaseEventDocument } from '../storage/models/index.js';
import type { Assistant } from './assistant.js';
import { withoutInternalText } from './internal-text.js';
import { resolutionDraftPrompt } from './prompts.js';

/** What the customer saw or wrote; every other timeline text is the team's own. */
const customerFacing = new Set(['customer_message', 'public_reply']);
/** Enough of a long case for a draft, without sending its whole history. */
const maxEntries = 60;
const maxEntryChars = 1_500;

export interface ResolutionDraft {
  cause: string;
  fix: string;
}

const textOf = (event: CaseEventDocument) => {
  const data = event.data as { text?: unknown; after?: unknown };
  const text = typeof data.text === 'string' ? data.text : typeof data.after === 'string' ? data.after : '';
  return text.slice(0, maxEntryChars);
};

/**
 * The cause and fix of a case, drafted by the model for the Resolve form, in the account's
 * language. Nothing is sent to the provider for an account with `ai: false`, and every sentence
 * that repeats internal-only text is taken out of the draft before anyone sees it.
 */
export class ResolutionDrafts {
  constructor(private readonly deps: { assistant: Assistant; repository: CaseRepository; directory: Directory; knowledge: KnowledgeService }) {}

  /** Whether a draft will be asked for this case (so the form can say one is coming). */
  offeredFor(doc: CaseDocument): boolean {
    return this.deps.assistant.enabled && this.deps.directory.account(doc.account)?.ai !== false;
  }

  async draft(doc: CaseDocument): Promise<ResolutionDraft | undefined> {
    if (!this.offeredFor(doc)) return undefined;
    const events = (await this.deps.repository.listEvents(doc.workspace, doc._id)).filter((e) => textOf(e) !== '').slice(-maxEntries);
    const customerThread = events.filter((e) => customerFacing.has(e.type));
    const internalTexts = events.filter((e) => !customerFacing.has(e.type)).map(textOf);
    const publicTexts = [doc.title, doc.description, ...customerThread.map(textOf)];
    const answer = await this.deps.assistant.ask(resolutionDraftPrompt, {
      language: this.deps.directory.account(doc.account)?.language ?? 'en',
      title: doc.title,
      description: doc.description.slice(0, maxEntryChars),
      tags: doc.tags,
      customerThread: customerThread.map((e) => ({ from: e.type === 'customer_message' ? 'customer' : 'team', text: textOf(e) })),
      internalOnly: internalTexts,
      similarResolvedCases: this.deps.knowledge.similarTo(doc).map((hit) => ({ title: hit.title, cause: hit.cause, fix: hit.fix })),
    });
    if (!answer) return undefined;
    const cause = withoutInternalText(answer.cause, internalTexts, publicTexts);
    const fix = withoutInternalText(answer.fix, internalTexts, publicTexts);
    return cause || fix ? { cause, fix } : undefined;
  }
}
