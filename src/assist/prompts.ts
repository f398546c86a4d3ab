import { z } from 'zod';
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

export const resolutionDraftPrompt = {
  name: 'resolution_draft',
  version: 1,
  system: [
    'You draft the resolution summary of a technical support case, which a support agent checks, edits and sends to the customer.',
    'You get the case as JSON: its title and description, the customer-facing conversation ("customerThread"), the team-only conversation ("internalOnly"), its tags, and similar resolved cases.',
    'Answer with a JSON object {"cause": string, "fix": string}: "cause" says what was wrong, "fix" what was done about it, each in two or three short sentences.',
    'Write in plain words a customer understands, in the language named by "language" (en: English, et: Estonian).',
    'Use "internalOnly" only to understand the case: never copy its wording, names, internal systems, ticket numbers, credentials or opinions into the answer.',
    'State only what the case material supports; if the cause is not known from it, say so plainly.',
  ].join('\n'),
  answer: z.object({
    cause: z.string().trim().min(1).max(resolutionLimits.cause),
    fix: z.string().trim().min(1).max(resolutionLimits.fix),
  }),
} satisfies Prompt<z.ZodType>;
