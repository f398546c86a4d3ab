import type { CaseWriter } from '../cases/case.writer.js';
import type { CaseRepository } from '../cases/case.repository.js';
import { tugiActor, type Actor, type CaseRef } from '../cases/case.schema.js';
import { allowedTransitions, canTransition } from '../cases/status.js';
import { CaseNotFoundError, InvalidTransitionError, NotAllowedError } from '../errors.js';
import type { AnswerOutcome } from '../messages/index.js';
import type { Directory } from '../people/directory.js';
import type { Clock } from '../ports/clock.js';
import { statusChanged } from '../sla/case-clocks.js';
import type { SlaSettings } from '../sla/settings.js';
import { nameOf } from '../specialists/specialist.service.js';
import type { KnowledgeService } from '../knowledge/knowledge.service.js';
import type { CaseDocument, CustomerAnswer } from '../storage/models/index.js';
import type { ResolutionNotifications } from './resolution.notifications.js';
import type { AnswerInput, ResolveInput } from './resolution.schema.js';

export interface ResolutionServiceDeps {
  repository: CaseRepository;
  writer: CaseWriter;
  directory: Directory;
  notifications: ResolutionNotifications;
  knowledge: Pick<KnowledgeService, 'resolved' | 'reopened'>;
  sla: SlaSettings;
  clock: Clock;
}

/** PRODUCT.md flow 6: resolve with cause and fix, the customer's answer, reopen, close. */
export class ResolutionService {
  constructor(private readonly deps: ResolutionServiceDeps) {}

  /** Resolves a case: the assignee, an agent or a manager; cause and fix go to the customer, the note stays inside. */
  async resolve(input: ResolveInput): Promise<CaseDocument> {
    const { writer, directory } = this.deps;
    const by = nameOf(input.actor, directory);
    const updated = await writer.change(input, 'resolved', (doc) => {
      this.assertMayResolve(doc, input.actor);
      if (!canTransition(doc.status, 'resolved')) throw new InvalidTransitionError(doc.key, doc.status, 'resolved', allowedTransitions(doc.status));
      const now = this.deps.clock.now();
      return {
        set: {
          status: 'resolved',
          sla: doc.sla && statusChanged(doc.sla, doc.status, 'resolved', now, this.deps.sla.calendarFor(doc.account)),
          waitingSince: null,
          resolvedAt: now,
          firstResolvedAt: doc.firstResolvedAt ?? now,
          resolution: { cause: input.cause, fix: input.fix, note: input.note, by: input.actor, at: now },
          customerAnswer: null,
        },
        data: { from: doc.status, cause: input.cause, fix: input.fix, note: input.note },
        messages: (after) => this.deps.notifications.resolved(after, by),
      };
    });
    await this.deps.knowledge.resolved(updated);
    return updated;
  }

  /**
   * A customer's (or an agent's) answer to a summary. Expected refusals are outcomes, not errors,
   * so each platform can tell the person in their language; a repeated answer changes nothing.
   */
  async answer(input: AnswerInput): Promise<{ outcome: AnswerOutcome; case: CaseDocument }> {
    const doc = await this.deps.repository.getById(input.workspace, input.caseId);
    if (!doc) throw new CaseNotFoundError(input.caseId);
    if (doc.status === 'closed') return { outcome: 'closed', case: doc };
    if (!this.mayAnswer(doc, input)) return { outcome: 'not_allowed', case: doc };
    let outcome = 'not_resolved' as AnswerOutcome;
    const ref = { workspace: input.workspace, caseId: input.caseId, actor: input.actor };
    const reopen = input.verdict === 'still_broken';
    const updated = await this.deps.writer.change(
      ref,
      reopen ? 'reopened' : doc.customerAnswer ? 'customer_answer_changed' : 'customer_answered',
      (current) => {
        if (current.status !== 'resolved') return undefined; // reopened meanwhile, or a second click on "Still broken"
        const previous = current.customerAnswer;
        const answer: CustomerAnswer = {
          verdict: input.verdict ?? previous?.verdict ?? null,
          rating: input.rating ?? previous?.rating ?? null,
          by: input.actor,
          at: this.deps.clock.now(),
        };
        if (reopen) {
          outcome = 'reopened';
          const decision = this.reopenDecision(current, input.actor, !this.person(input.actor));
          return { ...decision, set: { ...decision.set, customerAnswer: answer } };
        }
        if (previous && previous.verdict === answer.verdict && previous.rating === answer.rating) {
          outcome = 'updated';
          return undefined; // a double click
        }
        outcome = previous ? 'updated' : input.rating !== undefined ? 'rated' : 'solved';
        return { set: { customerAnswer: answer }, data: { verdict: answer.verdict, rating: answer.rating, previous: previous ? { verdict: previous.verdict, rating: previous.rating } : null } };
      },
      { byRule: true },
    );
    if (outcome === 'reopened') await this.deps.knowledge.reopened(updated);
    return { outcome, case: updated };
  }

