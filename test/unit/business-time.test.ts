import { describe, expect, it } from 'vitest';
import { personSchema } from '../../src/config/people.js';
import { BusinessCalendar } from '../../src/sla/calendar.js';
import { clockOutcome, dueAt, pauseClock, resumeClock, startClock, stopClock, usedAt } from '../../src/sla/clock.js';
import { estonianHolidays } from '../../src/sla/holidays/estonia.js';

/** Weekly hours written the way the config writes them, parsed by the config's own schema. */
const hours = (text: Record<string, string[]>) => personSchema.parse({ id: 'x', name: 'x', roles: ['agent'], workingHours: text }).workingHours;
const weekdays = (...shifts: string[]) => hours(Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, shifts])));
const everyDay = (...shifts: string[]) => hours(Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, shifts])));

const tallinnOffice = new BusinessCalendar('Europe/Tallinn', weekdays('09:00-17:00'), [...estonianHolidays(2026), ...estonianHolidays(2027)]);
const splitShift = new BusinessCalendar('Europe/Tallinn', weekdays('08:00-12:00', '13:00-17:00'));
const allHours = new BusinessCalendar('Europe/Tallinn', everyDay('00:00-24:00'));
const nightShift = new BusinessCalendar('Europe/Tallinn', everyDay('02:00-05:00'));
const iso = (text: string) => new Date(text);

describe('adding business time', () => {
  // 2026-11-23 is a Monday; Tallinn is UTC+2 in winter and UTC+3 in summer.
  const cases: [string, BusinessCalendar, string, number, string][] = [
    ['within a day', tallinnOffice, '2026-11-23T10:00+02:00', 240, '2026-11-23T14:00+02:00'],
    ['over the evening', tallinnOffice, '2026-11-23T16:00+02:00', 120, '2026-11-24T10:00+02:00'],
    ['from before opening', tallinnOffice, '2026-11-23T07:00+02:00', 60, '2026-11-23T10:00+02:00'],
    ['over a weekend', tallinnOffice, '2026-11-27T16:00+02:00', 120, '2026-11-30T10:00+02:00'],
    ['from a Saturday', tallinnOffice, '2026-11-28T12:00+02:00', 30, '2026-11-30T09:30+02:00'],
    ['over Christmas (24–26 Dec are holidays)', tallinnOffice, '2026-12-23T16:00+02:00', 480, '2026-12-28T16:00+02:00'],
    ['over Good Friday and Easter', tallinnOffice, '2026-04-02T16:30+03:00', 60, '2026-04-06T09:30+03:00'],
    ['ending exactly at closing', tallinnOffice, '2026-11-23T16:00+02:00', 60, '2026-11-23T17:00+02:00'],
    ['split shift skips lunch', splitShift, '2026-11-23T11:30+02:00', 60, '2026-11-23T13:30+02:00'],
    ['split shift to the end of the morning', splitShift, '2026-11-23T11:00+02:00', 60, '2026-11-23T12:00+02:00'],
    ['round the clock over the spring DST gap', allHours, '2026-03-28T22:00+02:00', 480, '2026-03-29T07:00+03:00'],
    ['round the clock over the doubled autumn hour', allHours, '2026-10-24T22:00+03:00', 480, '2026-10-25T05:00+02:00'],
    ['a 02–05 shift is two real hours on the spring DST day', nightShift, '2026-03-29T02:00+02:00', 150, '2026-03-30T02:30+03:00'],
    ['and four real hours on the autumn DST day', nightShift, '2026-10-25T02:00+03:00', 210, '2026-10-25T04:30+02:00'],
  ];
  it.each(cases)('%s', (_name, calendar, start, minutes, expected) => {
    expect(calendar.addBusinessMinutes(iso(start), minutes).toISOString()).toBe(iso(expected).toISOString());
  });

  it('measures business time between two instants the same way', () => {
    expect(tallinnOffice.businessMinutesBetween(iso('2026-11-27T16:00+02:00'), iso('2026-11-30T10:00+02:00'))).toBe(120);
    expect(tallinnOffice.businessMinutesBetween(iso('2026-12-23T16:00+02:00'), iso('2026-12-28T16:00+02:00'))).toBe(480);
    expect(allHours.businessMinutesBetween(iso('2026-10-24T12:00+03:00'), iso('2026-10-25T12:00+02:00'))).toBe(25 * 60);
    expect(allHours.businessMinutesBetween(iso('2026-03-28T12:00+02:00'), iso('2026-03-29T12:00+03:00'))).toBe(23 * 60);
    expect(tallinnOffice.businessMinutesBetween(iso('2026-11-24T10:00+02:00'), iso('2026-11-23T10:00+02:00'))).toBe(0);
    for (const [, calendar, start, minutes] of cases) {
      expect(calendar.businessMinutesBetween(iso(start), calendar.addBusinessMinutes(iso(start), minutes))).toBeCloseTo(minutes, 6);
    }
  });

  it('knows when it is open, and refuses a calendar with no hours at all', () => {
    expect(tallinnOffice.isOpen(iso('2026-11-23T09:00+02:00'))).toBe(true);
    expect(tallinnOffice.isOpen(iso('2026-11-23T17:00+02:00'))).toBe(false);
    expect(tallinnOffice.isOpen(iso('2026-12-24T10:00+02:00'))).toBe(false);
    expect(() => new BusinessCalendar('UTC', {})).toThrow('working hours');
  });
});

