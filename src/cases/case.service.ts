import { Types } from 'mongoose';
import { CaseNotFoundError, InvalidTransitionError, ValidationFailedError } from '../errors.js';
import type { Metrics } from '../metrics.js';
import type { OutboxMessage } from '../outbox/outbox.js';
import type { CaseDocument, CaseSuggestion } from '../storage/models/index.js';
import type { CaseWriter, CaseWriterDeps } from './case.writer.js';
import type { NewCase } from './case.repository.js';
import { tugiActor, type Actor, type AssignInput, type CaseRef, type ChangeStatusInput, type OpenCaseInput, type SetPriorityInput, type SetTagsInput, type SnoozeInput, type ThreadMessageInput, truncateDescription } from './case.schema.js';
import { allowedTransitions, canTransition, needsOwnAction, openStatuses, type CaseStatus } from './status.js';
import { moreUrgent, suggestFromText } from './keyword-rules.js';
import { openClocks, statusChanged, targetsChanged } from '../sla/case-clocks.js';

export interface CaseServiceDeps extends CaseWriterDeps {
  writer: CaseWriter;
  /** The question put to a customer who writes in the thread of a recently resolved case. */
  reopenPrompt: (doc: CaseDocument, messageTs: string) => OutboxMessage[];
  metrics?: Metrics;
}

/** Case lifecycle: open, change, and the conversation that belongs to a case. */
export class CaseService {
  constructor(private readonly deps: CaseServiceDeps) {}

  getById(workspace: string, caseId: string): Promise<CaseDocument | null> {
    return this.deps.repository.getById(workspace, caseId);
  }

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
    const result = existing ? { case: existing, created: false } : await repository.insert(caseId, await this.newCase(caseId, input));
    const doc = result.case;
    if (result.created) this.deps.metrics?.caseOpened(doc.source.via);

