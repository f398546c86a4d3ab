import { describe, expect, it } from 'vitest';
import { slaTarget } from '../../src/config/sla.js';
import { defaultNagSettings, duePoints, nagSettings, nextDue, type CaseForDue, type DueContext } from '../../src/reminders/due-points.js';
import { BusinessCalendar } from '../../src/sla/calendar.js';
import { openClocks, statusChanged } from '../../src/sla/case-clocks.js';
import { defaultSlaPolicies } from '../../src/sla/policy.js';

const nineToFive = [{ from: 540, to: 1020 }];
const office = new BusinessCalendar('UTC', { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive });
const at = (text: string) => new Date(`${text}Z`);
const context: DueContext = {
  settings: defaultNagSettings,
  calendar: office,
  // Ann works office hours; everyone else is taken at the time given.
  workingFrom: (personId, when) => (personId === 'ann' ? office.addBusinessMinutes(when, 0) : when),
};
const opened = at('2026-11-23T10:00'); // a Monday
const base: CaseForDue = {
  status: 'new',
  priority: 'P2',
  sla: openClocks(defaultSlaPolicies.P2, opened),
  lastActivityAt: opened,
  snoozedUntil: null,
  assigneeId: null,
  specialists: [],
  waitingSince: null,
};
const summary = (c: CaseForDue) => duePoints(c, context).map((p) => [p.kind, p.at.toISOString().slice(5, 16), p.personId ?? null]);

describe('due points', () => {
  it('a new P2 case: SLA warnings and breaches, and stale nags every 2 hours, the third escalating', () => {
    expect(summary(base)).toEqual([
      ['sla.warning', '11-23T10:45', null],
      ['sla.breach', '11-23T11:00', null],
      ['stale.nag', '11-23T12:00', null],
      ['stale.nag', '11-23T14:00', null],
      ['sla.warning', '11-23T16:00', null],
      ['stale.escalation', '11-23T16:00', null],
      ['sla.breach', '11-23T18:00', null],
    ]);
  });

  it('nags to the assignee wait for their working hours; the escalation to managers does not', () => {
    const friday = at('2026-11-27T14:00');
    const points = duePoints({ ...base, sla: null, assigneeId: 'ann', lastActivityAt: friday }, context);
    expect(points.map((p) => [p.kind, p.at.toISOString().slice(5, 16), p.personId ?? null])).toEqual([
      ['stale.nag', '11-27T16:00', 'ann'],
      ['stale.escalation', '11-27T20:00', null],
      ['stale.nag', '11-30T09:00', 'ann'], // due Friday 18:00, after Ann's day: Monday morning
    ]);
  });

  it('a snooze postpones nags, not SLA notices', () => {
    const snoozed = duePoints({ ...base, snoozedUntil: at('2026-11-23T15:00') }, context);
    expect(snoozed.filter((p) => p.kind === 'stale.nag').map((p) => p.at)).toEqual([at('2026-11-23T15:00'), at('2026-11-23T15:00')]);
    expect(snoozed.find((p) => p.kind === 'sla.breach')!.at).toEqual(at('2026-11-23T11:00'));
  });

  it('silent specialists are pinged after 4 business hours, and the next one asked after 8', () => {
    const points = duePoints({ ...base, sla: null, status: 'waiting_on_specialist', specialists: [
      { personId: 'tom', pulledAt: at('2026-11-23T13:00'), firstReplyAt: null },
      { personId: 'ann', pulledAt: at('2026-11-23T13:00'), firstReplyAt: at('2026-11-23T13:30') },
    ] }, context);
    expect(points.filter((p) => p.kind.startsWith('specialist')).map((p) => [p.kind, p.at.toISOString().slice(5, 16), p.personId ?? null])).toEqual([
      ['specialist.ping', '11-23T17:00', 'tom'],
      ['specialist.next', '11-24T13:00', 'tom'],
    ]);
  });

  it('waiting on the customer: no stale nags and no resolution clock, a reminder after 3 days and auto-resolution 4 days later', () => {
    const waiting = statusChanged(base.sla!, 'in_progress', 'waiting_on_customer', at('2026-11-23T12:00'), office);
    const points = duePoints({ ...base, status: 'waiting_on_customer', sla: waiting, waitingSince: at('2026-11-23T12:00') }, context);
    expect(points.map((p) => [p.kind, p.at.toISOString().slice(5, 16)])).toEqual([
      ['sla.warning', '11-23T10:45'],
      ['sla.breach', '11-23T11:00'],
      ['customer.reminder', '11-26T12:00'],
      ['customer.auto_resolve', '11-30T12:00'],
    ]);
  });

  it('names each due point for good: the same case gives the same keys, a reopened clock new ones', () => {
    const keys = (c: CaseForDue) => duePoints(c, context).map((p) => p.key);
    expect(keys({ ...base, snoozedUntil: at('2026-11-23T15:00') })).toEqual(expect.arrayContaining(keys(base).filter((k) => k.startsWith('stale'))));
    const resolved = statusChanged(base.sla!, 'in_progress', 'resolved', at('2026-11-23T12:00'), office);
    const reopened = statusChanged(resolved, 'resolved', 'in_progress', at('2026-11-24T12:00'), office);
    const before = keys(base).filter((k) => k.startsWith('sla:resolution'));
    const after = keys({ ...base, status: 'in_progress', sla: reopened }).filter((k) => k.startsWith('sla:resolution'));
    expect(after).toHaveLength(2);
    expect(after.some((k) => before.includes(k))).toBe(false);
  });

  it('the next due point is the earliest one not acted on', () => {
    const points = duePoints(base, context);
    expect(nextDue(points, new Set())!.kind).toBe('sla.warning');
    expect(nextDue(points, new Set(points.slice(0, 2).map((p) => p.key)))!.key).toBe(points[2]!.key);
    expect(nextDue(points, new Set(points.map((p) => p.key)))).toBeUndefined();
  });
});

describe('nag settings from the config', () => {
  it('take the defaults, then what the config says', () => {
    const settings = nagSettings({ staleAfter: { P1: slaTarget.parse('15 minutes') }, escalateAfterNags: 2, remindCustomerAfter: slaTarget.parse('2 days') });
    expect(settings.staleAfter.P1).toEqual({ minutes: 15, business: false });
    expect(settings.staleAfter.P2).toEqual(defaultNagSettings.staleAfter.P2);
    expect(settings).toMatchObject({ escalateAfterNags: 2, remindCustomerAfter: { minutes: 2880, business: false }, specialistReplyWithin: defaultNagSettings.specialistReplyWithin });
  });
});
