import type { Language } from '../config/workspace.js';
import { describeTarget, type SlaTarget } from '../sla/policy.js';
import type { CaseAcknowledgementView, CaseJoinedView, CustomerAutoResolvedView, CustomerReminderView } from './views.js';

/** Customer-facing sentences, in the account's language. Internal text stays English. */
const units: Record<Language, Record<'minute' | 'hour' | 'day', [string, string]>> = {
  // [one, many]; the business flag adds a qualifier below.
  en: { minute: ['minute', 'minutes'], hour: ['hour', 'hours'], day: ['day', 'days'] },
  // Genitive singular after a numeral, as "… jooksul" needs.
  et: { minute: ['minuti', 'minuti'], hour: ['tunni', 'tunni'], day: ['päeva', 'päeva'] },
};

/** tugi's hello where it was added in Teams; a tenant no workspace has connected hears how to connect it. */
export function greetingText(view: { setUp: boolean }, tenant?: string): string {
  if (!view.setUp) {
    return `Hi, I'm tugi, a support desk. This Microsoft 365 organisation is not connected to a tugi workspace yet, so I cannot take cases here. Ask your tugi admin to add tenant ${tenant ?? '(unknown)'} in /tugi setup (Teams section) in Slack.`;
  }
  return "Hi, I'm tugi, a support desk. Customers: @mention me in a channel, or message me here, to open a support case. Support team: message me `help` in our 1:1 chat for what I can do.";
}

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

export function customerReminderText(view: CustomerReminderView): string {
  return view.language === 'et'
    ? `Tere! Ootame teie vastust pöördumise *${view.caseKey}* kohta. Kui teil on veel küsimusi või lisainfot, kirjutage palun siia.`
    : `Hi — we're waiting to hear back from you on *${view.caseKey}*. If you have the details we asked for, or still need help, just reply here.`;
}

export function customerAutoResolvedText(view: CustomerAutoResolvedView): string {
  return view.language === 'et'
    ? `Kuna me pole teilt vastust saanud, märkisime pöördumise *${view.caseKey}* lahendatuks. Kui abi on veel vaja, vastake lihtsalt siia.`
    : `As we haven't heard back, we've marked *${view.caseKey}* as resolved. If you still need help, just reply here.`;
}

/** Why a summary shows the case as it stands instead (the team reads it, in Slack or Teams). */
export function noSummaryText(reason: 'no_provider' | 'opted_out' | 'no_answer'): string {
  const why = {
    no_provider: 'No model provider is configured (`TUGI_AI_BASE_URL`)',
    opted_out: 'This account’s cases are not sent to the model provider (`ai: false`)',
    no_answer: 'No summary came in time',
  }[reason];
  return `${why}: here is the case as it stands.`;
}
