import type { CaseDocument } from '../storage/models/index.js';
import type { BusinessCalendar } from '../sla/calendar.js';
import { clockOutcome } from '../sla/clock.js';
import type { NagSettings } from './due-points.js';

/** Why a case needs attention now. */
export type AttentionReason =
  | { kind: 'breached'; clock: 'firstResponse' | 'resolution' }
  | { kind: 'stale'; idleMinutes: number };

export interface AttentionRow {
  caseId: string;
  key: string;
  title: string;
  status: CaseDocument['status'];
  priority: CaseDocument['priority'];
  assignee: string | null;
  reasons: AttentionReason[];
}

const staleStatuses: readonly CaseDocument['status'][] = ['new', 'triaged', 'in_progress', 'waiting_on_specialist'];

/**
 * The open cases that are breaching an SLA target or have gone stale (no activity for their
 * priority's stale interval), worst first: the most targets breached, then the longest idle.
 */
export function needsAttention(cases: CaseDocument[], now: Date, settings: NagSettings, calendarOf: (doc: CaseDocument) => BusinessCalendar): AttentionRow[] {
  const rows: AttentionRow[] = [];
  for (const doc of cases) {
    const calendar = calendarOf(doc);
    const reasons: AttentionReason[] = [];
    for (const clock of ['firstResponse', 'resolution'] as const) {
      const state = doc.sla?.[clock];
      if (state && !state.stoppedAt && clockOutcome(state, now, calendar) === 'breached') reasons.push({ kind: 'breached', clock });
    }
    if (staleStatuses.includes(doc.status)) {
      const target = settings.staleAfter[doc.priority];
      const idle = target.business ? calendar.businessMinutesBetween(doc.lastActivityAt, now) : (now.getTime() - doc.lastActivityAt.getTime()) / 60_000;
      if (idle >= target.minutes) reasons.push({ kind: 'stale', idleMinutes: Math.floor(idle) });
    }
    if (reasons.length > 0) {
      rows.push({ caseId: String(doc._id), key: doc.key, title: doc.title, status: doc.status, priority: doc.priority, assignee: doc.assignee, reasons });
    }
  }
  const weight = (row: AttentionRow) => row.reasons.filter((r) => r.kind === 'breached').length * 1e9 + Math.max(0, ...row.reasons.map((r) => (r.kind === 'stale' ? r.idleMinutes : 0)));
  return rows.sort((a, b) => weight(b) - weight(a) || a.key.localeCompare(b.key));
}
