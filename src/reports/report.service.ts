import { DateTime } from 'luxon';
import type { Models } from '../storage/models/index.js';
import { rollupId } from './report-folder.js';
import { emptyTally, figures, mergeTally, type Figures, type Tally } from './tally.js';

/** Reads report figures from the day rollups: one document per day and dimension, whatever the number of cases. */
export class ReportService {
  constructor(private readonly deps: { models: Pick<Models, 'rollups'>; workspace: string; teamZone: string }) {}

  /** Figures for the days `from`..`to` (inclusive, ISO dates in the team's zone) and one dimension (`all`, `agent:U…`, `tag:…`, `account:…`). */
  async figures(from: string, to: string, dimension = 'all'): Promise<Figures> {
    return figures(await this.tally(from, to, dimension));
  }

  async tally(from: string, to: string, dimension: string): Promise<Tally> {
    const period = emptyTally();
    for (let day = DateTime.fromISO(from, { zone: this.deps.teamZone }); day.toISODate()! <= to; day = day.plus({ days: 1 })) {
      const rollup = await this.deps.models.rollups.findById(rollupId(this.deps.workspace, day.toISODate()!, dimension)).lean<{ tally: string }>();
      if (rollup) mergeTally(period, JSON.parse(rollup.tally) as Tally);
    }
    return period;
  }
}
