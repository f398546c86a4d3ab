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

export interface CaseWriterDeps {
  repository: CaseRepository;
  outbox: Outbox;
  notifications: CaseNotifications;
  directory: Directory;
  clock: Clock;
  /** Serialises writes to one case document (see LeaseLock for why updates need it). */
  lock: LeaseLock;
  sla: SlaSettings;
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
   */
  async change(
    input: { workspace: string; caseId: string; actor: Actor },
    type: string,
    decide: (doc: CaseDocument) => Decision | undefined | Promise<Decision | undefined>,
  ): Promise<CaseDocument> {
    this.assertTeamMember(input.actor);
    const { repository } = this.deps;
    return this.withCase(input.caseId, async () => {
      const doc = await repository.getById(input.workspace, input.caseId);
      if (!doc) throw new CaseNotFoundError(input.caseId);
      if (doc.status === 'closed') throw new InvalidTransitionError(doc.key, 'closed', 'changed', []);
      const decision = await decide(doc);
      if (!decision) return doc;
      const now = this.deps.clock.now();
      const updated = await repository.update(doc, { ...decision.set, updatedAt: now, lastActivityAt: now });
      await repository.appendEvent(updated.workspace, updated._id, { key: `v${updated.version}`, type, actor: input.actor, at: now, data: decision.data });
      await this.deps.outbox.enqueue([...this.deps.notifications.changed(updated), ...(decision.messages?.(updated) ?? [])]);
      return updated;
    });
  }

  /** Activity times (and the first response) on the case as it is now, under its lease. */
  touch(doc: CaseDocument, times: Pick<Partial<CaseDocument>, 'lastActivityAt' | 'lastCustomerActivityAt'>, firstResponseAt?: Date) {
    const { repository } = this.deps;
    return this.withCase(doc._id, async () => {
      const current = await repository.getById(doc.workspace, doc._id);
      if (!current) return;
      if (firstResponseAt) {
        const calendar = this.deps.sla.calendarFor(current.account);
        await repository.recordFirstResponse(current, firstResponseAt, current.sla && responded(current.sla, current.createdAt, firstResponseAt, calendar));
      }
      await repository.touch(current, times);
    });
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
