import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { ids, testConfig } from '../fixtures/config.js';
import { clickCardAction, select } from '../support/card-actions.js';
import { expectSameFigures } from '../support/same-figures.js';
import { eventually, startHarness, type Harness } from '../support/harness.js';
import { nextTs } from '../support/slack-requests.js';
import { hours, minutes, TestClock } from '../support/test-clock.js';
import { caseFacts, type CaseFacts } from '../../src/reports/case-facts.js';
import { addFacts, emptyTally, figures } from '../../src/reports/tally.js';
import { SlaSettings } from '../../src/sla/settings.js';
import type { CaseDocument } from '../../src/storage/models/index.js';

/** A small seeded generator (mulberry32), so a failing history can be replayed from its seed. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { chance: (p: number) => next() < p, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)), pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]! };
}

const causes = ['Expired certificate', 'Firewall rule', 'Full disk', 'expired certificate.'];
const cases = 24;
// One clock for every history: Slack timestamps only move forward in a test run (nextTs), so time must too.
const clock = new TestClock();
let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** Which cases a rollup of one dimension counts, by the case's facts (as the folder files them). */
const inDimension = (facts: CaseFacts, dimension: string) =>
  dimension === 'all' || dimension === `account:${facts.account}` || dimension === `agent:${facts.assignee}` || facts.tags.some((tag) => dimension === `tag:${tag}`);

