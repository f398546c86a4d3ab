import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../../src/sla/calendar.js';
import { openClocks, responded, statusChanged, targetsChanged } from '../../src/sla/case-clocks.js';
import { defaultSlaPolicies } from '../../src/sla/policy.js';

const calendar = new BusinessCalendar('UTC', { mon: [{ from: 540, to: 1020 }], tue: [{ from: 540, to: 1020 }] });
const at = (hhmm: string, day = '2026-11-23') => new Date(`${day}T${hhmm}:00Z`); // a Monday
const opened = openClocks(defaultSlaPolicies.P2, at('10:00'));

describe('a case’s SLA clocks', () => {
  it('start together when the case opens', () => {
    expect(opened.firstResponse).toEqual({ target: { minutes: 60, business: false }, startedAt: at('10:00'), usedMinutes: 0, runningSince: at('10:00'), stoppedAt: null });
    expect(opened.resolution.target).toEqual({ minutes: 480, business: false });
  });

  it('stop the first-response clock at the earliest reply, in whatever order replies are handled', () => {
    const later = responded(opened, at('10:00'), at('10:40'), calendar);
    expect(later.firstResponse).toMatchObject({ usedMinutes: 40, stoppedAt: at('10:40'), runningSince: null });
    const earlier = responded(later, at('10:00'), at('10:20'), calendar);
    expect(earlier.firstResponse).toMatchObject({ usedMinutes: 20, stoppedAt: at('10:20') });
    expect(responded(earlier, at('10:00'), at('10:50'), calendar)).toBe(earlier);
    expect(earlier.resolution).toBe(opened.resolution);
  });

  it('pause the resolution clock while waiting on the customer, and resume it after', () => {
    const working = statusChanged(opened, 'new', 'in_progress', at('10:30'), calendar);
    expect(working).toBe(opened);
    const waiting = statusChanged(working, 'in_progress', 'waiting_on_customer', at('11:00'), calendar);
    expect(waiting.resolution).toMatchObject({ usedMinutes: 60, runningSince: null });
    const back = statusChanged(waiting, 'waiting_on_customer', 'in_progress', at('15:00'), calendar);
    expect(back.resolution).toMatchObject({ usedMinutes: 60, runningSince: at('15:00') });
    const resolvedFromWaiting = statusChanged(waiting, 'waiting_on_customer', 'resolved', at('16:00'), calendar);
    expect(resolvedFromWaiting.resolution).toMatchObject({ usedMinutes: 60, stoppedAt: at('16:00') });
  });

  it('stop the resolution clock when resolved, and start it afresh when reopened', () => {
    const resolved = statusChanged(opened, 'in_progress', 'resolved', at('12:00'), calendar);
    expect(resolved.resolution).toMatchObject({ usedMinutes: 120, stoppedAt: at('12:00') });
    const reopened = statusChanged(resolved, 'resolved', 'in_progress', at('09:00', '2026-11-24'), calendar);
    expect(reopened.resolution).toEqual({ target: opened.resolution.target, startedAt: at('09:00', '2026-11-24'), usedMinutes: 0, runningSince: at('09:00', '2026-11-24'), stoppedAt: null });
  });

  it('settle a first-response clock no reply stopped when the case is resolved, and leave an answered one alone', () => {
    const resolved = statusChanged(opened, 'in_progress', 'resolved', at('12:00'), calendar);
    expect(resolved.firstResponse).toMatchObject({ usedMinutes: 120, runningSince: null, stoppedAt: at('12:00') });
    // Reopening starts a new resolution run only; the first response stays settled.
    expect(statusChanged(resolved, 'resolved', 'in_progress', at('13:00'), calendar).firstResponse).toBe(resolved.firstResponse);
    const answered = responded(opened, at('10:00'), at('10:40'), calendar);
    expect(statusChanged(answered, 'in_progress', 'resolved', at('12:00'), calendar).firstResponse).toBe(answered.firstResponse);
    // A reply written before the resolution but handled after it still counts as the first response.
    expect(responded(resolved, at('10:00'), at('11:00'), calendar).firstResponse).toMatchObject({ usedMinutes: 60, stoppedAt: at('11:00') });
  });

  it('take a new priority’s targets and keep the time used', () => {
    const paused = statusChanged(opened, 'in_progress', 'waiting_on_customer', at('11:00'), calendar);
    const p1 = targetsChanged(paused, defaultSlaPolicies.P1);
    expect(p1.firstResponse).toMatchObject({ target: { minutes: 30, business: false }, runningSince: at('10:00') });
    expect(p1.resolution).toMatchObject({ target: { minutes: 240, business: false }, usedMinutes: 60 });
  });
});
