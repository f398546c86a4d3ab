import type { Logger } from '../logger.js';
import type { DueQueue, DueSlot } from '../reminders/due-queue.js';
import type { LeaseLock } from '../storage/lease-lock.js';
import type { Models } from '../storage/models/index.js';
import type { CaseFacts } from './case-facts.js';
import { reportLogOf } from './report-recorder.js';
import { addFacts, emptyTally, type Tally } from './tally.js';

/** Slots filed later than this behind the folder (a replica whose clock lags) still land ahead of it. */
const settleMs = 3 * 60_000;
/** A rollup remembers the slots folded into it this long (by the slot's minute), to skip them on a retry. */
const rememberMinutes = 60;

/** The rollup documents a case's contribution goes to: per day, overall and per account, agent and tag. */
export function rollupIds(workspace: string, facts: CaseFacts, part: 'opening' | 'resolution'): string[] {
  const day = part === 'opening' ? facts.openedDay : facts.resolvedDay;
  if (!day || (part === 'resolution' && facts.resolutionMinutes === null)) return [];
  const dimensions = ['all', ...(facts.account ? [`account:${facts.account}`] : []), ...(facts.assignee ? [`agent:${facts.assignee}`] : []), ...facts.tags.map((t) => `tag:${t}`)];
  return dimensions.map((dimension) => rollupId(workspace, day, dimension));
}

export const rollupId = (workspace: string, day: string, dimension: string) => `${workspace}|${day}|${dimension}`;

/**
 * Folds the report log into the day rollups: each claimed change takes the case's old
 * contribution out and puts the new one in. One folder runs at a time (a lease); each rollup
 * document is written under its own lease and remembers the slots folded into it.
 */
export class ReportFolder {
  constructor(
    private readonly deps: { models: Pick<Models, 'reportClaims' | 'rollups'>; log: DueQueue; lock: LeaseLock; workspace: string; logger?: Logger },
  ) {}

  async fold(now: Date): Promise<{ folded: number } | undefined> {
    const run = await this.deps.lock.tryLock(`reports-fold:${this.deps.workspace}`, () =>
      this.deps.log.sweep(reportLogOf(this.deps.workspace), new Date(now.getTime() - settleMs), (slot) => this.apply(slot)),
    );
    return run.ran ? { folded: run.value.handled } : undefined;
  }

  private async apply(slot: DueSlot): Promise<void> {
    const claimId = `${slot.caseId}|${slot.key}`;
    const claim = await this.deps.models.reportClaims.findById(claimId).lean<{ old: string | null; new: string }>();
    if (!claim) return; // a slot whose writer died before claiming it (its retry files another)
    const changes = new Map<string, Array<{ facts: CaseFacts; part: 'opening' | 'resolution'; sign: 1 | -1 }>>();
    const collect = (json: string | null, sign: 1 | -1) => {
      if (!json) return;
      const facts = JSON.parse(json) as CaseFacts;
      for (const part of ['opening', 'resolution'] as const) {
        for (const id of rollupIds(this.deps.workspace, facts, part)) changes.set(id, [...(changes.get(id) ?? []), { facts, part, sign }]);
      }
    };
    collect(claim.old, -1);
    collect(claim.new, 1);
    // Several slots may carry one claim (a retried fold, a writer that died and tried again): the
    // rollup remembers claims, with the minute they were folded in, for as long as that can happen.
    const minute = Number(slot._id.split('|').at(-2));
    const mark = `${claimId}@${minute}`;
    const markedMinute = (entry: string) => Number(entry.split('@')[1]);
    for (const [id, edits] of changes) {
      await this.deps.lock.withLock(`rollup:${id}`, async () => {
        const rollup = await this.deps.models.rollups.findById(id).lean<{ tally: string; applied: string[] }>();
        if (rollup?.applied.some((entry) => entry.startsWith(`${claimId}@`))) return;
        const tally: Tally = rollup ? (JSON.parse(rollup.tally) as Tally) : emptyTally();
        for (const edit of edits) addFacts(tally, edit.facts, edit.part, edit.sign);
        const applied = [...(rollup?.applied ?? []).filter((entry) => markedMinute(entry) >= minute - rememberMinutes), mark];
        await this.deps.models.rollups.updateOne({ _id: id }, { $set: { tally: JSON.stringify(tally), applied } }, { upsert: true });
      });
    }
  }
}
