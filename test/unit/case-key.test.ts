import { describe, expect, it } from 'vitest';
import { formatCaseKey, parseCaseKey } from '../../src/cases/index.js';

describe('case keys', () => {
  it.each([
    ['CS-12', 'CS-12'],
    ['cs-1042', 'CS-1042'],
    ['  CS-7 ', 'CS-7'],
    ['CS-0', undefined],
    ['CS-012', undefined],
    ['CS12', undefined],
    ['XY-12', undefined],
    ['CS-1234567890', undefined],
    ['', undefined],
  ])('parses %j as %j', (text, key) => {
    expect(parseCaseKey(text)).toBe(key);
  });

  it('formats numbers', () => {
    expect(formatCaseKey(1042)).toBe('CS-1042');
  });
});
