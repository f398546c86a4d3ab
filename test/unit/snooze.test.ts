import { describe, expect, it } from 'vitest';
import { ValidationFailedError } from '../../src/errors.js';
import { snoozeUntil } from '../../src/sla/snooze.js';

// Wednesday 25 November 2026, 15:20 in Tallinn (UTC+2).
const now = new Date('2026-11-25T13:20:00Z');
const zone = 'Europe/Tallinn';

describe('snooze times', () => {
  it.each([
    ['2h', '2026-11-25T15:20:00.000Z'],
    ['30m', '2026-11-25T13:50:00.000Z'],
    ['3d', '2026-11-28T13:20:00.000Z'],
    ['tomorrow', '2026-11-26T07:00:00.000Z'], // 09:00 in Tallinn
    ['Monday', '2026-11-30T07:00:00.000Z'],
    ['wednesday', '2026-12-02T07:00:00.000Z'], // today is Wednesday: the next one
  ])('%s', (text, until) => {
    expect(snoozeUntil(text, now, zone).toISOString()).toBe(until);
  });

  it('counts "tomorrow" in the asker’s own zone', () => {
    expect(snoozeUntil('tomorrow', now, 'America/New_York').toISOString()).toBe('2026-11-26T14:00:00.000Z');
  });

  it.each(['soon', '0h', '2 weeks', '31d', ''])('refuses %j with a clear message', (text) => {
    expect(() => snoozeUntil(text, now, zone)).toThrow(ValidationFailedError);
  });
});
