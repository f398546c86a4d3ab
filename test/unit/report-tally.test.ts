import { describe, expect, it } from 'vitest';
import { priorities } from '../../src/config/workspace.js';
import type { CaseFacts, SlaOutcome } from '../../src/reports/case-facts.js';
import { exactPercentile, relativeError } from '../../src/reports/histogram.js';
import { addFacts, emptyTally, figures, mergeTally, normalizedCause, type Tally } from '../../src/reports/tally.js';

/** A deterministic pseudo-random sequence, so a failing history can be replayed from its seed. */
function random(seed: number) {
  let state = seed;
  return () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);

function randomFacts(next: () => number, i: number): CaseFacts {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const opened = Math.floor(next() * 120);
  const resolved = next() < 0.7 ? opened + Math.floor(next() * 20) : null;
  const outcome = (): SlaOutcome => pick(['met', 'met', 'breached', 'open'] as const);
  return {
    caseId: `c${i}`,
    openedDay: day(opened),
    resolvedDay: resolved === null ? null : day(resolved),
    status: resolved === null ? 'in_progress' : 'resolved',
    priority: pick(priorities),
    account: pick(['acme', 'kalev', null]),
    tags: ['network', 'billing', 'database'].filter(() => next() < 0.4),
    assignee: pick(['U1', 'U2', 'U3', null]),
    specialists: ['ann', 'tom'].filter(() => next() < 0.3),
    firstResponseMinutes: next() < 0.85 ? 1 + next() ** 2 * 3_000 : null,
    resolutionMinutes: resolved === null ? null : 1 + next() ** 2 * 30_000,
    reopens: next() < 0.1 ? 1 + Math.floor(next() * 2) : 0,
    sla: { firstResponse: outcome(), resolution: outcome() },
    rating: resolved !== null && next() < 0.5 ? 1 + Math.floor(next() * 5) : null,
    cause: resolved === null ? null : pick(['Full disk.', 'full disk', 'Expired certificate', 'Firmware bug\nsecond line']),
  };
}

/** The figures computed straight from the raw facts, independently of tallies and histograms. */
function bruteForce(facts: CaseFacts[], from: string, to: string) {
  const inPeriod = (d: string | null) => d !== null && d >= from && d <= to;
  const opened = facts.filter((f) => inPeriod(f.openedDay));
  const resolved = facts.filter((f) => inPeriod(f.resolvedDay) && f.resolutionMinutes !== null);
  const responses = opened.flatMap((f) => (f.firstResponseMinutes === null ? [] : [f.firstResponseMinutes]));
  const resolutions = resolved.map((f) => f.resolutionMinutes!);
  const ratings = resolved.flatMap((f) => (f.rating === null ? [] : [f.rating]));
  const count = (items: string[]) => items.reduce<Record<string, number>>((acc, k) => ({ ...acc, [k]: (acc[k] ?? 0) + 1 }), {});
  const compliance = Object.fromEntries(
    priorities.map((p) => [p, Object.fromEntries((['firstResponse', 'resolution'] as const).map((t) => {
      const met = opened.filter((f) => f.priority === p && f.sla[t] === 'met').length;
      const breached = opened.filter((f) => f.priority === p && f.sla[t] === 'breached').length;
      return [t, { met, breached, compliance: met + breached ? met / (met + breached) : null }];
    }))]),
  );
  return {
    opened: opened.length,
    unanswered: opened.length - responses.length,
    responses,
    resolutions,
    reopens: resolved.reduce((sum, f) => sum + f.reopens, 0),
    compliance,
    csat: {
      rated: ratings.length,
      positiveShare: ratings.length ? ratings.filter((r) => r >= 4).length / ratings.length : null,
      average: ratings.length ? ratings.reduce((a, b) => a + b, 0) / ratings.length : null,
      responseRate: resolved.length ? ratings.length / resolved.length : null,
    },
    tags: count(opened.flatMap((f) => f.tags)),
    causes: count(resolved.flatMap((f) => (f.cause ? [normalizedCause(f.cause)] : []))),
    agents: count(opened.flatMap((f) => (f.assignee ? [f.assignee] : []))),
    specialists: count(opened.flatMap((f) => f.specialists)),
  };
}

describe('report figures from day tallies (rollups) match a brute-force computation over the raw cases', () => {
  it.each([1, 2, 3, 4, 5])('random history %d', (seed) => {
    const next = random(seed * 7919);
    const facts = Array.from({ length: 300 + Math.floor(next() * 700) }, (_, i) => randomFacts(next, i));
    // The rollups: one tally per day, each case adding its opening to its opening day and its resolution to its resolution day.
    const days = new Map<string, Tally>();
    const tallyOf = (d: string) => days.get(d) ?? days.set(d, emptyTally()).get(d)!;
    for (const f of facts) {
      addFacts(tallyOf(f.openedDay), f, 'opening');
      if (f.resolvedDay) addFacts(tallyOf(f.resolvedDay), f, 'resolution');
    }
    const [from, to] = [day(Math.floor(next() * 40)), day(60 + Math.floor(next() * 80))];
    const period = emptyTally();
    for (const [d, tally] of days) if (d >= from && d <= to) mergeTally(period, tally);
    const got = figures(period, 100);
    const want = bruteForce(facts, from, to);

    expect(got.opened).toBe(want.opened);
    expect(got.firstResponse.unanswered).toBe(want.unanswered);
    expect(got.firstResponse.count).toBe(want.responses.length);
    expect(got.resolution.resolved).toBe(want.resolutions.length);
    expect(got.resolution.reopens).toBe(want.reopens);
    expect(got.firstResponse.mean).toBeCloseTo(want.responses.reduce((a, b) => a + b, 0) / want.responses.length, 6);
    expect(got.resolution.mean).toBeCloseTo(want.resolutions.reduce((a, b) => a + b, 0) / want.resolutions.length, 6);
    for (const [read, values] of [[got.firstResponse, want.responses], [got.resolution, want.resolutions]] as const) {
      for (const [p, key] of [[50, 'median'], [90, 'p90']] as const) {
        const exact = exactPercentile([...values], p)!;
        expect(Math.abs(read[key]! - exact) / exact).toBeLessThanOrEqual(relativeError + 1e-9);
      }
    }
    expect(got.slaCompliance).toEqual(want.compliance);
    expect(got.csat.rated).toBe(want.csat.rated);
    expect(got.csat.positiveShare).toBeCloseTo(want.csat.positiveShare!, 10);
    expect(got.csat.average).toBeCloseTo(want.csat.average!, 10);
    expect(got.csat.responseRate).toBeCloseTo(want.csat.responseRate!, 10);
    expect(Object.fromEntries(got.topTags)).toEqual(want.tags);
    expect(Object.fromEntries(got.topCauses)).toEqual(want.causes);
    expect(got.load).toEqual({ agents: want.agents, specialists: want.specialists });
  });

  it('groups causes by their first line, case and trailing full stop aside', () => {
    expect(['Full disk.', 'full  disk', 'Firmware bug\nsecond line'].map(normalizedCause)).toEqual(['full disk', 'full disk', 'firmware bug']);
  });
});
