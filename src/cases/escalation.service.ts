import type { OutboxMessage } from '../outbox/outbox.js';
import type { Directory } from '../people/directory.js';
import type { WorkloadRepository } from '../people/workload.repository.js';
import type { Clock } from '../ports/clock.js';
import { describeSkips, pickAgent } from '../routing/index.js';
import { mentionOf, nameOf } from '../specialists/index.js';
import type { CaseDocument } from '../storage/models/index.js';
import type { CaseRef } from './case.schema.js';
import type { CaseWriter } from './case.writer.js';

/**
 * A consultant hands a case to the agents: the least loaded available agent (same rules as
 * specialists) becomes the assignee and is told in the case thread; with nobody free, the managers.
 */
export class EscalationService {
  constructor(
    private readonly deps: { writer: CaseWriter; directory: Directory; workloads: WorkloadRepository; clock: Clock },
  ) {}

  async escalate(input: CaseRef): Promise<CaseDocument> {
    const { directory, clock } = this.deps;
    let picked: string | undefined;
    const updated = await this.deps.writer.change(input, 'escalated', async (doc) => {
      const current = doc.assignee ? directory.teamMember(doc.assignee)?.id : undefined;
      const escalator = nameOf(input.actor, directory);
      const { agent, skipped } = pickAgent(directory.people, await this.deps.workloads.workloads(input.workspace), clock.now(), new Set(current ? [current] : []));
      picked = agent?.id;
      const reason = agent ? null : skipped.length ? `no agent is available (${describeSkips(skipped)})` : 'no agents are configured';
      const notice = (after: CaseDocument): OutboxMessage => ({
        workspace: after.workspace,
        key: `case:${after._id}:escalated:v${after.version}`,
        platform: 'slack',
        ...(agent ? { channel: directory.triageChannel, threadOfKey: `case:${after._id}:card` } : { channel: directory.managerChannel }),
        view: { kind: 'case.escalated', caseKey: after.key, title: after.title, by: escalator, agent: agent ? mentionOf(agent) : null, reason },
      });
      return {
        set: agent ? { assignee: agent.slackUserId! } : {},
        data: { to: agent?.id ?? null, from: doc.assignee ?? null, reason },
        messages: (after) => [notice(after)],
      };
    });
    if (picked) await this.deps.workloads.recordPicks(input.workspace, [picked], clock.now());
    return updated;
  }
}
