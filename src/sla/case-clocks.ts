import type { CaseStatus } from '../cases/status.js';
import type { BusinessCalendar } from './calendar.js';
import { pauseClock, resumeClock, startClock, stopClock, type SlaClock } from './clock.js';
import type { SlaPolicy } from './policy.js';

/** A case's two SLA clocks, stored on the case. */
export interface CaseClocks {
  firstResponse: SlaClock;
  resolution: SlaClock;
}

/** Both clocks start when the case is opened. */
export function openClocks(policy: SlaPolicy, at: Date): CaseClocks {
  return { firstResponse: startClock(policy.firstResponse, at), resolution: startClock(policy.resolution, at) };
}

/**
 * The first public reply stops the first-response clock. That clock never pauses, so it can be
 * recomputed from the opening: a reply handled late but written earlier still counts as first.
 */
export function responded(clocks: CaseClocks, openedAt: Date, at: Date, calendar: BusinessCalendar): CaseClocks {
  const current = clocks.firstResponse;
  if (current.stoppedAt && current.stoppedAt <= at) return clocks;
  return { ...clocks, firstResponse: stopClock(startClock(current.target, openedAt), at, calendar) };
}

/**
 * The resolution clock follows the status: paused while waiting on the customer, stopped when
 * resolved or closed, and started afresh when a resolved case is reopened. Resolving also ends a
 * first-response clock no reply has stopped: the customer has their answer (the summary), and
 * the target is settled then — met or breached — instead of running on unseen (a resolved case
 * raises no notices, and its reports would change with no change to the case).
 */
export function statusChanged(clocks: CaseClocks, from: CaseStatus, to: CaseStatus, at: Date, calendar: BusinessCalendar): CaseClocks {
  if ((to === 'resolved' || to === 'closed') && !clocks.firstResponse.stoppedAt) {
    clocks = { ...clocks, firstResponse: stopClock(clocks.firstResponse, at, calendar) };
  }
  const clock = clocks.resolution;
  let resolution: SlaClock = clock;
  if (to === 'resolved' || to === 'closed') resolution = stopClock(clock, at, calendar);
  else if (from === 'resolved') resolution = startClock(clock.target, at);
  else if (to === 'waiting_on_customer') resolution = pauseClock(clock, at, calendar);
  else if (from === 'waiting_on_customer') resolution = resumeClock(clock, at);
  return resolution === clock ? clocks : { ...clocks, resolution };
}

/** A new priority brings new targets; the time already used still counts. */
export function targetsChanged(clocks: CaseClocks, policy: SlaPolicy): CaseClocks {
  return {
    firstResponse: { ...clocks.firstResponse, target: policy.firstResponse },
    resolution: { ...clocks.resolution, target: policy.resolution },
  };
}
