import { describe, expect, it } from 'vitest';
import { allowedTransitions, canTransition, caseStatuses, type CaseStatus } from '../../src/cases/index.js';

const allowed: Array<[CaseStatus, CaseStatus[]]> = [
  ['new', ['triaged', 'in_progress']],
  ['triaged', ['in_progress']],
  ['in_progress', ['waiting_on_customer', 'waiting_on_specialist', 'resolved']],
  ['waiting_on_customer', ['in_progress', 'resolved']],
  ['waiting_on_specialist', ['in_progress', 'resolved']],
  ['resolved', ['in_progress', 'closed']],
  ['closed', []],
];

describe('case status machine', () => {
  it.each(allowed)('from %s allows exactly %j', (from, to) => {
    expect([...allowedTransitions(from)].sort()).toEqual([...to].sort());
    for (const target of caseStatuses) expect(canTransition(from, target)).toBe(to.includes(target));
  });
});
