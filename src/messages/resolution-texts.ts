import type { Language } from '../config/workspace.js';
import type { AnswerOutcome, CustomerAnswerNoteView, ReopenPromptView } from './views.js';

/** The words of the resolution summary and the answers to it, per customer language. */
export const resolutionWords = {
  en: {
    heading: (key: string, took: string) => `*${key} is resolved* — it took ${took}.`,
    cause: 'What was wrong',
    fix: 'What we did',
    question: 'Is it working for you now?',
    solved: 'Solved',
    stillBroken: 'Still broken',
    rate: 'How did we do? (1 = poor, 5 = great)',
    reopen: 'Still broken — reopen',
    fine: 'No, it’s solved',
  },
  et: {
    heading: (key: string, took: string) => `*${key} on lahendatud* — selleks kulus ${took}.`,
    cause: 'Mis oli valesti',
    fix: 'Mida tegime',
    question: 'Kas nüüd töötab?',
    solved: 'Lahendatud',
    stillBroken: 'Ikka ei tööta',
    rate: 'Kuidas meil läks? (1 = halvasti, 5 = väga hästi)',
    reopen: 'Ikka ei tööta — ava uuesti',
    fine: 'Ei, kõik on korras',
  },
} as const satisfies Record<Language, Record<string, unknown>>;

const unitWords: Record<Language, Record<'minute' | 'hour' | 'day', [string, string]>> = {
  en: { minute: ['minute', 'minutes'], hour: ['hour', 'hours'], day: ['day', 'days'] },
  // Nominative: "1 tund", "2 tundi".
  et: { minute: ['minut', 'minutit'], hour: ['tund', 'tundi'], day: ['päev', 'päeva'] },
};

/** A duration as a person says it: "45 minutes", "2 hours 15 minutes", "3 days 4 hours". */
export function durationInWords(totalMinutes: number, language: Language): string {
  const minutes = Math.max(1, Math.round(totalMinutes));
  const words = unitWords[language];
  const part = (amount: number, unit: 'minute' | 'hour' | 'day') => `${amount} ${words[unit][amount === 1 ? 0 : 1]}`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${part(days, 'day')} ${part(hours, 'hour')}` : part(days, 'day');
  if (hours > 0) return rest > 0 ? `${part(hours, 'hour')} ${part(rest, 'minute')}` : part(hours, 'hour');
  return part(rest, 'minute');
}

const notes: Record<Language, Record<AnswerOutcome, (key: string, rating: number | null) => string>> = {
  en: {
    solved: () => 'Thanks for confirming — glad it’s working.',
    rated: (_key, rating) => `Thanks for rating our help: ${rating}/5.`,
    updated: () => 'Thanks — we’ve updated your answer.',
    reopened: (key) => `We’ve reopened *${key}* and the team is on it.`,
    closed: (key) => `*${key}* is closed, so these buttons no longer work. If something is still wrong, write a new message here and we’ll open a new case.`,
    not_resolved: (key) => `*${key}* is being worked on again; we’ll post a new summary when it’s resolved.`,
    not_allowed: () => 'Only the customer’s team or our support agents can answer this.',
    invalid: () => 'That answer was not understood; nothing was changed.',
  },
  et: {
    solved: () => 'Aitäh kinnituse eest — hea, et kõik töötab.',
    rated: (_key, rating) => `Aitäh hinnangu eest: ${rating}/5.`,
    updated: () => 'Aitäh — uuendasime teie vastust.',
    reopened: (key) => `Avasime pöördumise *${key}* uuesti ja tegeleme sellega.`,
    closed: (key) => `Pöördumine *${key}* on suletud, nii et need nupud enam ei tööta. Kui midagi on endiselt valesti, kirjutage siia uus sõnum ja avame uue pöördumise.`,
    not_resolved: (key) => `Pöördumisega *${key}* tegeleme uuesti; kui see on lahendatud, saadame uue kokkuvõtte.`,
    not_allowed: () => 'Sellele saavad vastata ainult kliendi meeskond või meie tugiagendid.',
    invalid: () => 'Me ei saanud sellest vastusest aru; midagi ei muudetud.',
  },
};

export function answerNoteText(view: Pick<CustomerAnswerNoteView, 'language' | 'caseKey' | 'outcome' | 'rating'>): string {
  return notes[view.language][view.outcome](view.caseKey, view.rating);
}

export function reopenPromptText(view: ReopenPromptView): string {
  return view.language === 'et'
    ? `Kas *${view.caseKey}* on endiselt probleem? Kui jah, avame selle uuesti.`
    : `Is *${view.caseKey}* still a problem? If so, we’ll reopen it.`;
}
