import type { Types } from 'mongoose';
import { CaseNotFoundError, InvalidTransitionError, NotAllowedError } from '../errors.js';
import type { Outbox, OutboxMessage } from '../outbox/outbox.js';
import type { Directory } from '../people/directory.js';
import type { Clock } from '../ports/clock.js';
import type { LeaseLock } from '../storage/lease-lock.js';
import type { CaseDocument } from '../storage/models/index.js';
import type { CaseNotifications } from './case.notifications.js';
import type { CaseRepository } from './case.repository.js';
import { responded } from '../sla/case-clocks.js';
import type { SlaSettings } from '../sla/settings.js';
import type { Actor } from './case.schema.js';
import { isDueNow, type DueScheduler } from '../reminders/due-scheduler.js';
import type { ReportRecorder } from '../reports/report-recorder.js';
import type { CaseEffects } from './case-effects.js';

export interface CaseWriterDeps {
  repository: CaseRepository;
  outbox: Outbox;
  notifications: CaseNotifications;
  directory: Directory;
  clock: Clock;
  /** Serialises writes to one case document (see LeaseLock for why updates need it). */
  lock: LeaseLock;
  sla: SlaSettings;
  due: DueScheduler;
  reports: ReportRecorder;
  /** Stores a change's timeline entry and messages so that a crash loses neither (shared by the process's desks). */
  effects: CaseEffects;
}

/** What a change decides: the fields to set, the timeline data, and any messages beyond the card refresh. */
export interface Decision {
  set: Partial<CaseDocument>;
  data: Record<string, unknown>;
  messages?: (updated: CaseDocument) => OutboxMessage[];
}

/** The one way a case document is changed: under its lease, checked, recorded, announced. */
export class CaseWriter {
  constructor(private readonly deps: CaseWriterDeps) {}

  /**
   * Read, decide, write, all under the case's lease, so the rule is checked against the state it
   * changes and concurrent writers never overwrite each other. No-op decisions change nothing.
   *
   * With `due`, the change is tugi acting on that due point: it happens only while the case still
   * waits on it, marks it done in the same write, and is not counted as activity on the case.
   * `byRule` is a change tugi makes by rule for whoever caused it (a customer's reply), so the
   * actor need not be on the team. Closed cases are read-only unless `reopening`. `notActivity`:
   * the change is tugi's own note on the case (a suggestion), which no stale clock counts.
   */
  async change(
    input: { workspace: string; caseId: string; actor: Actor },
    type: string,
    decide: (doc: CaseDocument) => Decision | undefined | Promise<Decision | undefined>,
    options: { due?: string; byRule?: boolean; reopening?: boolean; notActivity?: boolean } = {},
  ): Promise<CaseDocument> {
    if (!options.due && !options.byRule) this.assertTeamMember(input.actor);
    const { repository } = this.deps;
    return this.withCase(input.caseId, async () => {
      const doc = await repository.getById(input.workspace, input.caseId);
      if (!doc) throw new CaseNotFoundError(input.caseId);
      const now = this.deps.clock.now();
      if (options.due && !isDueNow(doc, options.due, now)) return doc;
      if (doc.status === 'closed' && !options.reopening) throw new InvalidTransitionError(doc.key, 'closed', 'changed', []);
      const decision = await decide(doc);
      if (!decision) return options.due ? this.markDone(doc, options.due) : doc;
      const activity = options.due ? { dueDone: [...doc.dueDone, options.due] } : options.notActivity ? {} : { lastActivityAt: now };
      const set: Partial<CaseDocument> = { ...decision.set, updatedAt: now, ...activity };
      const next = { ...doc, ...set };
      const written = { ...set, nextDue: await this.deps.due.plan(next), reported: await this.deps.reports.plan(next) };
      // The case as the write will leave it, so its effects can be stored before the write (see CaseEffects).
      const updated: CaseDocument = { ...doc, ...written, version: doc.version + 1 };
      const effects = {
        workspace: updated.workspace,
        caseId: updated._id,
        version: updated.version,
        event: { key: `v${updated.version}`, type, actor: input.actor, at: now, data: decision.data },
        messages: this.deps.outbox.prepare([...this.deps.notifications.changed(updated), ...(decision.messages?.(updated) ?? [])]),
      };
      await this.deps.effects.record(effects);
      await repository.update(doc, written);
      await this.deps.effects.apply(effects);
      return updated;
    });
  }

  /** Activity times (and the first response) on the case as it is now, under its lease; times only move forward. */
  touch(doc: CaseDocument, times: Pick<Partial<CaseDocument>, 'lastActivityAt' | 'lastCustomerActivityAt'>, firstResponseAt?: Date) {
    return this.withCase(doc._id, async () => {
      const current = await this.deps.repository.getById(doc.workspace, doc._id);
      if (!current) return;
      const set: Partial<CaseDocument> = {};
      if (times.lastActivityAt && times.lastActivityAt > current.lastActivityAt) set.lastActivityAt = times.lastActivityAt;
      if (times.lastCustomerActivityAt && times.lastCustomerActivityAt > current.lastCustomerActivityAt) set.lastCustomerActivityAt = times.lastCustomerActivityAt;
      // Replies may be handled out of order: the earliest team reply is the first response.
      if (firstResponseAt && (!current.firstResponseAt || firstResponseAt < current.firstResponseAt)) {
        set.firstResponseAt = firstResponseAt;
        if (current.sla) set.sla = responded(current.sla, current.createdAt, firstResponseAt, this.deps.sla.calendarFor(current.account));
      }
      if (Object.keys(set).length > 0) await this.setHeld(current, set);
    });
  }

  /** Re-plans a case's next due point (after it was created, or when the due rules' inputs moved). */
  reschedule(workspace: string, caseId: Types.ObjectId | string): Promise<void> {
    return this.withCase(caseId, async () => {
      const current = await this.deps.repository.getById(workspace, caseId);
      if (current) await this.setHeld(current, {});
    });
  }

  /** Marks a due point done (its nag is already in the outbox) if the case still waits on it. */
  settleDue(workspace: string, caseId: Types.ObjectId | string, key: string): Promise<void> {
    return this.withCase(caseId, async () => {
      const current = await this.deps.repository.getById(workspace, caseId);
      if (current && isDueNow(current, key, this.deps.clock.now())) await this.markDone(current, key);
    });
  }

  /**
   * Sets fields without a new version (no card refresh) for a caller holding the lease, with the
   * next due point re-planned in the same write.
   */
  async setHeld(current: CaseDocument, set: Partial<CaseDocument>): Promise<CaseDocument> {
    const next = { ...current, ...set };
    const nextDue = await this.deps.due.plan(next);
    const reported = await this.deps.reports.plan(next);
    const unchanged = Object.keys(set).length === 0 && nextDue === current.nextDue && reported === current.reported;
    return unchanged ? current : this.deps.repository.set(current, { ...set, nextDue, reported });
  }

  private markDone(doc: CaseDocument, key: string): Promise<CaseDocument> {
    return this.setHeld(doc, { dueDone: [...doc.dueDone, key] });
  }

  withCase<T>(caseId: Types.ObjectId | string, task: () => Promise<T>): Promise<T> {
    return this.deps.lock.withLock(`case:${String(caseId)}`, task);
  }

  /** Changes come from the support team: a Slack user or a Teams user in the people directory. */
  assertTeamMember(actor: Actor): void {
    const { directory } = this.deps;
    const member = actor.platform === 'slack' ? directory.teamMember(actor.userId) : directory.teamsMember(actor.userId);
    if (!member) throw new NotAllowedError('change cases (only the support team can)');
  }
}
