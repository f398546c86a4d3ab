import type { NagsConfig } from '../config/sla.js';
import type { Priority } from '../config/workspace.js';
import type { CaseStatus } from '../cases/status.js';
import type { BusinessCalendar } from '../sla/calendar.js';
import { dueAt, type SlaClock } from '../sla/clock.js';
import type { CaseClocks } from '../sla/case-clocks.js';
import type { SlaTarget } from '../sla/policy.js';

/** How often and when tugi nags (PRODUCT.md flow 5). */
export interface NagSettings {
  staleAfter: Record<Priority, SlaTarget>;
  /** The n-th stale nag goes to the manager channel, and is the last. */
  escalateAfterNags: number;
  /** A pulled-in specialist who has not replied within this is pinged; after twice this, the next one is asked. */
  specialistReplyWithin: SlaTarget;
  /** A case waiting on the customer: a reminder after this, then resolved after as long again as `resolveAfterReminder`. */
  remindCustomerAfter: SlaTarget;
  resolveAfterReminder: SlaTarget;
  /** A resolved case closes this long after its resolution. */
  closeResolvedAfter: SlaTarget;
}

export const defaultNagSettings: NagSettings = {
  staleAfter: {
    P1: { minutes: 30, business: false },
    P2: { minutes: 2 * 60, business: false },
    P3: { minutes: 8 * 60, business: true },
    P4: { minutes: 3 * 8 * 60, business: true },
  },
  escalateAfterNags: 3,
  specialistReplyWithin: { minutes: 4 * 60, business: true },
  remindCustomerAfter: { minutes: 3 * 24 * 60, business: false },
  resolveAfterReminder: { minutes: 4 * 24 * 60, business: false },
  closeResolvedAfter: { minutes: 7 * 24 * 60, business: false },
};

/** The config's nag settings over the defaults (and the resolution's close-after, when given). */
export function nagSettings(config: NagsConfig, closeResolvedAfter?: SlaTarget): NagSettings {
  const { staleAfter, escalateAfterNags, ...targets } = config;
  const given = Object.fromEntries(Object.entries(targets).filter(([, target]) => target !== undefined));
  return {
    ...defaultNagSettings,
    ...given,
    escalateAfterNags,
    staleAfter: { ...defaultNagSettings.staleAfter, ...staleAfter },
    closeResolvedAfter: closeResolvedAfter ?? defaultNagSettings.closeResolvedAfter,
  };
}

export type DueKind =
  | 'sla.warning'
  | 'sla.breach'
  | 'stale.nag'
  | 'stale.escalation'
  | 'specialist.ping'
  | 'specialist.next'
  | 'customer.reminder'
  | 'customer.auto_resolve'
  | 'case.auto_close';

/** One thing to do at one time. Its key names it for good: a due point is claimed, and acted on, once. */
export interface DuePoint {
  key: string;
  kind: DueKind;
  at: Date;
  /** The person a point is about (a person id): whom a nag mentions, or the silent specialist. */
  personId?: string;
}

/** What the rules read from a case. */
export interface CaseForDue {
  status: CaseStatus;
  priority: Priority;
  sla: CaseClocks | null;
  lastActivityAt: Date;
  snoozedUntil: Date | null;
  /** The assignee's person id (nags to them wait for their working hours). */
  assigneeId: string | null;
  specialists: { personId: string; pulledAt: Date; firstReplyAt: Date | null }[];
  /** Since when the case waits on the customer, while it does. */
  waitingSince: Date | null;
  /** Since when the case is resolved, while it is. */
  resolvedAt?: Date | null;
}

export interface DueContext {
  settings: NagSettings;
  calendar: BusinessCalendar;
  /** The first moment at or after `at` that a person works (their hours, zone and absences). */
  workingFrom: (personId: string, at: Date) => Date;
}

const nagStatuses: readonly CaseStatus[] = ['new', 'triaged', 'in_progress', 'waiting_on_specialist'];

