import { Types } from 'mongoose';
import { CaseNotFoundError, InvalidTransitionError, NotAllowedError } from '../errors.js';
import type { Outbox } from '../outbox/outbox.js';
import type { Directory } from '../people/directory.js';
import type { Clock } from '../ports/clock.js';
import type { LeaseLock } from '../storage/lease-lock.js';
import type { Metrics } from '../metrics.js';
import type { CaseDocument } from '../storage/models/index.js';
import type { CaseNotifications } from './case.notifications.js';
import type { CaseRepository, NewCase } from './case.repository.js';
import type { Actor, AssignInput, ChangeStatusInput, OpenCaseInput, SetPriorityInput, ThreadMessageInput } from './case.schema.js';
import { allowedTransitions, canTransition, openStatuses } from './status.js';

export interface CaseServiceDeps {
  repository: CaseRepository;
  outbox: Outbox;
  notifications: CaseNotifications;
  directory: Directory;
  clock: Clock;
  /** Serialises writes to one case document (see LeaseLock for why updates need it). */
  lock: LeaseLock;
  metrics?: Metrics;
}

/** Case lifecycle: open, change, and the conversation that belongs to a case. */
export class CaseService {
  constructor(private readonly deps: CaseServiceDeps) {}

  async getByKey(workspace: string, key: string): Promise<CaseDocument> {
    const found = await this.deps.repository.getByKey(workspace, key);
    if (!found) throw new CaseNotFoundError(key);
    return found;
  }

  /**
   * Opens a case, or returns the case that already exists for the same source (a retried event,
   * a reaction on a message that a shortcut already turned into a case). Safe to replay.
   */
  async open(input: OpenCaseInput): Promise<{ case: CaseDocument; created: boolean }> {
    const { repository } = this.deps;
    // Claim the source first (a unique primary key); whoever wins names the case's id.
    const proposed = new Types.ObjectId();
    const caseId = (await repository.link(input.workspace, input.sourceKey, proposed))
      ? proposed
      : (await repository.linkedCaseId(input.workspace, input.sourceKey))!;
    const existing = await repository.getById(input.workspace, caseId);
    // No case behind a claim: its opener is still at it, or died before inserting; either way insert it.
    const result = existing ? { case: existing, created: false } : await repository.insert(caseId, this.newCase(input));
    const doc = result.case;
    if (result.created) this.deps.metrics?.caseOpened(doc.source.via);

    if (doc.sourceKey === input.sourceKey) {
      await repository.appendEvent(doc.workspace, doc._id, {
        key: 'opened',
        type: 'opened',
        actor: input.openedBy,
        at: doc.createdAt,
        data: { via: doc.source.via },
      });
      await this.deps.outbox.enqueue(this.deps.notifications.opened(doc));
    }
    const sameTrigger = doc.sourceKey === input.sourceKey && doc.source.via === input.via;
    if (!result.created && !sameTrigger) {
      // A second trigger on the same message: record it so the link is visible on the timeline.
      await repository.appendEvent(doc.workspace, doc._id, {
        key: `requested:${input.via}:${input.openedBy.userId}`,
        type: 'requested_again',
        actor: input.openedBy,
        at: input.at,
        data: { via: input.via },
      });
    }
    return result;
  }

  /**
   * A top-level customer message within the grouping window of their open case joins it.
   * Returns the case it joined, or undefined when it should open a new case.
   */
  async joinFollowUp(args: {
    workspace: string;
    channel: string;
    ts: string;
    author: Actor;
    text: string;
    permalink: string | null;
    at: Date;
    isWithinWindow: (lastActivity: Date) => boolean;
  }): Promise<CaseDocument | undefined> {
    const { repository } = this.deps;
    const linked = await repository.getByMessage(args.workspace, args.channel, args.ts);
    // Already handled: joined before (return that case), or opened a case (open() finds it again).
    if (linked) return linked.sourceKey === `${args.channel}:${args.ts}` ? undefined : linked;
    const open = await repository.getRequesterCase(args.workspace, args.channel, args.author.userId);
    if (!open || !openStatuses.includes(open.status) || !args.isWithinWindow(open.lastCustomerActivityAt)) return undefined;

    if (await repository.link(args.workspace, `${args.channel}:${args.ts}`, open._id)) {
      await this.touchCase(open, { lastCustomerActivityAt: args.at, lastActivityAt: args.at });
    }
    await repository.appendEvent(open.workspace, open._id, {
      key: `msg:${args.channel}:${args.ts}`,
      type: 'customer_message',
      actor: args.author,
      at: args.at,
      data: { channel: args.channel, ts: args.ts, text: args.text, joined: true },
    });
    await this.deps.outbox.enqueue(
      this.deps.notifications.followUp(open, { ...args, author: args.author.name ?? args.author.userId }),
    );
    return open;
  }

