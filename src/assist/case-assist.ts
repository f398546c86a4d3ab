import type { CaseRepository } from '../cases/case.repository.js';
import { priorities, type Priority } from '../config/sla.js';
import type { KnowledgeService } from '../knowledge/knowledge.service.js';
import type { Directory } from '../people/directory.js';
import type { CaseDocument } from '../storage/models/index.js';
import type { Assistant } from './assistant.js';
import { caseMaterial, type CaseMaterial } from './case-material.js';
import { withoutInternalText } from './internal-text.js';
import { caseSummaryPrompt, replyDraftPrompt, resolutionDraftPrompt, triageSuggestionPrompt } from './prompts.js';

export interface ResolutionDraft {
  cause: string;
  fix: string;
}

/** The model's cause and fix without a sentence that repeats internal-only text (also what `npm run eval:assist` scores). */
export function filteredResolution(answer: ResolutionDraft, { internalTexts, publicTexts }: Pick<CaseMaterial, 'internalTexts' | 'publicTexts'>): ResolutionDraft | undefined {
  const cause = withoutInternalText(answer.cause, internalTexts, publicTexts);
  const fix = withoutInternalText(answer.fix, internalTexts, publicTexts);
  return cause || fix ? { cause, fix } : undefined;
}

export type AssistUnavailable = 'no_provider' | 'opted_out';

export interface CaseBrief {
  summary: string;
  nextStep: string;
}

/** The model's triage of a new case: only declared tags, and only what differs from the case. */
export interface TriageSuggestion {
  tags: string[];
  priority: Priority | null;
  reason: string;
}

/**
 * What the model drafts for a case: the resolution's cause and fix, a reply to the customer, a
 * brief for the team, a triage suggestion. Nothing is sent to the provider for an account with
 * `ai: false`; whatever goes into a customer-facing field first loses every sentence that repeats
 * internal-only text. Every method gives `undefined` when there is no draft, and the caller offers
 * what tugi offers without a model.
 */
export class CaseAssist {
  constructor(private readonly deps: { assistant: Assistant; repository: CaseRepository; directory: Directory; knowledge: KnowledgeService }) {}

  /** Why no draft is asked for this case: no provider, or the account keeps its cases from it (`ai: false`). */
  unavailableFor(doc: Pick<CaseDocument, 'account'>): AssistUnavailable | undefined {
    if (!this.deps.assistant.enabled) return 'no_provider';
    return this.deps.directory.account(doc.account)?.ai === false ? 'opted_out' : undefined;
  }

  /** Whether drafts are asked for this case (so a form can say one is coming, a card offer one). */
  offeredFor(doc: Pick<CaseDocument, 'account'>): boolean {
    return this.unavailableFor(doc) === undefined;
  }

  async resolution(doc: CaseDocument): Promise<ResolutionDraft | undefined> {
    if (!this.offeredFor(doc)) return undefined;
    const material = await caseMaterial(doc, this.deps);
    const answer = await this.deps.assistant.ask(resolutionDraftPrompt, material.material);
    return answer && filteredResolution(answer, material);
  }

  async reply(doc: CaseDocument): Promise<string | undefined> {
    if (!this.offeredFor(doc)) return undefined;
    const { material, internalTexts, publicTexts } = await caseMaterial(doc, this.deps);
    const answer = await this.deps.assistant.ask(replyDraftPrompt, material);
    return (answer && withoutInternalText(answer.reply, internalTexts, publicTexts)) || undefined;
  }

  /** For the team only (internal text may be in it): never put it where a customer reads. `unasked`: nobody waits for it. */
  async brief(doc: CaseDocument, options: { unasked?: boolean } = {}): Promise<CaseBrief | undefined> {
    if (!this.offeredFor(doc)) return undefined;
    const { material } = await caseMaterial(doc, this.deps);
    return this.deps.assistant.ask(caseSummaryPrompt, material, options);
  }

  async triage(doc: CaseDocument): Promise<TriageSuggestion | undefined> {
    const skills = this.deps.directory.config.skills;
    if (!this.offeredFor(doc) || skills.length === 0) return undefined;
    const material = { title: doc.title, description: doc.description.slice(0, 1_500), knownTags: skills.map((skill) => ({ tag: skill.tag, covers: skill.description ?? '' })), priorities };
    // Asked for every new case, and nobody waits for it.
    const answer = await this.deps.assistant.ask(triageSuggestionPrompt, material, { unasked: true });
    if (!answer) return undefined;
    // The model only suggests from the declared tags; whatever else it names is dropped.
    const known = new Set(skills.map((skill) => skill.tag));
    const tags = [...new Set(answer.tags)].filter((tag) => known.has(tag) && !doc.tags.includes(tag)).slice(0, 3);
    const priority = answer.priority !== doc.priority ? answer.priority : null;
    return tags.length > 0 || priority ? { tags, priority, reason: answer.reason } : undefined;
  }
}
