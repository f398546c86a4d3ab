import type { Clock } from '../ports/clock.js';
import type { DueQueue } from '../reminders/due-queue.js';
import type { SlaSettings } from '../sla/settings.js';
import { insertedOnce } from '../storage/inserted-once.js';
import type { CaseDocument, Models } from '../storage/models/index.js';
import { caseFacts } from './case-facts.js';

/** The report log is a due queue of its own: slots under this prefix, swept by the report folder. */
export const reportLogOf = (workspace: string) => `report:${workspace}`;

/**
 * Records what each case contributes to the reports whenever it changes. Callers hold the case's
 * lease and store what `plan` returns with the rest of their write (as with due points).
 *
 * A change is claimed with a unique insert (`<case>|<seq>`) after its slot is filed in the report
 * log: a crash before the claim leaves a slot the folder skips; a crash after it leaves a claim the
 * next write continues from, so no change is counted twice or from a stale base.
 */
export class ReportRecorder {
  constructor(
    private readonly deps: { models: Pick<Models, 'reportClaims'>; log: DueQueue; sla: SlaSettings; teamZone: string; clock: Clock },
  ) {}

  async plan(doc: CaseDocument): Promise<CaseDocument['reported']> {
    const now = this.deps.clock.now();
    const facts = JSON.stringify(caseFacts(doc, this.deps.sla.calendarFor(doc.account), this.deps.teamZone, now));
    let reported = doc.reported ?? null;
    while (reported?.facts !== facts) {
      const seq = (reported?.seq ?? 0) + 1;
      const id = `${String(doc._id)}|${seq}`;
      const slot = await this.deps.log.file({ workspace: reportLogOf(doc.workspace), caseId: String(doc._id), key: String(seq), at: now }, now);
      if (await insertedOnce(this.deps.models.reportClaims.create({ _id: id, workspace: doc.workspace, slot, old: reported?.facts ?? null, new: facts }))) {
        return { seq, facts };
      }
      // A write that died after claiming: go on from what it claimed.
      const claimed = await this.deps.models.reportClaims.findById(id).lean<{ new: string }>();
      reported = { seq, facts: claimed!.new };
    }
    return reported;
  }
}
