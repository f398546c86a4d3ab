import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/commands/index.js';
import { ValidationFailedError } from '../../src/errors.js';
import { parsePeriod } from '../../src/reports/period.js';

describe('/tugi command text', () => {
  it.each([
    ['', { name: 'help' }],
    ['help', { name: 'help' }],
    ['new VPN is down', { name: 'new', title: 'VPN is down', via: 'command' }],
    ['new Call from Mari --via phone', { name: 'new', title: 'Call from Mari', via: 'phone' }],
    ['new --via=email Invoice question', { name: 'new', title: 'Invoice question', via: 'email' }],
    ['NEW  spaced   out ', { name: 'new', title: 'spaced   out', via: 'command' }],
    ['case cs-12', { name: 'case', caseKey: 'CS-12' }],
    ['summary CS-12', { name: 'summary', caseKey: 'CS-12' }],
  ])('parses %j', (text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });

  it.each([
    ['new', /Give the case a title/],
    ['new --via phone', /Give the case a title/],
    ['new Hi --via fax', /--via takes phone or email/],
    ['new Hi --urgent', /Only the --via option/],
    ['case', /Name one case key/],
    ['case CS-1 CS-2', /Name one case key/],
    ['summary', /`\/tugi summary CS-12`/],
    ['launch', /Unknown command `launch`/],
    [`new ${'a'.repeat(201)}`, /under 200 characters/],
    ['x'.repeat(2001), /too long/],
  ])('refuses %j', (text, message) => {
    expect(() => parseCommand(text)).toThrow(ValidationFailedError);
    expect(() => parseCommand(text)).toThrow(message);
  });
});

describe('report periods', () => {
  const now = new Date('2026-11-25T21:30:00Z'); // Wednesday, 23:30 in Tallinn
  it.each([
    [undefined, { from: '2026-11-23', to: '2026-11-25' }],
    ['today', { from: '2026-11-25', to: '2026-11-25' }],
    ['month', { from: '2026-11-01', to: '2026-11-25' }],
    ['2026-10-01..2026-12-31', { from: '2026-10-01', to: '2026-12-31' }],
  ])('%s', (word, period) => {
    expect(parsePeriod(word, now, 'Europe/Tallinn')).toEqual(period);
  });

  it('refuses unknown, reversed and over-long periods, and parses the dimension', () => {
    expect(() => parsePeriod('soon', now, 'UTC')).toThrow('Name a period');
    expect(() => parsePeriod('2026-02-01..2026-01-01', now, 'UTC')).toThrow('ends before it starts');
    expect(() => parsePeriod('2024-01-01..2026-01-01', now, 'UTC')).toThrow('366 days or less');
    expect(parseCommand('report month by tag')).toEqual({ name: 'report', period: 'month', by: 'tag' });
    expect(parseCommand('report')).toEqual({ name: 'report' });
    expect(() => parseCommand('report by team')).toThrow('Use `/tugi report');
  });
});
