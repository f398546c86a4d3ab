import { priorities, type Priority } from '../config/workspace.js';
import type { CaseFacts } from './case-facts.js';
import { openStatuses } from '../cases/status.js';
import { add, emptyHistogram, merge, percentile, total, type Histogram } from './histogram.js';

type Counts = Record<string, number>;
const targets = ['firstResponse', 'resolution'] as const;
type Target = (typeof targets)[number];

/** Durations: a histogram for percentiles, and the exact sum for the mean. */
interface Durations {
  histogram: Histogram;
  sum: number;
}

/**
 * What the reports add up, for one day (a rollup) or a whole period: mergeable by adding, so a
 * period's figures are the merge of its days and cost the same whatever the number of cases.
 * Opening metrics count on the day a case was opened (first response, SLA, tags, load); closing
 * metrics on the day of its first resolution (time to resolution, rating, cause).
 */
export interface Tally {
  opened: number;
  /** Of the cases opened that day, how many are open now, by status (the backlog, by age of the day). */
  openNow: Counts;
  firstResponse: Durations;
  /** Opened in the period and not answered yet: reported as open, never averaged in. */
  unanswered: number;
  resolved: number;
  resolution: Durations;
  reopens: number;
  sla: Record<Priority, Record<Target, { met: number; breached: number }>>;
  rated: number;
  ratingSum: number;
  /** Ratings of 4 or 5. */
  positive: number;
  tags: Counts;
  causes: Counts;
  agents: Counts;
  specialists: Counts;
}

export function emptyTally(): Tally {
  const sla = Object.fromEntries(priorities.map((p) => [p, { firstResponse: { met: 0, breached: 0 }, resolution: { met: 0, breached: 0 } }])) as Tally['sla'];
  return {
    opened: 0,
    openNow: {},
    firstResponse: { histogram: emptyHistogram(), sum: 0 },
    unanswered: 0,
    resolved: 0,
    resolution: { histogram: emptyHistogram(), sum: 0 },
    reopens: 0,
    sla,
    rated: 0,
    ratingSum: 0,
    positive: 0,
    tags: {},
    causes: {},
    agents: {},
    specialists: {},
  };
}

const bump = (counts: Counts, key: string, by = 1) => {
  counts[key] = (counts[key] ?? 0) + by;
};

/**
 * Adds a case's opening-day contribution (`opening`) or its resolution-day one to a tally; with
 * `sign` -1, takes it away again (a case whose facts changed: out with the old, in with the new).
 */
export function addFacts(tally: Tally, facts: CaseFacts, part: 'opening' | 'resolution', sign: 1 | -1 = 1): void {
  if (part === 'opening') {
    tally.opened += sign;
    if (openStatuses.includes(facts.status)) bump(tally.openNow, facts.status, sign);
    if (facts.firstResponseMinutes === null) tally.unanswered += sign;
    else {
      add(tally.firstResponse.histogram, facts.firstResponseMinutes, sign);
      tally.firstResponse.sum += sign * facts.firstResponseMinutes;
    }
    for (const target of targets) {
      const outcome = facts.sla[target];
      if (outcome !== 'open') tally.sla[facts.priority][target][outcome] += sign;
    }
    for (const tag of facts.tags) bump(tally.tags, tag, sign);
    if (facts.assignee) bump(tally.agents, facts.assignee, sign);
    for (const person of facts.specialists) bump(tally.specialists, person, sign);
    return;
  }
  if (facts.resolutionMinutes === null) return;
  tally.resolved += sign;
  add(tally.resolution.histogram, facts.resolutionMinutes, sign);
  tally.resolution.sum += sign * facts.resolutionMinutes;
  tally.reopens += sign * facts.reopens;
  if (facts.rating !== null) {
    tally.rated += sign;
    tally.ratingSum += sign * facts.rating;
    if (facts.rating >= 4) tally.positive += sign;
  }
  if (facts.cause) bump(tally.causes, normalizedCause(facts.cause), sign);
}

/** Adds `other` into `into`. */
export function mergeTally(into: Tally, other: Tally): void {
  for (const key of ['opened', 'unanswered', 'resolved', 'reopens', 'rated', 'ratingSum', 'positive'] as const) into[key] += other[key];
  for (const key of ['firstResponse', 'resolution'] as const) {
    merge(into[key].histogram, other[key].histogram);
    into[key].sum += other[key].sum;
  }
  for (const p of priorities) {
    for (const target of targets) {
      into.sla[p][target].met += other.sla[p][target].met;
      into.sla[p][target].breached += other.sla[p][target].breached;
    }
  }
  for (const key of ['openNow', 'tags', 'causes', 'agents', 'specialists'] as const) for (const [name, count] of Object.entries(other[key])) bump(into[key], name, count);
}

/** Causes are counted by their first line, trimmed and lower-cased, so small edits still group. */
export function normalizedCause(cause: string): string {
  return (cause.split('\n')[0] ?? '').trim().toLowerCase().replace(/\s+/g, ' ').replace(/[.!]+$/, '');
}

export interface DurationFigures {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

/** The figures a report shows, read from a tally (percentiles within the histograms' stated error). */
export interface Figures {
  opened: number;
  firstResponse: DurationFigures & { unanswered: number };
  resolution: DurationFigures & { resolved: number; reopens: number };
  /** met / (met + breached) per priority and target; null when nothing was decided yet. */
  slaCompliance: Record<Priority, Record<Target, { met: number; breached: number; compliance: number | null }>>;
  csat: { rated: number; positiveShare: number | null; average: number | null; responseRate: number | null };
  topTags: Array<[string, number]>;
  topCauses: Array<[string, number]>;
  load: { agents: Counts; specialists: Counts };
}

const durations = (d: Durations): DurationFigures => {
  const count = total(d.histogram);
  return { count, mean: count ? d.sum / count : null, median: percentile(d.histogram, 50) ?? null, p90: percentile(d.histogram, 90) ?? null };
};

/** Names whose contributions were all taken away again are not shown. */
const nonZero = (counts: Counts): Counts => Object.fromEntries(Object.entries(counts).filter(([, count]) => count !== 0));
const top = (counts: Counts, n: number): Array<[string, number]> => Object.entries(nonZero(counts)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n);

export function figures(tally: Tally, topN = 5): Figures {
  const slaCompliance = Object.fromEntries(
    priorities.map((p) => [
      p,
      Object.fromEntries(targets.map((t) => {
        const { met, breached } = tally.sla[p][t];
        return [t, { met, breached, compliance: met + breached ? met / (met + breached) : null }];
      })),
    ]),
  ) as Figures['slaCompliance'];
  return {
    opened: tally.opened,
    firstResponse: { ...durations(tally.firstResponse), unanswered: tally.unanswered },
    resolution: { ...durations(tally.resolution), resolved: tally.resolved, reopens: tally.reopens },
    slaCompliance,
    csat: {
      rated: tally.rated,
      positiveShare: tally.rated ? tally.positive / tally.rated : null,
      average: tally.rated ? tally.ratingSum / tally.rated : null,
      responseRate: tally.resolved ? tally.rated / tally.resolved : null,
    },
    topTags: top(tally.tags, topN),
    topCauses: top(tally.causes, topN),
    load: { agents: nonZero(tally.agents), specialists: nonZero(tally.specialists) },
  };
}
