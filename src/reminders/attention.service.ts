import type { CaseRepository } from '../cases/case.repository.js';
import type { Actor } from '../cases/case.schema.js';
import { NotAllowedError } from '../errors.js';
import type { Directory } from '../people/directory.js';
import type { Clock } from '../ports/clock.js';
import type { SlaSettings } from '../sla/settings.js';
import { needsAttention, type AttentionRow } from './attention.js';
import type { NagSettings } from './due-points.js';

/** `/tugi stale`: the cases breaching or gone stale — the asker's own, or all of them for managers. */
export class AttentionService {
  constructor(private readonly deps: { repository: CaseRepository; directory: Directory; sla: SlaSettings; nags: NagSettings; clock: Clock }) {}

  async list(input: { workspace: string; actor: Actor }): Promise<{ rows: AttentionRow[]; scope: 'mine' | 'all' }> {
    const { directory } = this.deps;
    const person = input.actor.platform === 'slack' ? directory.teamMember(input.actor.userId) : directory.teamsMember(input.actor.userId);
    if (!person) throw new NotAllowedError('list stale cases (only the support team can)');
    const scope = person.roles.includes('manager') ? 'all' : 'mine';
    const open = await this.deps.repository.listOpen(input.workspace);
    const cases = scope === 'all' ? open : open.filter((doc) => doc.assignee && doc.assignee === person.slackUserId);
    return { rows: needsAttention(cases, this.deps.clock.now(), this.deps.nags, (doc) => this.deps.sla.calendarFor(doc.account)), scope };
  }
}
