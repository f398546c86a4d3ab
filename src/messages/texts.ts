import type { Language } from '../config/workspace.js';
import { describeTarget, type SlaTarget } from '../sla/policy.js';
import type { CaseAcknowledgementView, CaseJoinedView } from './views.js';

/** Customer-facing sentences, in the account's language. Internal text stays English. */
const units: Record<Language, Record<'minute' | 'hour' | 'day', [string, string]>> = {
  // [one, many]; the business flag adds a qualifier below.
  en: { minute: ['minute', 'minutes'], hour: ['hour', 'hours'], day: ['day', 'days'] },
  // Genitive singular after a numeral, as "… jooksul" needs.
  et: { minute: ['minuti', 'minuti'], hour: ['tunni', 'tunni'], day: ['päeva', 'päeva'] },
};

export function formatTarget(target: SlaTarget, language: Language): string {
  const { amount, unit, business } = describeTarget(target);
  const word = units[language][unit][amount === 1 ? 0 : 1];
  if (language === 'et') {
    const businessWord = unit === 'day' ? 'tööpäeva' : unit === 'hour' ? 'tööajatunni' : word;
    return `${amount} ${business ? businessWord : word}`;
  }
  return `${amount} ${business ? `business ${word}` : word}`;
}

export function acknowledgementText(view: CaseAcknowledgementView): string {
  const target = formatTarget(view.firstResponse, view.language);
  return view.language === 'et'
    ? `Aitäh! Registreerisime teie pöördumise numbriga *${view.caseKey}*. Tugispetsialist vastab siin ${target} jooksul.`
    : `Thanks — we've logged this as *${view.caseKey}*. A support specialist will reply here within ${target}.`;
}

export function joinedText(view: CaseJoinedView): string {
  return view.language === 'et'
    ? `Lisasime selle sõnumi teie pöördumisele *${view.caseKey}*.`
    : `Added to your open case *${view.caseKey}*.`;
}
