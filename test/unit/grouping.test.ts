import { describe, expect, it } from 'vitest';
import { joinsOpenCase } from '../../src/cases/index.js';

const last = new Date('2026-11-25T10:00:00Z');
const after = (minutes: number) => new Date(last.getTime() + minutes * 60_000);

describe('grouping window', () => {
  it.each([
    [0, 10, true],
    [9.99, 10, true],
    [10, 10, true],
    [10.01, 10, false],
    [-1, 10, false],
    [0, 0, true],
    [1, 0, false],
  ])('a message %d minutes after the last one, window %d min: joins=%s', (minutes, window, joins) => {
    expect(joinsOpenCase(last, after(minutes), window)).toBe(joins);
  });
});