/**
 * Every due point a case has now, in time order: SLA warnings (75 %) and breaches of the running
 * clocks; stale nags after each interval without activity (the last one escalates); pings to
 * silent specialists, then the next specialist; the customer reminder and auto-resolution.
 * Nags to a person wait for their working hours; a snooze postpones nags (not SLA notices).
 */
export function duePoints(c: CaseForDue, context: DueContext): DuePoint[] {
  const points: DuePoint[] = [];
  const { settings, calendar } = context;
  const after = (from: Date, target: SlaTarget, times = 1) =>
    target.business ? calendar.addBusinessMinutes(from, target.minutes * times) : new Date(from.getTime() + target.minutes * times * 60_000);
  const nag = (at: Date, personId: string | null) => {
    const snoozed = c.snoozedUntil && c.snoozedUntil > at ? c.snoozedUntil : at;
    return personId ? context.workingFrom(personId, snoozed) : snoozed;
  };

  // A resolved or closed case has nothing left to warn about (a first response never given stays on the record).
  if (c.sla && c.status !== 'resolved' && c.status !== 'closed') {
    for (const name of ['firstResponse', 'resolution'] as const) {
      const clock: SlaClock = c.sla[name];
      const id = `${name}:${clock.startedAt.getTime()}:${clock.target.minutes}`;
      const warning = dueAt(clock, 0.75, calendar);
      const breach = dueAt(clock, 1, calendar);
      if (warning) points.push({ key: `sla:${id}:warning`, kind: 'sla.warning', at: warning });
      if (breach) points.push({ key: `sla:${id}:breach`, kind: 'sla.breach', at: breach });
    }
  }

  if (nagStatuses.includes(c.status)) {
    const since = c.lastActivityAt.getTime();
    for (let n = 1; n <= settings.escalateAfterNags; n += 1) {
      const escalates = n === settings.escalateAfterNags;
      const at = after(c.lastActivityAt, settings.staleAfter[c.priority], n);
      points.push({
        key: `stale:${since}:${n}`,
        kind: escalates ? 'stale.escalation' : 'stale.nag',
        at: escalates ? nag(at, null) : nag(at, c.assigneeId),
        ...(c.assigneeId && !escalates ? { personId: c.assigneeId } : {}),
      });
    }
    for (const specialist of c.specialists.filter((s) => !s.firstReplyAt)) {
      const id = `specialist:${specialist.personId}:${specialist.pulledAt.getTime()}`;
      const ping = after(specialist.pulledAt, settings.specialistReplyWithin);
      points.push({ key: `${id}:ping`, kind: 'specialist.ping', at: nag(ping, specialist.personId), personId: specialist.personId });
      points.push({ key: `${id}:next`, kind: 'specialist.next', at: nag(after(specialist.pulledAt, settings.specialistReplyWithin, 2), null), personId: specialist.personId });
    }
  }

  if (c.status === 'waiting_on_customer' && c.waitingSince) {
    const id = `waiting:${c.waitingSince.getTime()}`;
    const reminder = after(c.waitingSince, settings.remindCustomerAfter);
    points.push({ key: `${id}:reminder`, kind: 'customer.reminder', at: reminder });
    points.push({ key: `${id}:auto_resolve`, kind: 'customer.auto_resolve', at: after(reminder, settings.resolveAfterReminder) });
  }
  if (c.status === 'resolved' && c.resolvedAt) {
    points.push({ key: `close:${c.resolvedAt.getTime()}`, kind: 'case.auto_close', at: after(c.resolvedAt, settings.closeResolvedAfter) });
  }
  return points.sort((a, b) => a.at.getTime() - b.at.getTime() || a.key.localeCompare(b.key));
}

/** The earliest due point not acted on yet: what the case stores as its next due point. */
export function nextDue(points: DuePoint[], done: ReadonlySet<string>): DuePoint | undefined {
  return points.find((point) => !done.has(point.key));
}