  /** A reply in a case's customer thread: team replies are public replies, the rest customer activity. */
  async recordThreadMessage(input: ThreadMessageInput): Promise<CaseDocument | undefined> {
    const { repository } = this.deps;
    const doc = await repository.getByMessage(input.workspace, input.channel, input.threadTs);
    if (!doc) return undefined;
    const appended = await repository.appendEvent(doc.workspace, doc._id, {
      key: `msg:${input.channel}:${input.ts}`,
      type: input.fromTeam ? 'public_reply' : 'customer_message',
      actor: input.author,
      at: input.at,
      data: { channel: input.channel, ts: input.ts, text: input.text },
    });
    if (!appended) return doc;
    await this.touchCase(doc, { lastActivityAt: input.at, ...(input.fromTeam ? {} : { lastCustomerActivityAt: input.at }) }, input.fromTeam ? input.at : undefined);
    return doc;
  }

  assign(input: AssignInput): Promise<CaseDocument> {
    return this.change(input, 'assigned', (doc) => {
      if (doc.assignee === input.assignee) return undefined;
      return { set: { assignee: input.assignee }, data: { from: doc.assignee ?? null, to: input.assignee } };
    });
  }

  setPriority(input: SetPriorityInput): Promise<CaseDocument> {
    return this.change(input, 'priority_changed', (doc) => {
      if (doc.priority === input.priority) return undefined;
      return { set: { priority: input.priority }, data: { from: doc.priority, to: input.priority } };
    });
  }

  changeStatus(input: ChangeStatusInput): Promise<CaseDocument> {
    return this.change(input, 'status_changed', (doc) => {
      const from = doc.status;
      if (from === input.status) return undefined;
      if (!canTransition(from, input.status)) {
        throw new InvalidTransitionError(doc.key, from, input.status, allowedTransitions(from));
      }
      return { set: { status: input.status }, data: { from, to: input.status } };
    });
  }

  /**
   * Read, decide, write, all under the case's lease, so the rule is checked against the state it
   * changes and concurrent writers never overwrite each other. No-op decisions change nothing.
   */
  private async change(
    input: { workspace: string; caseId: string; actor: Actor },
    type: string,
    decide: (doc: CaseDocument) => { set: Partial<CaseDocument>; data: Record<string, unknown> } | undefined,
  ): Promise<CaseDocument> {
    this.assertTeamMember(input.actor);
    const { repository } = this.deps;
    return this.withCase(input.caseId, async () => {
      const doc = await repository.getById(input.workspace, input.caseId);
      if (!doc) throw new CaseNotFoundError(input.caseId);
      if (doc.status === 'closed') throw new InvalidTransitionError(doc.key, 'closed', 'changed', []);
      const decision = decide(doc);
      if (!decision) return doc;
      const now = this.deps.clock.now();
      const updated = await repository.update(doc, { ...decision.set, updatedAt: now, lastActivityAt: now });
      await repository.appendEvent(updated.workspace, updated._id, {
        key: `v${updated.version}`,
        type,
        actor: input.actor,
        at: now,
        data: decision.data,
      });
      await this.deps.outbox.enqueue(this.deps.notifications.changed(updated));
      return updated;
    });
  }

  /** Activity times (and the first response) on the case as it is now, under its lease. */
  private touchCase(doc: CaseDocument, times: Pick<Partial<CaseDocument>, 'lastActivityAt' | 'lastCustomerActivityAt'>, firstResponseAt?: Date) {
    const { repository } = this.deps;
    return this.withCase(doc._id, async () => {
      const current = await repository.getById(doc.workspace, doc._id);
      if (!current) return;
      if (firstResponseAt) await repository.recordFirstResponse(current, firstResponseAt);
      await repository.touch(current, times);
    });
  }

  private withCase<T>(caseId: Types.ObjectId | string, task: () => Promise<T>): Promise<T> {
    return this.deps.lock.withLock(`case:${String(caseId)}`, task);
  }

  private assertTeamMember(actor: Actor): void {
    if (actor.platform === 'slack' && !this.deps.directory.teamMember(actor.userId)) {
      throw new NotAllowedError('change cases (only the support team can)');
    }
  }

  private newCase(input: OpenCaseInput): NewCase {
    const account = this.deps.directory.account(input.account);
    return {
      workspace: input.workspace,
      title: input.title,
      description: input.description,
      requester: input.requester,
      account: input.account,
      source: { ...input.source, via: input.via },
      sourceKey: input.sourceKey,
      status: 'new' as const,
      priority: account?.defaultPriority ?? 'P3',
      assignee: null,
      tags: [],
      firstResponseAt: null,
      lastCustomerActivityAt: input.at,
      lastActivityAt: input.at,
      createdAt: input.at,
      updatedAt: input.at,
    };
  }
}
