import type { BusinessCalendar } from './calendar.js';
import type { SlaTarget } from './policy.js';

/**
 * One SLA clock (first response, or resolution) as stored on a case: how much of the target was
 * used before the stretch now running, and since when it runs. A restart or another replica
 * continues from exactly this state; nothing about a clock lives in memory.
 */
export interface SlaClock {
  target: SlaTarget;
  /** When this run of the clock began (a reopened case starts a new run): names its due points. */
  startedAt: Date;
  /** Target minutes (business or wall-clock, as the target counts) used before `runningSince`. */
  usedMinutes: number;
  /** When the current stretch began; null while paused or stopped. */
  runningSince: Date | null;
  /** When the clock was stopped for good (responded, resolved); null until then. */
  stoppedAt: Date | null;
}

export function startClock(target: SlaTarget, at: Date): SlaClock {
  return { target, startedAt: at, usedMinutes: 0, runningSince: at, stoppedAt: null };
}

/** Target minutes between two instants, counted the way the target counts them. */
function measure(clock: SlaClock, from: Date, to: Date, calendar: BusinessCalendar): number {
  return clock.target.business ? calendar.businessMinutesBetween(from, to) : Math.max(0, to.getTime() - from.getTime()) / 60_000;
}

/** The instant `minutes` of target time after `from`. */
function advance(clock: SlaClock, from: Date, minutes: number, calendar: BusinessCalendar): Date {
  return clock.target.business ? calendar.addBusinessMinutes(from, minutes) : new Date(from.getTime() + minutes * 60_000);
}

/** Minutes of the target used by `at`. */
export function usedAt(clock: SlaClock, at: Date, calendar: BusinessCalendar): number {
  const running = clock.runningSince && at > clock.runningSince ? measure(clock, clock.runningSince, at, calendar) : 0;
  return clock.usedMinutes + running;
}

/** Pauses a running clock (waiting on the customer); a paused or stopped clock is left as it is. */
export function pauseClock(clock: SlaClock, at: Date, calendar: BusinessCalendar): SlaClock {
  if (!clock.runningSince) return clock;
  return { ...clock, usedMinutes: usedAt(clock, at, calendar), runningSince: null };
}

/** Resumes a paused clock; a running or stopped one is left as it is. */
export function resumeClock(clock: SlaClock, at: Date): SlaClock {
  if (clock.runningSince || clock.stoppedAt) return clock;
  return { ...clock, runningSince: at };
}

/** Stops the clock for good (the response came, the case was resolved). */
export function stopClock(clock: SlaClock, at: Date, calendar: BusinessCalendar): SlaClock {
  if (clock.stoppedAt) return clock;
  return { ...clock, usedMinutes: usedAt(clock, at, calendar), runningSince: null, stoppedAt: at };
}

/**
 * When the clock reaches `fraction` of its target (0.75: the warning, 1: the breach), or null
 * while it is not running. A point already passed is its running start: due now.
 */
export function dueAt(clock: SlaClock, fraction: number, calendar: BusinessCalendar): Date | null {
  if (!clock.runningSince) return null;
  const remaining = fraction * clock.target.minutes - clock.usedMinutes;
  return remaining <= 0 ? clock.runningSince : advance(clock, clock.runningSince, remaining, calendar);
}

/** Met: stopped within its target (at the due instant still counts). Breached: the target is used up. */
export function clockOutcome(clock: SlaClock, at: Date, calendar: BusinessCalendar): 'running' | 'paused' | 'met' | 'breached' {
  if (clock.stoppedAt) return clock.usedMinutes <= clock.target.minutes ? 'met' : 'breached';
  if (usedAt(clock, at, calendar) >= clock.target.minutes) return 'breached';
  return clock.runningSince ? 'running' : 'paused';
}
