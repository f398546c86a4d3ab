import type { Logger } from '../logger.js';
import type { DueQueue, DueSlot } from '../reminders/due-queue.js';
import type { LeaseLock } from '../storage/lease-lock.js';
import type { Models } from '../storage/models/index.js';
import type { CaseFacts } from './case-facts.js';
import { memberBucketId } from './report-members.js';
import { reportLogOf } from './report-recorder.js';
import { addFacts, emptyTally, type Tally } from './tally.js';

/** Slots filed later than this behind the folder (a replica whose clock lags) still land ahead of it. */
const settleMs = 3 * 60_000;
/** A rollup remembers the slots folded into it this long (by the slot's minute), to skip them on a retry. */
const rememberMinutes = 60;

type Part = 'opening' | 'resolution';
type Edit = { facts: CaseFacts; part: Part; sign: 1 | -1 };
/** The rollups' or member lists' collection (both keep a JSON field and the claims applied). */
type FoldTarget = Models['rollups']['collection'];

/** The day a case's contribution of one part counts on, if it has one. */
function dayOf(facts: CaseFacts, part: Part): string | null {
  if (part === 'opening') return facts.openedDay;
  return facts.resolutionMinutes === null ? null : facts.resolvedDay;
}

/** The rollup documents a case's contribution goes to: per day, overall and per account, agent and tag. */
export function rollupIds(workspace: string, facts: CaseFacts, part: Part): string[] {
  const day = dayOf(facts, part);
  if (!day) return [];
  const dimensions = ['all', ...(facts.account ? [`account:${facts.account}`] : []), ...(facts.assignee ? [`agent:${facts.assignee}`] : []), ...facts.tags.map((t) => `tag:${t}`)];
  return dimensions.map((dimension) => rollupId(workspace, day, dimension));
}

export const rollupId = (workspace: string, day: string, dimension: string) => `${workspace}|${day}|${dimension}`;

/**
 * Folds the report log into the day rollups: each claimed change takes the case's old
 * contribution out and puts the new one in, and moves the case between the days' member lists
 * (for the CSV export). One folder runs at a time (a lease); each document is written under its
 * own lease and remembers the slots folded into it.
 */
export class ReportFolder {
  constructor(
    private readonly deps: { models: Pick<Models, 'reportClaims' | 'rollups' | 'reportMembers'>; log: DueQueue; lock: LeaseLock; workspace: string; logger?: Logger },
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
    const tallies = new Map<string, Edit[]>();
    /** This case's net change per member-list bucket (most changes leave its days as they were). */
    const members = new Map<string, number>();
    const add = (into: Map<string, Edit[]>, id: string, edit: Edit) => into.set(id, [...(into.get(id) ?? []), edit]);
    const collect = (json: string | null, sign: 1 | -1) => {
      if (!json) return;
      const facts = JSON.parse(json) as CaseFacts;
      for (const part of ['opening', 'resolution'] as const) {
        for (const id of rollupIds(this.deps.workspace, facts, part)) add(tallies, id, { facts, part, sign });
        const day = dayOf(facts, part);
        const bucket = day ? memberBucketId(this.deps.workspace, day, facts.caseId) : undefined;
        if (bucket) members.set(bucket, (members.get(bucket) ?? 0) + sign);
      }
    };
    collect(claim.old, -1);
    collect(claim.new, 1);
    const mark = { claimId, minute: Number(slot._id.split('|').at(-2)) };
    for (const [id, edits] of tallies) {
      await this.foldOnce(this.deps.models.rollups.collection, 'tally', id, mark, (json) => {
        const tally: Tally = json ? (JSON.parse(json) as Tally) : emptyTally();
        for (const edit of edits) addFacts(tally, edit.facts, edit.part, edit.sign);
        return JSON.stringify(tally);
      });
    }
    for (const [id, change] of members) {
      if (change === 0) continue;
      await this.foldOnce(this.deps.models.reportMembers.collection, 'cases', id, mark, (json) => {
        // Counts, not a set: a case opened and resolved on one day is in it twice, and changes
        // folded in any order still end right (a count that returns to zero drops out).
        const counts: Record<string, number> = json ? (JSON.parse(json) as Record<string, number>) : {};
        counts[slot.caseId] = (counts[slot.caseId] ?? 0) + change;
        return JSON.stringify(Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0)));
      });
    }
  }

  /**
   * Applies one claim to one document, once: several slots may carry one claim (a retried fold, a
   * writer that died and tried again), so the document remembers claims, with the minute they were
   * folded in, for as long as that can happen.
   */
  private async foldOnce(model: FoldTarget, field: 'tally' | 'cases', id: string, mark: { claimId: string; minute: number }, change: (json: string | undefined) => string): Promise<void> {
    const markedMinute = (entry: string) => Number(entry.split('@')[1]);
    await this.deps.lock.withLock(`rollup:${id}`, async () => {
      const doc = (await model.findOne({ _id: id } as never)) as (Record<string, string> & { applied: string[] }) | null;
      if (doc?.applied.some((entry) => entry.startsWith(`${mark.claimId}@`))) return;
      const applied = [...(doc?.applied ?? []).filter((entry) => markedMinute(entry) >= mark.minute - rememberMinutes), `${mark.claimId}@${mark.minute}`];
      await model.updateOne({ _id: id } as never, { $set: { [field]: change(doc?.[field]), applied } }, { upsert: true });
    });
  }
}
