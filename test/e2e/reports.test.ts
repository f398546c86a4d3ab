import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids, testConfig } from '../fixtures/config.js';
import { clickCardAction, select } from '../support/card-actions.js';
import { startHarness, type Harness } from '../support/harness.js';
import { nextTs } from '../support/slack-requests.js';
import { minutes, TestClock } from '../support/test-clock.js';
import { caseFacts } from '../../src/reports/case-facts.js';
import { addFacts, emptyTally, figures } from '../../src/reports/tally.js';
import { SlaSettings } from '../../src/sla/settings.js';
import type { CaseDocument } from '../../src/storage/models/index.js';

let h: Harness;
const clock = new TestClock();
beforeAll(async () => {
  h = await startHarness({ clock });
});
afterAll(async () => {
  await h?.stop();
});

describe('report rollups kept up to date as cases change', () => {
  it('folded day rollups give the same figures as a brute-force computation over the cases, with a second replica folding too', async () => {
    const replica = await h.startAnother();
    const opened: CaseDocument[] = [];
    for (let i = 0; i < 8; i += 1) {
      const { ts } = await h.customerMessage(`Problem number ${i} with the ${i % 2 ? 'VPN' : 'printer'}`, { user: `U0REP${i}`, ts: nextTs(clock.now().getTime()) });
      await h.settle();
      opened.push((await h.tugi.models.cases.findOne({ sourceKey: `${ids.acme}:${ts}` }).lean())!);
    }
    clock.advance(minutes(20));
    for (const [i, c] of opened.entries()) {
      const id = String(c._id);
      if (i < 6) await h.customerMessage('On it', { user: ids.agent, threadTs: c.source.ts!, ts: nextTs(clock.now().getTime()) });
      if (i < 5) await clickCardAction(h, id, 'case.assign_me');
      if (i < 4) {
        await clickCardAction(h, id, 'case.set_status', select('in_progress'));
        await h.command(`resolve ${c.key} cause: Cause ${i % 2} fix: Fix ${i}`);
      }
    }
    await h.settle();
    // One case is reopened and resolved again: its first resolution still counts, with one reopen.
    const reopened = opened[0]!;
    await h.command(`reopen ${reopened.key}`);
    await h.command(`resolve ${reopened.key} cause: Cause 0 fix: Fix again`);
    await h.settle();

    clock.advance(minutes(4)); // past the folder's settling window
    await Promise.all([h.tugi.foldReports(), replica.foldReports(), h.tugi.foldReports()]);
    await h.tugi.foldReports();
    // The test workspace's team zone is UTC; the period covers the run even across midnight.
    const [from, to] = [opened[0]!.createdAt.toISOString().slice(0, 10), clock.now().toISOString().slice(0, 10)];
    const fromRollups = await h.tugi.reports.figures(from, to);

    // Brute force: every case's facts now, added up directly.
    const sla = new SlaSettings(testConfig, clock.now());
    const all = await h.tugi.models.cases.find({}).lean<CaseDocument[]>();
    const tally = emptyTally();
    for (const doc of all) {
      const facts = caseFacts(doc, sla.calendarFor(doc.account), 'UTC', clock.now());
      addFacts(tally, facts, 'opening');
      addFacts(tally, facts, 'resolution');
    }
    const bruteForce = figures(tally);
    expect(fromRollups).toEqual(bruteForce);
    expect(fromRollups).toMatchObject({ opened: 8, firstResponse: { count: 6, unanswered: 2 }, resolution: { resolved: 4, reopens: 1 } });
    expect(fromRollups.load.agents).toEqual({ [ids.agent]: 5 });
    expect((await h.tugi.reports.figures(from, to, `agent:${ids.agent}`)).opened).toBe(5);

    // The same figures for a manager, privately, by slash command; others are refused; bad periods explained.
    const report = JSON.stringify((await h.command(`report ${from}..${to}`, { user: ids.manager })).json());
    expect(report).toContain(`Report for ${from}`);
    expect(report).toContain('*All cases* — 8 opened, 4 resolved, 1 reopens');
    expect(report).toContain('(6 answered; 2 still waiting, not averaged in)');
    expect(report).toContain('Mari Tamm (5)');
    // The backlog: the cases open now, by age and status, equal to a count of the open cases.
    const open = all.filter((c) => !['resolved', 'closed'].includes(c.status));
    expect(open.map((c) => c.status)).toEqual(['new', 'new', 'new', 'new']);
    expect(report).toContain('*Backlog now*: 4 open — under 1 business day 4 · by status: new 4');
    expect(JSON.stringify((await h.command(`report ${from}..${to} by agent`, { user: ids.manager })).json())).toContain('*Mari Tamm* — 5 opened');
    expect((await h.command('report week', { user: ids.agent })).json().text).toBe('You are not allowed to see reports (managers can).');
    expect((await h.command('report yesterday-ish', { user: ids.manager })).json().text).toContain('Name a period');
    expect((await h.command('report 2026-12-01..2026-11-01', { user: ids.manager })).json().text).toBe('The period ends before it starts.');
  });

  it('posts the week’s report to the manager channel once, on the configured weekday, whichever replica runs the job', async () => {
    const now = DateTime.fromJSDate(clock.now(), { zone: 'UTC' });
    const nextMonday = now.startOf('week').plus({ weeks: 1, hours: 9, minutes: 5 });
    clock.advance(nextMonday.toMillis() - now.toMillis() - 10 * 60_000);
    expect(await h.tugi.postDigest()).toBe(false); // 08:55: not yet
    clock.advance(10 * 60_000);
    const replica = await h.startAnother();
    await Promise.all([h.tugi.postDigest(), replica.postDigest(), h.tugi.postDigest()]);
    await h.settle();
    // (The digest of the week before was already posted when tugi started: a late week is caught up.)
    const lastWeek = nextMonday.minus({ weeks: 1 }).startOf('week');
    const heading = `Weekly report for ${lastWeek.toISODate()} – ${lastWeek.endOf('week').toISODate()}`;
    const digests = h.slack.posts(ids.managers).filter((p) => p.args.text === heading);
    expect(digests).toHaveLength(1);
    expect(JSON.stringify(digests[0]!.args.blocks)).toContain('*All cases* — 8 opened');
  });
});
