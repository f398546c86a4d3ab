import type { Directory } from '../people/directory.js';
import { workingFrom } from '../people/availability.js';
import type { Clock } from '../ports/clock.js';
import type { SlaSettings } from '../sla/settings.js';
import type { CaseDocument, NextDue } from '../storage/models/index.js';
import { duePoints, nextDue, type CaseForDue, type DuePoint, type NagSettings } from './due-points.js';
import type { DueQueue } from './due-queue.js';

/** What the due rules and the queue need of a case (a case about to be inserted has no due state yet). */
export type PlannedCase = Pick<
  CaseDocument,
  '_id' | 'workspace' | 'account' | 'status' | 'priority' | 'sla' | 'lastActivityAt' | 'snoozedUntil' | 'assignee' | 'specialists' | 'waitingSince'
> &
  Partial<Pick<CaseDocument, 'nextDue' | 'dueDone' | 'resolvedAt'>>;

/**
 * Keeps each case's next due point filed in the due queue. Callers hold the case's lease and
 * store what `plan` returns with the rest of their write, so a case and its due point change together.
 */
export class DueScheduler {
  constructor(
    private readonly deps: { queue: DueQueue; directory: Directory; sla: SlaSettings; nags: NagSettings; clock: Clock },
  ) {}

  /** Every due point the case has in its current state (done or not). */
  points(doc: PlannedCase): DuePoint[] {
    const { directory, sla, nags } = this.deps;
    return duePoints(caseForDue(doc, directory), {
      settings: nags,
      calendar: sla.calendarFor(doc.account),
      workingFrom: (personId, at) => {
        const person = directory.person(personId);
        return person ? workingFrom(person, at) : at;
      },
    });
  }

  /**
   * The next due point to store on the case as it will be written. A changed point is filed in
   * the queue first: a crash before the case write leaves only a slot its handler will skip.
   */
  async plan(doc: PlannedCase): Promise<NextDue | null> {
    const next = nextDue(this.points(doc), new Set(doc.dueDone ?? []));
    if (!next) return null;
    const current = doc.nextDue;
    if (current && current.key === next.key && current.at.getTime() === next.at.getTime()) return current;
    const slot = await this.deps.queue.file({ workspace: doc.workspace, caseId: String(doc._id), key: next.key, at: next.at }, this.deps.clock.now());
    return { key: next.key, at: next.at, slot };
  }
}

/** What the due rules read from a stored case. */
export function caseForDue(doc: PlannedCase, directory: Directory): CaseForDue {
  return {
    status: doc.status,
    priority: doc.priority,
    sla: doc.sla,
    lastActivityAt: doc.lastActivityAt,
    snoozedUntil: doc.snoozedUntil,
    assigneeId: doc.assignee ? (directory.teamMember(doc.assignee)?.id ?? null) : null,
    specialists: doc.specialists,
    waitingSince: doc.waitingSince,
    resolvedAt: doc.resolvedAt ?? null,
  };
}

/** Whether a case is still waiting on the due point `key` at `now` (not moved on, not acted on). */
export function isDueNow(doc: CaseDocument, key: string, now: Date): boolean {
  return doc.nextDue?.key === key && doc.nextDue.at <= now && !doc.dueDone.includes(key);
}
