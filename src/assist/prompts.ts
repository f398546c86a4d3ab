import { z } from 'zod';
import { priorities } from '../config/sla.js';
import { resolutionLimits } from '../resolutions/resolution.schema.js';

/**
 * Every prompt tugi sends, in one place. A prompt's version goes into the logs with each answer,
 * so a change in drafts can be traced to a change here; raise it when the text changes.
 */
export interface Prompt<T extends z.ZodType> {
  name: string;
  version: number;
  system: string;
  /** The JSON the model must answer with (JSON mode), checked before anything is shown. */
  answer: T;
}

/** What every prompt says about the case material (built in case-material.ts). */
const material =
  'You get the case as JSON: its title and description, the customer-facing conversation ("customerThread"), the team-only conversation ("internalOnly"), its tags, and similar resolved cases.';
const forTheCustomer = [
  'Write in plain words a customer understands, in the language named by "language" (en: English, et: Estonian).',
  'Use "internalOnly" only to understand the case: never copy its wording, names, internal systems, ticket numbers, credentials or opinions into the answer.',
  'State only what the case material supports; never promise what the material does not show was done.',
];

export const resolutionDraftPrompt = {
  name: 'resolution_draft',
  version: 2,
  system: [
    'You draft the resolution summary of a technical support case, which a support agent checks, edits and sends to the customer.',
    material,
    'Answer with a JSON object {"cause": string, "fix": string}: "cause" says what was wrong, "fix" what was done about it, each in two or three short sentences.',
    ...forTheCustomer,
    'If the cause is not known from the material, say so plainly.',
  ].join('\n'),
  answer: z.object({
    cause: z.string().trim().min(1).max(resolutionLimits.cause),
    fix: z.string().trim().min(1).max(resolutionLimits.fix),
  }),
} satisfies Prompt<z.ZodType>;

export const replyDraftLimit = 2_000;

export const replyDraftPrompt = {
  name: 'reply_draft',
  version: 1,
  system: [
    'You draft the next reply a support agent sends to a customer in their support thread; the agent reads and edits it before it is sent.',
    material,
    'Answer with a JSON object {"reply": string}: a short, friendly message (at most five sentences) that answers the customer’s latest message,',
    'asks for what the team still needs to know, or suggests a next step a similar resolved case supports. Do not sign it and do not invent facts.',
    ...forTheCustomer,
  ].join('\n'),
  answer: z.object({ reply: z.string().trim().min(1).max(replyDraftLimit) }),
} satisfies Prompt<z.ZodType>;

export const summaryLimit = 1_500;

export const caseSummaryPrompt = {
  name: 'case_summary',
  version: 1,
  system: [
    'You brief a support specialist who is joining a technical support case, so they are up to speed without reading the whole thread.',
    material,
    'The reader is on the support team: internal and customer-facing material may both be used.',
    'Answer with a JSON object {"summary": string, "nextStep": string}: "summary" says in three to five sentences what the customer reported,',
    'what is known and what was tried; "nextStep" says in one sentence what is open or asked of the specialist (empty if nothing is).',
    'Write in English. State only what the material supports.',
  ].join('\n'),
  answer: z.object({ summary: z.string().trim().min(1).max(summaryLimit), nextStep: z.string().trim().max(300).default('') }),
} satisfies Prompt<z.ZodType>;

export const triageSuggestionPrompt = {
  name: 'triage_suggestion',
  version: 1,
  system: [
    'You suggest how a new technical support case is triaged; a support agent accepts or dismisses the suggestion.',
    'You get the case as JSON: its title, description, the skill tags the team declares ("knownTags", each with what it covers) and the priorities ("priorities", most urgent first).',
    'Answer with a JSON object {"tags": string[], "priority": string, "reason": string}: at most three tags, each exactly one of "knownTags" (none if none fits),',
    'one of "priorities", and one short sentence saying why. Judge urgency by the impact the customer describes, not by their tone.',
  ].join('\n'),
  answer: z.object({ tags: z.array(z.string().max(64)).max(10).default([]), priority: z.enum(priorities), reason: z.string().trim().max(300).default('') }),
} satisfies Prompt<z.ZodType>;
