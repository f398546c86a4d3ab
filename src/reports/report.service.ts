import { DateTime } from 'luxon';
import type { BusinessCalendar } from '../sla/calendar.js';
import type { Actor } from '../cases/case.schema.js';
import { requireManager } from './managers.js';
import type { Directory } from '../people/directory.js';
import type { Clock } from '../ports/clock.js';
import { parsePeriod, type Period } from './period.js';
import type { Models } from '../storage/models/index.js';
import { rollupId } from './report-folder.js';
import { trendChart, type TrendChart } from './chart/trend.js';
import { emptyTally, figures, mergeTally, type Figures, type Tally } from './tally.js';

/** How far back the backlog looks for open cases (their opening days). */
const backlogDays = 730;
/** Rollup reads in flight at once for one report. */
const readsAtOnce = 25;
const businessDayMinutes = 8 * 60;
const ageBuckets = [
  { label: 'under 1 business day', below: 1 },
  { label: '1–3 business days', below: 3 },
  { label: '3–7 business days', below: 7 },
  { label: 'over 7 business days', below: Number.POSITIVE_INFINITY },
];

export interface Report {
  period: Period;
  rows: Array<{ label: string; figures: Figures }>;
  backlog: Backlog;
  /** Opened vs resolved over the period; none for a single day. */
  chart: TrendChart | null;
}

export interface Backlog {
  total: number;
  byAge: Record<string, number>;
  byStatus: Record<string, number>;
}

/** Reads report figures from the day rollups: one document per day and dimension, whatever the number of cases. */
export class ReportService {
  constructor(
    private readonly deps: { models: Pick<Models, 'rollups'>; workspace: string; teamZone: string; directory: Directory; clock: Clock; calendar: BusinessCalendar },
  ) {}

  /**
   * Open cases now, by age (business days since the end of their opening day, in the team's calendar) and by
   * status: read from the rollups' open counts per opening day, going back `backlogDays`.
   */
  async backlog(): Promise<Backlog> {
    const now = this.deps.clock.now();
    const today = DateTime.fromJSDate(now, { zone: this.deps.teamZone }).startOf('day');
    const backlog: Backlog = { total: 0, byAge: Object.fromEntries(ageBuckets.map((b) => [b.label, 0])), byStatus: {} };
    const days = Array.from({ length: backlogDays }, (_, back) => today.minus({ days: back }));
    const tallies = await this.readTallies(days.map((day) => day.toISODate()!), 'all');
    days.forEach((day, i) => {
      const tally = tallies[i];
      if (!tally) return;
      const open = tally.openNow;
      const count = Object.values(open).reduce((sum, n) => sum + n, 0);
      if (count === 0) return;
      // Age: business days passed since the end of the opening day (a case opened today is under 1).
      const dayEnd = day.plus({ days: 1 }).toJSDate();
      const age = dayEnd >= now ? 0 : this.deps.calendar.businessMinutesBetween(dayEnd, now) / businessDayMinutes;
      const bucket = ageBuckets.find((b) => age < b.below)!.label;
      backlog.byAge[bucket] = (backlog.byAge[bucket] ?? 0) + count;
      backlog.total += count;
      for (const [status, n] of Object.entries(open)) backlog.byStatus[status] = (backlog.byStatus[status] ?? 0) + n;
    });
    return backlog;
  }

  /** `/tugi report`: managers only; overall figures, or one set per agent, tag or account, and the trend chart. */
  async report(input: { actor: Actor; period?: string; by?: 'agent' | 'tag' | 'account' }): Promise<Report> {
    const { directory } = this.deps;
    requireManager(directory, input.actor);
    const period = parsePeriod(input.period, this.deps.clock.now(), this.deps.teamZone);
    const dimensions: Array<{ label: string; dimension: string }> =
      input.by === 'agent'
        ? directory.people.filter((p) => p.slackUserId && p.roles.some((r) => r === 'agent' || r === 'consultant')).map((p) => ({ label: p.name, dimension: `agent:${p.slackUserId}` }))
        : input.by === 'tag'
          ? directory.tags.map((tag) => ({ label: tag, dimension: `tag:${tag}` }))
          : input.by === 'account'
            ? directory.config.accounts.map((a) => ({ label: a.name, dimension: `account:${a.id}` }))
            : [];
    // The overall days feed the chart, and the overall figures when the report is not split.
    const overall = await this.dayTallies(period.from, period.to, 'all');
    const rows = dimensions.length ? [] : [{ label: 'All cases', figures: figures(merged(overall)) }];
    for (const { label, dimension } of dimensions) rows.push({ label, figures: await this.figures(period.from, period.to, dimension) });
    return { period, rows, backlog: await this.backlog(), chart: trendChart(period, trendDays(overall), this.deps.teamZone) };
  }

  /** Opened vs resolved over a period, as the chart shows it. */
  async trend(period: Period): Promise<TrendChart | null> {
    return trendChart(period, trendDays(await this.dayTallies(period.from, period.to, 'all')), this.deps.teamZone);
  }

  /** Figures for the days `from`..`to` (inclusive, ISO dates in the team's zone) and one dimension (`all`, `agent:U…`, `tag:…`, `account:…`). */
  async figures(from: string, to: string, dimension = 'all'): Promise<Figures> {
    return figures(await this.tally(from, to, dimension));
  }

  async tally(from: string, to: string, dimension: string): Promise<Tally> {
    return merged(await this.dayTallies(from, to, dimension));
  }

  /** Each day's tally (empty where nothing happened). */
  private async dayTallies(from: string, to: string, dimension: string): Promise<Array<{ day: string; tally: Tally }>> {
    const days: string[] = [];
    for (let day = DateTime.fromISO(from, { zone: this.deps.teamZone }); day.toISODate()! <= to; day = day.plus({ days: 1 })) days.push(day.toISODate()!);
    const tallies = await this.readTallies(days, dimension);
    return days.map((day, i) => ({ day, tally: tallies[i] ?? emptyTally() }));
  }

  /**
   * The rollups of these days (undefined where there is none), one read by id each, `readsAtOnce`
   * at a time: a read by id is the one FerretDB answers from its index, so the cost follows the
   * days asked for, not the size of the collection (as an `$in` would). The backlog's two years
   * took ~1 s read one after another, which a busy machine pushed past Slack's 3 s for a command.
   */
  private async readTallies(days: string[], dimension: string): Promise<Array<Tally | undefined>> {
    const tallies: Array<Tally | undefined> = [];
    for (let i = 0; i < days.length; i += readsAtOnce) {
      const batch = days.slice(i, i + readsAtOnce).map((day) => this.deps.models.rollups.findById(rollupId(this.deps.workspace, day, dimension)).lean<{ tally: string }>());
      for (const rollup of await Promise.all(batch)) tallies.push(rollup ? (JSON.parse(rollup.tally) as Tally) : undefined);
    }
    return tallies;
  }
}

const trendDays = (days: Array<{ day: string; tally: Tally }>) => days.map(({ day, tally }) => ({ day, opened: tally.opened, resolved: tally.resolved }));

function merged(days: Array<{ tally: Tally }>): Tally {
  const period = emptyTally();
  for (const { tally } of days) mergeTally(period, tally);
  return period;
}
