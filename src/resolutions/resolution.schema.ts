import { z } from 'zod';
import { actorSchema } from '../cases/case.schema.js';

/** Limits a summary reader can take in, and the modal enforces too. */
export const resolutionLimits = { cause: 2_000, fix: 2_000, note: 4_000 } as const;

const caseRef = { workspace: z.string().min(1), caseId: z.string().regex(/^[a-f0-9]{24}$/, 'That is not a case.'), actor: actorSchema };

export const resolveSchema = z.object({
  ...caseRef,
  cause: z
    .string()
    .trim()
    .min(1, 'Describe the cause: what was wrong, in words the customer understands.')
    .max(resolutionLimits.cause, `Keep the cause under ${resolutionLimits.cause} characters.`),
  fix: z
    .string()
    .trim()
    .min(1, 'Describe the fix: what was done to solve it.')
    .max(resolutionLimits.fix, `Keep the fix under ${resolutionLimits.fix} characters.`),
  note: z
    .string()
    .trim()
    .max(resolutionLimits.note, `Keep the internal note under ${resolutionLimits.note} characters.`)
    .optional()
    .transform((note) => (note ? note : null)),
});
export type ResolveInput = z.infer<typeof resolveSchema>;

/** A customer's answer to a summary (or to a reopen prompt): a verdict, a rating, or both. */
export const answerSchema = z
  .object({
    ...caseRef,
    verdict: z.enum(['solved', 'still_broken']).optional(),
    rating: z.coerce.number().int('Ratings are whole numbers from 1 to 5.').min(1, 'Ratings go from 1 to 5.').max(5, 'Ratings go from 1 to 5.').optional(),
    /** Where the button was pressed: answers count from the case's own customer thread (or from the team). */
    channel: z.string().min(1),
  })
  .refine((answer) => answer.verdict !== undefined || answer.rating !== undefined, 'An answer needs a verdict or a rating.');
export type AnswerInput = z.infer<typeof answerSchema>;