    if (doc.sourceKey === input.sourceKey) {
      await repository.appendEvent(doc.workspace, doc._id, {
        key: 'opened',
        type: 'opened',
        actor: input.openedBy,
        at: doc.createdAt,
        data: { via: doc.source.via, priority: doc.priority, suggestedTags: doc.tags },
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
    const source = `${args.channel}:${args.ts}`;
    let open = await repository.getByMessage(args.workspace, args.channel, args.ts);
    // This message opened a case of its own (open() finds it again).
    if (open?.sourceKey === source) return undefined;
    if (!open) {
      const latest = await repository.getRequesterCase(args.workspace, args.channel, args.author.userId);
      if (!latest || !openStatuses.includes(latest.status) || !args.isWithinWindow(latest.lastCustomerActivityAt)) return undefined;
      // Lost to another trigger of the same message: whatever it linked to is what this joins.
      open = (await repository.link(args.workspace, source, latest._id)) ? latest : await repository.getByMessage(args.workspace, args.channel, args.ts);
      if (!open || open.sourceKey === source) return undefined;
    }
    // From the link on, every step is safe to repeat, so a replay after a crash finishes what the first run began.
    await this.deps.writer.touch(open, { lastCustomerActivityAt: args.at, lastActivityAt: args.at });
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
    await repository.appendEvent(doc.workspace, doc._id, {
      key: `msg:${input.channel}:${input.ts}`,
      type: input.fromTeam ? 'public_reply' : 'customer_message',
      actor: input.author,
      at: input.at,
      data: { channel: input.channel, ts: input.ts, text: input.text },
    });
    // Repeated on a replay too (after a crash between the entry and what follows): times only move forward and the rest is keyed.
    await this.deps.writer.touch(doc, { lastActivityAt: input.at, ...(input.fromTeam ? {} : { lastCustomerActivityAt: input.at }) }, input.fromTeam ? input.at : undefined);
    if (!input.fromTeam) await this.customerAnswered(doc, input.author, input.ts, input.at);
    return doc;
  }

  /**
   * A message of a case was edited or deleted in the customer's channel. The timeline keeps what
   * it said before; an edit of the case's first message also becomes the case's description. A
   * deleted first message leaves the case as it was (and reachable: replies in its thread still
   * come to it), with the deletion on the timeline.
   */
  async recordMessageChange(input: { workspace: string; channel: string; ts: string; threadTs: string | null; author: Actor; before: string; after: string | null; at: Date }): Promise<CaseDocument | undefined> {
    const { repository } = this.deps;
    const doc = await repository.getByMessage(input.workspace, input.channel, input.threadTs ?? input.ts);
    if (!doc) return undefined;
    const data = { channel: input.channel, ts: input.ts, before: input.before, ...(input.after === null ? {} : { after: input.after }) };
    const type = input.after === null ? 'message_deleted' : 'message_edited';
    const isFirst = input.threadTs === null && doc.source.channel === input.channel && doc.source.ts === input.ts;
    if (isFirst && input.after !== null && doc.status !== 'closed') {
      const description = truncateDescription(input.after);
      return this.deps.writer.change({ workspace: doc.workspace, caseId: String(doc._id), actor: input.author }, type, (current) => (current.description === description ? undefined : { set: { description }, data }), { byRule: true });
    }
    await repository.appendEvent(doc.workspace, doc._id, { key: `${type}:${input.channel}:${input.ts}:${input.at.getTime()}`, type, actor: input.author, at: input.at, data });
    return doc;
  }

  /**
   * The customer wrote in their thread: a case waiting on them goes back to work; a case resolved
   * within the reopen window asks them whether to reopen it (a thank-you must not reopen a case).
   */
  private async customerAnswered(doc: CaseDocument, author: Actor, messageTs: string, at: Date): Promise<void> {
    if (doc.status === 'resolved' && doc.resolvedAt && at <= this.reopenWindowEnd(doc)) {
      await this.deps.outbox.enqueue(this.deps.reopenPrompt(doc, messageTs));
      return;
    }
    if (doc.status !== 'waiting_on_customer') return;
    await this.deps.writer.change(
      { workspace: doc.workspace, caseId: String(doc._id), actor: author },
      'status_changed',
      (current) => (current.status === 'waiting_on_customer' ? this.statusDecision(current, 'in_progress', { reason: 'the customer replied' }) : undefined),
      { byRule: true },
    );
  }

  private reopenWindowEnd(doc: CaseDocument): Date {
    const window = this.deps.directory.config.resolution.reopenWindow;
    return window.business
      ? this.deps.sla.calendarFor(doc.account).addBusinessMinutes(doc.resolvedAt!, window.minutes)
      : new Date(doc.resolvedAt!.getTime() + window.minutes * 60_000);
  }

  assign(input: AssignInput): Promise<CaseDocument> {
    return this.deps.writer.change(input, 'assigned', (doc) => {
      if (doc.assignee === input.assignee) return undefined;
      return { set: { assignee: input.assignee }, data: { from: doc.assignee ?? null, to: input.assignee } };
    });
  }

  setPriority(input: SetPriorityInput): Promise<CaseDocument> {
    return this.deps.writer.change(input, 'priority_changed', (doc) => {
      if (doc.priority === input.priority) return undefined;
      const sla = doc.sla && targetsChanged(doc.sla, this.deps.sla.policyFor(doc.account, input.priority));
      return { set: { priority: input.priority, sla }, data: { from: doc.priority, to: input.priority } };
    });
  }

  /** Adds and removes skill tags (or replaces them all); only tags the config declares are accepted. */
  setTags(input: SetTagsInput): Promise<CaseDocument> {
    const known = new Set(this.deps.directory.tags);
    const unknown = [...input.add, ...(input.set ?? [])].filter((tag) => !known.has(tag));
    if (unknown.length > 0) {
      const list = known.size > 0 ? `Known tags: ${[...known].join(', ')}.` : 'No tags are configured yet (add skills in /tugi setup).';
      throw new ValidationFailedError([`Unknown tag ${unknown.map((t) => `\`${t.slice(0, 40)}\``).join(', ')}. ${list}`]);
    }
    return this.deps.writer.change(input, 'tags_changed', (doc) => {
      const next = input.set ? [...new Set(input.set)] : [...new Set([...doc.tags.filter((t) => !input.remove.includes(t)), ...input.add])];
      const added = next.filter((t) => !doc.tags.includes(t));
      const removed = doc.tags.filter((t) => !next.includes(t));
      if (added.length === 0 && removed.length === 0) return undefined;
      return { set: { tags: next }, data: { added, removed } };
    });
  }

  /**
   * The model's triage suggestion for a new case, put on its card. Made by rule (tugi suggests,
   * nobody acted, so it is no activity on the case); a case showing a suggestion already keeps it.
   */
  suggest(ref: { workspace: string; caseId: string }, suggestion: CaseSuggestion): Promise<CaseDocument> {
    return this.deps.writer.change({ ...ref, actor: tugiActor }, 'triage_suggested', (doc) => (doc.suggestion ? undefined : { set: { suggestion }, data: { ...suggestion } }), { byRule: true, notActivity: true });
  }

  /** Applies the card's suggestion (its tags added, its priority set) in one change. */
  acceptSuggestion(input: CaseRef): Promise<CaseDocument> {
    return this.deps.writer.change(input, 'suggestion_accepted', (doc) => {
      if (!doc.suggestion) return undefined;
      const known = new Set(this.deps.directory.tags);
      const tags = [...new Set([...doc.tags, ...doc.suggestion.tags.filter((tag) => known.has(tag))])];
      const priority = doc.suggestion.priority ?? doc.priority;
      const sla = priority !== doc.priority && doc.sla ? targetsChanged(doc.sla, this.deps.sla.policyFor(doc.account, priority)) : doc.sla;
      return { set: { tags, priority, sla, suggestion: null }, data: { tags: tags.filter((t) => !doc.tags.includes(t)), from: doc.priority, to: priority } };
    });
  }

  dismissSuggestion(input: CaseRef): Promise<CaseDocument> {
    return this.deps.writer.change(input, 'suggestion_dismissed', (doc) => (doc.suggestion ? { set: { suggestion: null }, data: { ...doc.suggestion } } : undefined));
  }

  /** Postpones the nags about a case; the timeline says who snoozed it until when. */
  snooze(input: SnoozeInput): Promise<CaseDocument> {
    return this.deps.writer.change(input, 'snoozed', (doc) => {
      if (doc.status === 'resolved') throw new InvalidTransitionError(doc.key, 'resolved', 'snoozed', []);
      return { set: { snoozedUntil: input.until }, data: { until: input.until, previous: doc.snoozedUntil ?? null } };
    });
  }

  changeStatus(input: ChangeStatusInput): Promise<CaseDocument> {
    return this.deps.writer.change(input, 'status_changed', (doc) => {
      if (needsOwnAction(doc.status, input.status)) {
        throw new ValidationFailedError([
          input.status === 'resolved'
            ? `Resolve ${doc.key} with *Resolve* on the card or \`/tugi resolve ${doc.key}\`, so the customer hears the cause and the fix.`
            : `Reopen ${doc.key} with *Reopen* on the card or \`/tugi reopen ${doc.key}\`.`,
        ]);
      }
      return this.statusDecision(doc, input.status);
    });
  }

  /** The due point `due` resolves a case that waited too long on the customer (their notice is already queued). */
  autoResolve(ref: { workspace: string; caseId: string }, due: string): Promise<CaseDocument> {
    return this.deps.writer.change(
      { ...ref, actor: tugiActor },
      'status_changed',
      (doc) => (doc.status === 'waiting_on_customer' ? this.statusDecision(doc, 'resolved', { automatic: true, reason: 'no answer from the customer' }) : undefined),
      { due },
    );
  }

  private statusDecision(doc: CaseDocument, to: CaseStatus, data: Record<string, unknown> = {}) {
    const from = doc.status;
    if (from === to) return undefined;
    if (!canTransition(from, to)) throw new InvalidTransitionError(doc.key, from, to, allowedTransitions(from));
    const now = this.deps.clock.now();
    const sla = doc.sla && statusChanged(doc.sla, from, to, now, this.deps.sla.calendarFor(doc.account));
    const waitingSince = to === 'waiting_on_customer' ? now : null;
    // The auto-close and the reopen window count from the resolution.
    const resolvedAt = to === 'resolved' ? now : to === 'closed' ? doc.resolvedAt : null;
    const firstResolvedAt = doc.firstResolvedAt ?? (to === 'resolved' ? now : null);
    return { set: { status: to, sla, waitingSince, resolvedAt, firstResolvedAt }, data: { from, to, ...data } };
  }

  /** The case to insert, its first due point already filed (a racing opener's slot is skipped by its handler). */
  private async newCase(caseId: Types.ObjectId, input: OpenCaseInput): Promise<NewCase> {
    const account = this.deps.directory.account(input.account);
    const suggestion = suggestFromText(`${input.title}\n${input.description}`, this.deps.directory.config.rules);
    const priority = moreUrgent(account?.defaultPriority ?? 'P3', suggestion.priority);
    const fresh: Omit<NewCase, 'nextDue' | 'reported'> = {
      workspace: input.workspace,
      title: input.title,
      description: input.description,
      requester: input.requester,
      account: input.account,
      source: { ...input.source, via: input.via },
      sourceKey: input.sourceKey,
      status: 'new' as const,
      priority,
      snoozedUntil: null,
      waitingSince: null,
      sla: openClocks(this.deps.sla.policyFor(input.account, priority), input.at),
      assignee: null,
      tags: suggestion.tags,
      specialists: [],
      specialistThread: null,
      firstResponseAt: null,
      lastCustomerActivityAt: input.at,
      lastActivityAt: input.at,
      createdAt: input.at,
      updatedAt: input.at,
    };
    const planned = { ...fresh, _id: caseId, number: 0, key: '', version: 1, dueDone: [], nextDue: null, resolvedAt: null, firstResolvedAt: null, resolution: null, customerAnswer: null, suggestion: null, reopenCount: 0, reported: null };
    return { ...fresh, nextDue: await this.deps.due.plan(planned), reported: await this.deps.reports.plan(planned) };
  }
}