  /** An agent reopens a resolved or closed case (closed cases accept nothing else). */
  async reopen(input: CaseRef): Promise<CaseDocument> {
    const updated = await this.deps.writer.change(
      input,
      'reopened',
      (doc) => {
        this.assertMayResolve(doc, input.actor);
        if (doc.status !== 'resolved' && doc.status !== 'closed') throw new InvalidTransitionError(doc.key, doc.status, 'in_progress (reopen)', allowedTransitions(doc.status));
        return this.reopenDecision(doc, input.actor, false);
      },
      { reopening: true },
    );
    await this.deps.knowledge.reopened(updated);
    return updated;
  }

  /** The due point `due` closes a case resolved long enough ago. */
  autoClose(ref: { workspace: string; caseId: string }, due: string): Promise<CaseDocument> {
    return this.deps.writer.change(
      { ...ref, actor: tugiActor },
      'status_changed',
      (doc) => {
        if (doc.status !== 'resolved') return undefined;
        const now = this.deps.clock.now();
        const sla = doc.sla && statusChanged(doc.sla, 'resolved', 'closed', now, this.deps.sla.calendarFor(doc.account));
        return { set: { status: 'closed', sla }, data: { from: 'resolved', to: 'closed', automatic: true, reason: 'no further answer after the resolution' } };
      },
      { due },
    );
  }

  private reopenDecision(doc: CaseDocument, actor: Actor, byCustomer: boolean) {
    const now = this.deps.clock.now();
    const by = byCustomer ? (actor.name ?? 'The customer') : nameOf(actor, this.deps.directory);
    return {
      set: {
        status: 'in_progress' as const,
        sla: doc.sla && statusChanged(doc.sla, doc.status, 'in_progress', now, this.deps.sla.calendarFor(doc.account)),
        resolvedAt: null,
        reopenCount: doc.reopenCount + 1,
      },
      data: { from: doc.status, to: 'in_progress', byCustomer, reopenCount: doc.reopenCount + 1 },
      messages: (after: CaseDocument) => this.deps.notifications.reopened(after, by, byCustomer),
    };
  }

  /** The assignee, or anyone with the agent or manager role. */
  private assertMayResolve(doc: CaseDocument, actor: Actor): void {
    const person = this.person(actor);
    const isAssignee = Boolean(doc.assignee) && (person?.slackUserId === doc.assignee || (actor.platform === 'slack' && actor.userId === doc.assignee));
    if (!isAssignee && !person?.roles.some((role) => role === 'agent' || role === 'manager')) {
      throw new NotAllowedError(`resolve or reopen ${doc.key} (the assignee, agents and managers can)`);
    }
  }

  /** Agents and managers anywhere; anyone else only from the case's own customer thread. */
  private mayAnswer(doc: CaseDocument, input: AnswerInput): boolean {
    const person = this.person(input.actor);
    if (person) return person.roles.some((role) => role === 'agent' || role === 'manager');
    return input.channel === doc.source.channel;
  }

  private person(actor: Actor) {
    const { directory } = this.deps;
    return actor.platform === 'slack' ? directory.teamMember(actor.userId) : directory.teamsMember(actor.userId);
  }
}
