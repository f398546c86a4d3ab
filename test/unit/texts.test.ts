import { answerNoteText, durationInWords } from '../../src/messages/index.js';
import { describe, expect, it } from 'vitest';
import { formatTarget } from '../../src/messages/index.js';
import { defaultSlaPolicies } from '../../src/sla/policy.js';

describe('first-response targets in the customer\'s language', () => {
  it.each([
    ['P1', 'en', '30 minutes'],
    ['P2', 'en', '1 hour'],
    ['P3', 'en', '4 business hours'],
    ['P4', 'en', '1 business day'],
    ['P1', 'et', '30 minuti'],
    ['P2', 'et', '1 tunni'],
    ['P3', 'et', '4 tööajatunni'],
    ['P4', 'et', '1 tööpäeva'],
  ] as const)('%s in %s reads "%s"', (priority, language, text) => {
    expect(formatTarget(defaultSlaPolicies[priority].firstResponse, language)).toBe(text);
  });
});

describe('resolution texts', () => {
  it.each([
    [1, 'en', '1 minute'],
    [45, 'en', '45 minutes'],
    [60, 'en', '1 hour'],
    [135, 'en', '2 hours 15 minutes'],
    [1440, 'en', '1 day'],
    [3 * 1440 + 240, 'en', '3 days 4 hours'],
    [1, 'et', '1 minut'],
    [135, 'et', '2 tundi 15 minutit'],
    [2 * 1440 + 60, 'et', '2 päeva 1 tund'],
    [0.2, 'en', '1 minute'],
  ] as const)('%d minutes in %s: %s', (minutes, language, expected) => {
    expect(durationInWords(minutes, language)).toBe(expected);
  });

  it('tells the customer what happened to their answer, in their language', () => {
    expect(answerNoteText({ language: 'en', caseKey: 'CS-4', outcome: 'rated', rating: 4 })).toBe('Thanks for rating our help: 4/5.');
    expect(answerNoteText({ language: 'et', caseKey: 'CS-4', outcome: 'reopened', rating: null })).toBe('Avasime pöördumise *CS-4* uuesti ja tegeleme sellega.');
    expect(answerNoteText({ language: 'et', caseKey: 'CS-4', outcome: 'closed', rating: null })).toContain('on suletud');
  });
});
