import type { CaseRepository } from '../cases/case.repository.js';
import type { CaseService } from '../cases/case.service.js';
import type { CaseWriter } from '../cases/case.writer.js';
import { formatTarget } from '../messages/index.js';
import { scaleTarget } from '../sla/policy.js';
import type { Outbox } from '../outbox/outbox.js';
import type { Clock } from '../ports/clock.js';
import type { SpecialistService } from '../specialists/specialist.service.js';
import type { ResolutionService } from '../resolutions/resolution.service.js';
import type { DuePoint, NagSettings } from './due-points.js';
import type { DueSlot } from './due-queue.js';
import { isDueNow, type DueScheduler } from './due-scheduler.js';
import type { NagNotifications } from './nag.notifications.js';

export interface DueHandlerDeps {
  repository: CaseRepository;
  writer: CaseWriter;
  scheduler: DueScheduler;
  outbox: Outbox;
  notifications: NagNotifications;
  cases: CaseService;
  specialists: SpecialistService;
  resolutions: ResolutionService;
  nags: NagSettings;
  clock: Clock;
}

/**
 * Acts on one due slot of the sweep. Exactly once per due point, without an atomic update to
 * claim it: the messages are keyed by the due point (the outbox stores a key once), and the case
 * marks the point done under its lease, re-checking that it still waits on it. A crash between
 * the two makes the next sweep repeat both; the repeated messages are refused by their keys.
 */
export class DueHandler {
  constructor(private readonly deps: DueHandlerDeps) {}

  async handle(slot: DueSlot): Promise<void> {
    const { repository, writer, scheduler, outbox, notifications, clock } = this.deps;
    const doc = await repository.getById(slot.workspace, slot.caseId);
    // Slots are never edited: a case that moved on has a newer slot, and this one is skipped.
    if (!doc || !isDueNow(doc, slot.key, clock.now())) return;
    const ref = { workspace: doc.workspace, caseId: String(doc._id) };
    const points = scheduler.points(doc);
    const point = points.find((p) => p.key === slot.key);
    // The rules changed under it (a new config): plan the case afresh.
    if (!point) return writer.reschedule(ref.workspace, ref.caseId);
    // After an outage several points of one series may be due: only the latest speaks.
    if (isSuperseded(point, points, clock.now())) return writer.settleDue(ref.workspace, ref.caseId, point.key);

    switch (point.kind) {
      case 'specialist.next':
        await this.deps.specialists.pullNext(ref, { key: point.key, personId: point.personId! }, formatTarget(scaleTarget(this.deps.nags.specialistReplyWithin, 2), 'en'));
        return;
      case 'case.auto_close':
        await this.deps.resolutions.autoClose(ref, point.key);
        return;
      case 'customer.auto_resolve':
        await outbox.enqueue(notifications.messages(doc, point));
        await this.deps.cases.autoResolve(ref, point.key);
        return;
      default:
        await outbox.enqueue(notifications.messages(doc, point));
        await writer.settleDue(ref.workspace, ref.caseId, point.key);
    }
  }
}

/** A point's series is its key less the last part (`stale:<since>`, `sla:<clock>:<start>:<target>`, …). */
const seriesOf = (point: DuePoint) => point.key.slice(0, point.key.lastIndexOf(':'));

function isSuperseded(point: DuePoint, points: DuePoint[], now: Date): boolean {
  return points.some((other) => other !== point && seriesOf(other) === seriesOf(point) && other.at > point.at && other.at <= now);
}
