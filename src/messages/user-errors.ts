import { asCodedError, type CodedError } from '../errors.js';
import { statusLabels } from './labels.js';

/** Turns a coded error into the private message the user sees; unknown errors say little. */
export function userMessage(error: unknown): string {
  const coded = asCodedError(error);
  // Most often the database is away for a moment; the change was not made, so a retry is safe.
  return coded ? explain(coded) : 'Something went wrong on our side; nothing was changed. Please try again in a moment.';
}

function explain(error: CodedError): string {
  switch (error.code) {
    case 'validation_failed':
      return (error as CodedError & { problems: string[] }).problems.join('\n');
    case 'case_not_found':
      return `There is no case ${(error as CodedError & { caseKey: string }).caseKey}.`;
    case 'invalid_transition': {
      const { caseKey, from, to, allowed } = error as CodedError & { caseKey: string; from: string; to: string; allowed: string[] };
      const label = (s: string) => statusLabels[s as keyof typeof statusLabels] ?? s;
      const options = allowed.length ? ` From ${label(from)} it can go to: ${allowed.map(label).join(', ')}.` : '';
      return `${caseKey} cannot go from ${label(from)} to ${label(to)}.${options} Nothing was changed.`;
    }
    case 'not_allowed':
      return `You are not allowed to ${(error as CodedError & { action: string }).action}.`;
    case 'channel_not_configured':
      return 'This channel is not set up for tugi. Ask a manager to add it in /tugi setup.';
    case 'settings_invalid':
      return ['The settings were not saved:', ...(error as CodedError & { problems: Array<{ path: string; message: string }> }).problems.map((p) => `• ${p.path}: ${p.message}`)].join('\n');
    case 'settings_conflict':
      return 'Someone else changed the settings meanwhile; nothing was saved. Open /tugi setup again to see their change.';
    case 'not_set_up':
      return 'tugi is not set up in this workspace yet: a manager (or whoever installed tugi) runs /tugi setup to choose its channels.';
  }
}
