import { DateTime } from 'luxon';
import type { Priority } from '../config/workspace.js';
import type { CaseStatus } from '../cases/status.js';
import type { BusinessCalendar } from '../sla/calendar.js';
import { clockOutcome } from '../sla/clock.js';
import type { CaseDocument } from '../storage/models/index.js';

/** Whether a case met an SLA target: breached also while still open past it; open while it can still be met. */
export type SlaOutcome = 'met' | 'breached' | 'open';

/**
 * What one case contributes to the reports, with every metric defined once (PRODUCT.md flow 7):
 * - first response: creation → first public team reply, in business minutes of the account's
 *   calendar; null (reported as open, never averaged in) while there is none;
 * - resolution: creation → first resolution, business minutes; reopens are counted apart;
 * - SLA: per target, met / breached (a running clock past its target counts as breached) / open;
 * - rating: the customer's 1–5, if given.
 * Days are calendar days in the team's time zone.
 */
export interface CaseFacts {
  caseId: string;
  openedDay: string;
  resolvedDay: string | null;
  status: CaseStatus;
  priority: Priority;
  account: string | null;
  tags: string[];
  assignee: string | null;
  /** People asked as specialists who replied. */
  specialists: string[];
  firstResponseMinutes: number | null;
  resolutionMinutes: number | null;
  reopens: number;
  sla: { firstResponse: SlaOutcome; resolution: SlaOutcome };
  rating: number | null;
  /** The latest resolution's cause, as the team wrote it (for "top recurring causes"). */
  cause: string | null;
}

export function caseFacts(doc: CaseDocument, calendar: BusinessCalendar, teamZone: string, now: Date): CaseFacts {
  const day = (at: Date) => DateTime.fromJSDate(at, { zone: teamZone }).toISODate()!;
  const outcome = (clock: 'firstResponse' | 'resolution'): SlaOutcome => {
    const state = doc.sla?.[clock];
    if (!state) return 'open';
    const result = clockOutcome(state, now, calendar);
    return result === 'met' || result === 'breached' ? result : 'open';
  };
  return {
    caseId: String(doc._id),
    openedDay: day(doc.createdAt),
    resolvedDay: doc.firstResolvedAt ? day(doc.firstResolvedAt) : null,
    status: doc.status,
    priority: doc.priority,
    account: doc.account,
    tags: doc.tags,
    assignee: doc.assignee,
    specialists: doc.specialists.filter((s) => s.firstReplyAt).map((s) => s.personId),
    firstResponseMinutes: doc.firstResponseAt ? calendar.businessMinutesBetween(doc.createdAt, doc.firstResponseAt) : null,
    resolutionMinutes: doc.firstResolvedAt ? calendar.businessMinutesBetween(doc.createdAt, doc.firstResolvedAt) : null,
    reopens: doc.reopenCount,
    sla: { firstResponse: outcome('firstResponse'), resolution: outcome('resolution') },
    rating: doc.customerAnswer?.rating ?? null,
    cause: doc.resolution?.cause ?? null,
  };
}
