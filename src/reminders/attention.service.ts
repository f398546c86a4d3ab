import type { CaseRepository } from '../cases/case.repository.js';
import type { Actor } from '../cases/case.schema.js';
import { NotAllowedError } from '../errors.js';
import type { Directory } from '../people/directory.js';
import type { Clock } from '../ports/clock.js';
import type { SlaSettings } from '../sla/settings.js';
import { needsAttention, type AttentionRow } from './attention.js';

/** One of the asker's open cases, and whether it needs attention. */
export interface MyCaseRow extends AttentionRow {
  role: 'assignee' | 'specialist';
  openedAt: Date;
}
import type { NagSettings } from './due-points.js';

/** `/tugi stale`: the cases breaching or gone stale — the asker's own, or all of them for managers. */
export class AttentionService {
  constructor(private readonly deps: { repository: CaseRepository; directory: Directory; sla: SlaSettings; nags: NagSettings; clock: Clock }) {}

  async list(input: { workspace: string; actor: Actor }): Promise<{ rows: AttentionRow[]; scope: 'mine' | 'all' }> {
    const person = this.member(input.actor, 'list stale cases');
    const scope = person.roles.includes('manager') ? 'all' : 'mine';
    const open = await this.deps.repository.listOpen(input.workspace);
    const cases = scope === 'all' ? open : open.filter((doc) => doc.assignee && doc.assignee === person.slackUserId);
    return { rows: needsAttention(cases, this.deps.clock.now(), this.deps.nags, (doc) => this.deps.sla.calendarFor(doc.account)), scope };
  }

  /** `/tugi mine`: the asker's open cases (assigned, or pulled in as a specialist), most urgent first, flagged when they need attention. */
  async mine(input: { workspace: string; actor: Actor }): Promise<MyCaseRow[]> {
    const person = this.member(input.actor, 'list your cases');
    const open = await this.deps.repository.listOpen(input.workspace);
    const mine = open.filter((doc) => (person.slackUserId && doc.assignee === person.slackUserId) || doc.specialists.some((s) => s.personId === person.id));
    const flagged = new Map(needsAttention(mine, this.deps.clock.now(), this.deps.nags, (doc) => this.deps.sla.calendarFor(doc.account)).map((row) => [row.caseId, row.reasons]));
    return mine
      .map((doc) => ({
        caseId: String(doc._id),
        key: doc.key,
        title: doc.title,
        status: doc.status,
        priority: doc.priority,
        assignee: doc.assignee,
        role: person.slackUserId && doc.assignee === person.slackUserId ? ('assignee' as const) : ('specialist' as const),
        openedAt: doc.createdAt,
        reasons: flagged.get(String(doc._id)) ?? [],
      }))
      .sort((a, b) => a.priority.localeCompare(b.priority) || a.openedAt.getTime() - b.openedAt.getTime());
  }

  private member(actor: Actor, action: string) {
    const { directory } = this.deps;
    const person = actor.platform === 'slack' ? directory.teamMember(actor.userId) : directory.teamsMember(actor.userId);
    if (!person) throw new NotAllowedError(`${action} (only the support team can)`);
    return person;
  }
}
