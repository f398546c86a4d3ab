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
