import { openStatuses } from '../cases/status.js';
import type { Workload } from '../routing/index.js';
import type { CaseDocument, Models } from '../storage/models/index.js';
import type { Directory } from './directory.js';

/**
 * What routing needs beyond the config: how many open cases each person holds (assigned, or
 * pulled in as a specialist) and when each was last picked.
 */
export class WorkloadRepository {
  constructor(
    private readonly models: Pick<Models, 'cases' | 'personPicks'>,
    private readonly directory: Directory,
  ) {}

  async workloads(workspace: string): Promise<Map<string, Workload>> {
    const [open, picks] = await Promise.all([
      this.models.cases
        .find({ workspace, status: { $in: openStatuses } }, { assignee: 1, specialists: 1 })
        .lean<Pick<CaseDocument, 'assignee' | 'specialists'>[]>(),
      this.models.personPicks.find({ workspace }).lean<{ _id: string; lastPickedAt: Date }[]>(),
    ]);
    const loads = new Map<string, Workload>();
    const entry = (personId: string) => loads.get(personId) ?? loads.set(personId, { activeCases: 0, lastPickedAt: null }).get(personId)!;
    for (const doc of open) {
      const onCase = new Set((doc.specialists ?? []).map((s) => s.personId));
      const assignee = doc.assignee ? this.directory.teamMember(doc.assignee)?.id : undefined;
      if (assignee) onCase.add(assignee);
      for (const personId of onCase) entry(personId).activeCases += 1;
    }
    for (const pick of picks) entry(pick._id.slice(workspace.length + 1)).lastPickedAt = pick.lastPickedAt;
    return loads;
  }

  /** Remembers the picks; a plain write by `_id` (the latest pick wins, which is all rotation needs). */
  async recordPicks(workspace: string, personIds: string[], at: Date): Promise<void> {
    await Promise.all(
      personIds.map((id) => this.models.personPicks.updateOne({ _id: `${workspace}:${id}` }, { $set: { workspace, lastPickedAt: at } }, { upsert: true })),
    );
  }
}