describe('report rollups, filled through the real write path with random case histories', () => {
  // Each seed writes its cases' whole histories through the real write path: about 25 s on 2 cores, more on a busy machine.
  it.each([7, 1042])('seed %i: every figure from the rollups equals a brute-force computation over the stored cases', { timeout: 90_000 }, async (seed) => {
    h = await startHarness({ clock });
    const harness = h;
    const random = generator(seed);
    // Each case's history as timed steps; all cases' steps run in time order, the clock moved to each.
    type Step = { at: number; run: () => Promise<unknown> };
    const steps: Step[] = [];
    const start = clock.now().getTime();
    const opened = new Map<number, CaseDocument>();
    for (let i = 0; i < cases; i += 1) {
      const channel = random.pick([ids.acme, ids.kalev]);
      const customer = `U0P${seed}C${i}`;
      // Slack message timestamps follow the (moved) clock, as they would in a real history.
      let ts = '';
      let at = start + minutes(random.int(0, 4 * 24 * 60));
      const text = random.chance(0.4) ? `VPN keeps dropping (${i})` : `Report ${i} does not load`;
      const caseOf = () => opened.get(i)!;
      const later = (min: number, max: number) => (at += minutes(random.int(min, max)));
      steps.push({
        at,
        run: async () => {
          ts = nextTs(clock.now().getTime());
          await harness.customerMessage(text, { channel, user: customer, ts });
          await harness.settle();
          opened.set(i, (await harness.tugi.models.cases.findOne({ sourceKey: `${channel}:${ts}` }).lean<CaseDocument>())!);
        },
      });
      if (random.chance(0.8)) {
        const replier = random.pick([ids.agent, ids.consultant]);
        steps.push({ at: later(5, 600), run: () => harness.customerMessage('Looking into it', { channel, user: replier, threadTs: ts, ts: nextTs(clock.now().getTime()) }) });
      }
      if (random.chance(0.3)) {
        const priority = random.pick(['P1', 'P3', 'P4']);
        steps.push({ at: later(1, 120), run: () => clickCardAction(harness, String(caseOf()._id), 'case.set_priority', select(priority)) });
      }
      if (random.chance(0.3)) {
        const tag = random.pick(['database', 'billing']);
        steps.push({ at: later(1, 120), run: () => harness.command(`tag ${caseOf().key} +${tag}`) });
      }
      if (!random.chance(0.75)) continue;
      const agent = random.pick([ids.agent, ids.consultant]);
      steps.push({ at: later(1, 240), run: () => clickCardAction(harness, String(caseOf()._id), 'case.assign_me', {}, agent) });
      if (!random.chance(0.7)) continue;
      steps.push({ at: later(1, 60), run: () => clickCardAction(harness, String(caseOf()._id), 'case.set_status', select('in_progress')) });
      const cause = random.pick(causes);
      steps.push({ at: later(30, 1800), run: () => harness.command(`resolve ${caseOf().key} cause: ${cause} fix: Renewed it`) });
      if (random.chance(0.6)) {
        const rating = random.int(1, 5);
        steps.push({
          at: later(5, 600),
          run: () =>
            harness.interaction({
              type: 'block_actions', team: { id: ids.team }, user: { id: customer }, trigger_id: `rate-${seed}-${i}`, response_url: harness.slack.responseUrl(`rate-${seed}-${i}`),
              channel: { id: channel }, container: { type: 'message', channel_id: channel },
              actions: [{ action_id: `case.rate_${rating}`, block_id: `rate:${String(caseOf()._id)}`, type: 'button', value: String(rating) }],
            }),
        });
      }
      if (random.chance(0.25)) {
        steps.push({ at: later(60, 1440), run: () => harness.command(`reopen ${caseOf().key}`) });
        const again = random.pick(causes);
        if (random.chance(0.5)) steps.push({ at: later(30, 600), run: () => harness.command(`resolve ${caseOf().key} cause: ${again} fix: Again`) });
      }
    }
    for (const step of steps.sort((a, b) => a.at - b.at)) {
      const ahead = step.at - clock.now().getTime();
      if (ahead > 0) clock.advance(ahead);
      await step.run();
      await harness.settle();
    }
    // Everything due by now acted on (SLA breaches change what cases report), then folded — by two replicas at once.
    clock.advance(hours(1));
    await harness.tugi.sweepDue();
    await harness.settle();
    clock.advance(minutes(4));
    const replica = await harness.startAnother();
    await Promise.all([harness.tugi.foldReports(), replica.foldReports()]);
    await harness.tugi.foldReports();

    // Brute force: every stored case's facts now, added up directly per period and dimension.
    const now = clock.now();
    const sla = new SlaSettings(testConfig, now);
    const docs = await harness.tugi.models.cases.find({}).lean<CaseDocument[]>();
    expect(docs).toHaveLength(cases);
    const facts = docs.map((doc) => caseFacts(doc, sla.calendarFor(doc.account), 'UTC', now));
    const bruteForce = (from: string, to: string, dimension: string) => {
      const tally = emptyTally();
      for (const f of facts.filter((f) => inDimension(f, dimension))) {
        if (f.openedDay >= from && f.openedDay <= to) addFacts(tally, f, 'opening');
        if (f.resolvedDay && f.resolvedDay >= from && f.resolvedDay <= to) addFacts(tally, f, 'resolution');
      }
      return figures(tally);
    };
    const day = (ms: number) => DateTime.fromMillis(ms, { zone: 'UTC' }).toISODate()!;
    const [first, last] = [day(start), day(now.getTime())];
    const periods = [[first, last], ...Array.from({ length: 3 }, () => [day(start + hours(random.int(0, 72))), day(start + hours(random.int(72, 200)))])];
    const dimensions = ['all', `agent:${ids.agent}`, `agent:${ids.consultant}`, 'account:acme', 'account:kalev', 'tag:network', 'tag:database', 'tag:billing'];
    let compared = 0;
    for (const [from, to] of periods) {
      for (const dimension of dimensions) {
        expectSameFigures(await harness.tugi.desks.for(ids.team)!.reports.figures(from!, to!, dimension), bruteForce(from!, to!, dimension), { from, to, dimension });
        compared += 1;
      }
    }
    expect(compared).toBe(32);
    const whole = bruteForce(first, last, 'all');
    expect(whole.opened).toBe(cases);
    // A history worth checking: resolutions, ratings, reopens, tags, causes and SLA both met and breached.
    const decided = Object.values(whole.slaCompliance).flatMap((p) => [p.firstResponse, p.resolution]);
    expect([whole.resolution.resolved, whole.csat.rated, whole.topTags.length, whole.topCauses.length, whole.firstResponse.unanswered].every((n) => n > 0)).toBe(true);
    expect([decided.some((c) => c.met > 0), decided.some((c) => c.breached > 0)]).toEqual([true, true]);

    // The backlog counts the cases open now; the CSV export lists every case behind the whole period.
    const open = facts.filter((f) => !['resolved', 'closed'].includes(f.status)).length;
    expect((await harness.tugi.desks.for(ids.team)!.reports.backlog()).total).toBe(open);
    await harness.interaction({
      type: 'block_actions', team: { id: ids.team }, user: { id: ids.manager }, trigger_id: `export-${seed}`, response_url: harness.slack.responseUrl(`export-${seed}`),
      actions: [{ action_id: 'report.export_csv', block_id: 'report', type: 'button', value: `${first}..${last}`, action_ts: `${seed}.1` }],
    });
    await harness.settle();
    const csv = await eventually(() => harness.slack.sharedFiles().find((f) => f.title.startsWith('Cases behind the report'))!.bytes!.toString('utf8'));
    const rows = csv.trim().split('\n').slice(1);
    expect(rows).toHaveLength(cases);
    expect(rows.filter((row) => row.includes(',opened + resolved,') || row.includes(',resolved,'))).toHaveLength(whole.resolution.resolved);
  });
});
