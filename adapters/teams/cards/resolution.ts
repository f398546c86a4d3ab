import { durationInWords, reopenPromptText, resolutionWords, type CaseResolutionView, type CaseResolvedView, type ReopenPromptView } from '../../../src/messages/index.js';
import { resolutionLimits } from '../../../src/resolutions/resolution.schema.js';
import type { CardSubmit } from '../activity.js';
import { card, teamsBold, textBlock } from './elements.js';

const submit = (title: string, data: CardSubmit, style?: 'positive' | 'destructive') => ({ type: 'Action.Submit', title, data, ...(style ? { style } : {}) });

/** The resolution summary for a Teams customer: cause, fix, time taken, Solved / Still broken and a 1–5 rating. */
export function resolutionCard(view: CaseResolutionView): object {
  const words = resolutionWords[view.language];
  const answer = (verdict: 'solved' | 'still_broken') => ({ tugi: 'case.answer' as const, caseId: view.caseId, verdict });
  return card(
    [
      textBlock(teamsBold(words.heading(view.caseKey, durationInWords(view.tookMinutes, view.language))), { size: 'Medium' }),
      textBlock(words.cause, { weight: 'Bolder', spacing: 'Medium' }),
      textBlock(view.cause),
      textBlock(words.fix, { weight: 'Bolder', spacing: 'Medium' }),
      textBlock(view.fix),
      textBlock(words.question, { spacing: 'Medium' }),
      { type: 'ActionSet', actions: [submit(words.solved, answer('solved'), 'positive'), submit(words.stillBroken, answer('still_broken'), 'destructive')] },
      textBlock(words.rate, { size: 'Small', isSubtle: true }),
      { type: 'ActionSet', actions: [1, 2, 3, 4, 5].map((n) => submit('★'.repeat(n), { tugi: 'case.answer', caseId: view.caseId, rating: n })) },
    ],
    [],
  );
}

export function resolvedCard(view: CaseResolvedView): object {
  const body = [
    textBlock(`✅ ${view.caseKey} · ${view.title} — resolved by ${view.by} in ${durationInWords(view.tookMinutes, 'en')}.`, { weight: 'Bolder' }),
    { type: 'FactSet', facts: [{ title: 'Cause', value: view.cause }, { title: 'Fix', value: view.fix }] },
    ...(view.note ? [textBlock(`Internal note (not shown to the customer): ${view.note}`, { isSubtle: true })] : []),
    ...(view.specialists.length ? [textBlock(`🙌 Thanks to ${view.specialists.join(', ')} for the help.`)] : []),
  ];
  return card(body, []);
}

export function reopenPromptCard(view: ReopenPromptView): object {
  const words = resolutionWords[view.language];
  const answer = (verdict: 'solved' | 'still_broken') => ({ tugi: 'case.answer' as const, caseId: view.caseId, verdict });
  return card([textBlock(teamsBold(reopenPromptText(view)))], [], [submit(words.reopen, answer('still_broken'), 'destructive'), submit(words.fine, answer('solved'))]);
}

/** "Resolve" on the specialist thread's card: cause and fix (required) and an internal note, in the card itself. */
export function resolveAction(caseId: string): object {
  const input = (id: string, label: string, maxLength: number, required: boolean) => ({
    type: 'Input.Text',
    id,
    label,
    isMultiline: true,
    maxLength,
    isRequired: required,
    ...(required ? { errorMessage: `${label} is required` } : {}),
  });
  return {
    type: 'Action.ShowCard',
    title: 'Resolve',
    card: {
      type: 'AdaptiveCard',
      body: [
        input('cause', 'What was wrong (the customer reads this)', resolutionLimits.cause, true),
        input('fix', 'What was done (the customer reads this)', resolutionLimits.fix, true),
        input('note', 'Internal note (never shown to the customer)', resolutionLimits.note, false),
      ],
      actions: [submit('Resolve and tell the customer', { tugi: 'case.resolve', caseId })],
    },
  };
}
