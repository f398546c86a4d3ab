import { durationInWords, reopenPromptText, resolutionWords, type CaseResolutionView, type CaseResolvedView, type ReopenPromptView, type ResolveFormView } from '../../../src/messages/index.js';
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

/** The Resolve form's inputs: cause and fix (required, the customer reads them) and an internal note. */
function resolveInputs(caseId: string, draft?: { cause: string; fix: string }): object[] {
  const input = (id: string, label: string, maxLength: number, required: boolean, value = '') => ({
    type: 'Input.Text',
    id,
    label,
    isMultiline: true,
    maxLength,
    isRequired: required,
    ...(value ? { value: value.slice(0, maxLength) } : {}),
    ...(required ? { errorMessage: `${label} is required` } : {}),
  });
  return [
    input('cause', 'What was wrong (the customer reads this)', resolutionLimits.cause, true, draft?.cause),
    input('fix', 'What was done (the customer reads this)', resolutionLimits.fix, true, draft?.fix),
    input('note', 'Internal note (never shown to the customer)', resolutionLimits.note, false),
    { type: 'ActionSet', actions: [submit('Resolve and tell the customer', { tugi: 'case.resolve', caseId }, 'positive')] },
  ];
}

/**
 * "Resolve" on the specialist thread's card, in the card itself; with a model provider also
 * "Resolve with a draft", which answers in the thread with the form filled in (a sent card
 * cannot be filled in later).
 */
export function resolveActions(caseId: string, offersDraft: boolean): object[] {
  const resolve = { type: 'Action.ShowCard', title: 'Resolve', card: { type: 'AdaptiveCard', body: resolveInputs(caseId) } };
  return offersDraft ? [resolve, submit('Resolve with a draft', { tugi: 'case.draft-resolution', caseId })] : [resolve];
}

/** The Resolve form with its cause and fix drafted (or empty, when no draft came), to check and send. */
export function resolveFormCard(view: ResolveFormView): object {
  const drafted = Boolean(view.cause || view.fix);
  const lead = drafted ? 'Drafted from the case — check it and edit before you resolve: the customer reads the cause and the fix.' : 'No draft could be written this time: write the cause and the fix.';
  return card([textBlock(`Resolve ${view.caseKey} · ${view.title}`, { weight: 'Bolder' }), textBlock(lead, { isSubtle: true, size: 'Small' }), ...resolveInputs(view.caseId, view)], []);
}
