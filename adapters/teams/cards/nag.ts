import { priorityLabels, type NagView } from '../../../src/messages/index.js';
import type { CardSubmit } from '../activity.js';

type SnoozeChoice = Extract<CardSubmit, { tugi: 'case.snooze' }>['choice'];
import { card, mentionLine, teamsMentions, textBlock } from './elements.js';

const snoozeLabels: Record<SnoozeChoice, string> = { '1h': 'Snooze 1 hour', '4h': 'Snooze 4 hours', tomorrow: 'Until tomorrow', monday: 'Until Monday' };

/** A nag in a Teams thread (a silent specialist's reminder): who, which case, why, and snooze buttons. */
export function nagCard(view: NagView): object {
  const who = view.mentions.length ? `${mentionLine(view.mentions)} — ` : '';
  const snooze = (choice: SnoozeChoice) => ({
    type: 'Action.Submit',
    title: snoozeLabels[choice],
    data: { tugi: 'case.snooze', caseId: view.caseId, choice } satisfies CardSubmit,
  });
  return card(
    [textBlock(`${view.caseKey} · ${view.title} (${priorityLabels[view.priority]})`, { weight: 'Bolder' }), textBlock(`${who}${view.text}`)],
    teamsMentions(view.mentions),
    [snooze('4h'), snooze('tomorrow')],
  );
}