describe('Estonian public holidays', () => {
  it('include the movable feasts of the year', () => {
    expect(estonianHolidays(2026)).toEqual([
      '2026-01-01', '2026-02-24', '2026-04-03', '2026-04-05', '2026-05-01', '2026-05-24',
      '2026-06-23', '2026-06-24', '2026-08-20', '2026-12-24', '2026-12-25', '2026-12-26',
    ]);
    expect(estonianHolidays(2027)).toContain('2027-03-26'); // Good Friday: Easter is 28 March
    expect(estonianHolidays(2027)).toContain('2027-05-16'); // Pentecost
  });
});

describe('SLA clocks', () => {
  const resolution = { minutes: 480, business: true };

  it('warns at 75 % and breaches at 100 % of a business-time target', () => {
    const clock = startClock(resolution, iso('2026-11-27T13:00+02:00')); // a Friday afternoon
    expect(dueAt(clock, 0.75, tallinnOffice)!.toISOString()).toBe(iso('2026-11-30T11:00+02:00').toISOString());
    expect(dueAt(clock, 1, tallinnOffice)!.toISOString()).toBe(iso('2026-11-30T13:00+02:00').toISOString());
    expect(clockOutcome(clock, iso('2026-11-30T12:59+02:00'), tallinnOffice)).toBe('running');
    expect(clockOutcome(clock, iso('2026-11-30T13:00+02:00'), tallinnOffice)).toBe('breached');
  });

  it('pauses across a weekend and resumes where it left off', () => {
    const started = startClock(resolution, iso('2026-11-27T13:00+02:00'));
    const paused = pauseClock(started, iso('2026-11-27T15:00+02:00'), tallinnOffice);
    expect(paused.usedMinutes).toBe(120);
    expect(dueAt(paused, 1, tallinnOffice)).toBeNull();
    // Long past the original due point, a paused clock does not breach.
    expect(clockOutcome(paused, iso('2026-12-02T12:00+02:00'), tallinnOffice)).toBe('paused');
    const resumed = resumeClock(paused, iso('2026-11-30T10:00+02:00'));
    expect(dueAt(resumed, 1, tallinnOffice)!.toISOString()).toBe(iso('2026-11-30T16:00+02:00').toISOString());
    expect(usedAt(resumed, iso('2026-11-30T12:00+02:00'), tallinnOffice)).toBe(240);
    // Pausing twice, or resuming a running clock, changes nothing.
    expect(pauseClock(paused, iso('2026-11-28T10:00+02:00'), tallinnOffice)).toBe(paused);
    expect(resumeClock(resumed, iso('2026-12-01T10:00+02:00'))).toBe(resumed);
  });

  it('counts a wall-clock target on the calendar, weekends and nights included', () => {
    const clock = startClock({ minutes: 240, business: false }, iso('2026-11-28T22:00+02:00'));
    expect(dueAt(clock, 1, tallinnOffice)!.toISOString()).toBe(iso('2026-11-29T02:00+02:00').toISOString());
    expect(dueAt(clock, 0.75, tallinnOffice)!.toISOString()).toBe(iso('2026-11-29T01:00+02:00').toISOString());
  });

  it('stops for good: met up to and including the due instant, breached after', () => {
    const clock = startClock({ minutes: 60, business: false }, iso('2026-11-23T10:00Z'));
    expect(clockOutcome(stopClock(clock, iso('2026-11-23T11:00Z'), tallinnOffice), iso('2026-11-24T00:00Z'), tallinnOffice)).toBe('met');
    const late = stopClock(clock, iso('2026-11-23T11:01Z'), tallinnOffice);
    expect(clockOutcome(late, iso('2026-11-24T00:00Z'), tallinnOffice)).toBe('breached');
    expect(dueAt(late, 1, tallinnOffice)).toBeNull();
    expect(resumeClock(late, iso('2026-11-25T00:00Z'))).toBe(late);
  });

  it('a point already passed is due at once', () => {
    const paused = pauseClock(startClock({ minutes: 60, business: false }, iso('2026-11-23T10:00Z')), iso('2026-11-23T10:50Z'), tallinnOffice);
    const resumed = resumeClock(paused, iso('2026-11-23T12:00Z'));
    expect(dueAt(resumed, 0.75, tallinnOffice)!.toISOString()).toBe('2026-11-23T12:00:00.000Z');
    expect(dueAt(resumed, 1, tallinnOffice)!.toISOString()).toBe('2026-11-23T12:10:00.000Z');
  });
});
