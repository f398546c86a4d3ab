import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids, testConfig } from '../fixtures/config.js';
import { clickCardAction, select } from '../support/card-actions.js';
import { expectSameFigures } from '../support/same-figures.js';
import { eventually, startHarness, type Harness } from '../support/harness.js';
import { nextTs } from '../support/slack-requests.js';
import { minutes, TestClock } from '../support/test-clock.js';
import { caseFacts } from '../../src/reports/case-facts.js';
import { addFacts, emptyTally, figures } from '../../src/reports/tally.js';
import { SlaSettings } from '../../src/sla/settings.js';
import type { CaseDocument } from '../../src/storage/models/index.js';

let h: Harness;
let opened0Key = '';
/** The fake Slack opens a person's direct messages as D + the rest of their user id. */
const managerDm = `D${ids.manager.slice(1)}`;
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
      // One customer writes what a spreadsheet would run as a formula: the CSV export must defuse it.
      const text = i === 7 ? '=HYPERLINK("http://evil.example","VPN") is broken' : `Problem number ${i} with the ${i % 2 ? 'VPN' : 'printer'}`;
      const { ts } = await h.customerMessage(text, { user: `U0REP${i}`, ts: nextTs(clock.now().getTime()) });
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
    opened0Key = reopened.key;
    await h.command(`reopen ${reopened.key}`);
    await h.command(`resolve ${reopened.key} cause: Cause 0 fix: Fix again`);
    await h.settle();

    clock.advance(minutes(4)); // past the folder's settling window
    await Promise.all([h.tugi.foldReports(), replica.foldReports(), h.tugi.foldReports()]);
    await h.tugi.foldReports();
    // The test workspace's team zone is UTC; the period covers the run even across midnight.
    const [from, to] = [opened[0]!.createdAt.toISOString().slice(0, 10), clock.now().toISOString().slice(0, 10)];
    const fromRollups = await h.tugi.desks.for(ids.team)!.reports.figures(from, to);

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
    expectSameFigures(fromRollups, bruteForce);
    expect(fromRollups).toMatchObject({ opened: 8, firstResponse: { count: 6, unanswered: 2 }, resolution: { resolved: 4, reopens: 1 } });
    expect(fromRollups.load.agents).toEqual({ [ids.agent]: 5 });
    expect((await h.tugi.desks.for(ids.team)!.reports.figures(from, to, `agent:${ids.agent}`)).opened).toBe(5);

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
    // A single day has no trend to draw: no chart was sent for it.
    expect(h.slack.sharedFiles(managerDm)).toEqual([]);
    expect((await h.command('report yesterday-ish', { user: ids.manager })).json().text).toContain('Name a period');
    expect((await h.command('report 2026-12-01..2026-11-01', { user: ids.manager })).json().text).toBe('The period ends before it starts.');
  });

  it('sends the period’s chart and, on “Export CSV”, the cases behind the numbers to the manager’s direct messages', async () => {
    const to = clock.now().toISOString().slice(0, 10);
    const from = DateTime.fromISO(to).minus({ days: 6 }).toISODate()!;
    const answer = (await h.command(`report ${from}..${to}`, { user: ids.manager })).json() as { blocks: Array<{ type: string; elements?: Array<Record<string, unknown>> }> };
    expect(JSON.stringify(answer.blocks)).toContain('The chart of the period is in your direct messages with tugi.');
    await h.settle();
    const [chart] = await eventually(() => {
      const files = h.slack.sharedFiles(managerDm);
      expect(files).toHaveLength(1);
      return files;
    });
    expect(chart!.title).toBe(`Cases opened and resolved per day, ${from} – ${to}`);
    expect(chart!.bytes!.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])); // a PNG
    expect(h.slack.callsTo('files.getUploadURLExternal').at(-1)!.args).toMatchObject({ filename: 'tugi-trend.png', alt_text: `8 opened and 4 resolved between ${from} and ${to}, per day.` });

    // "Export CSV", as pressed on that report.
    const button = answer.blocks.find((b) => b.type === 'actions')!.elements![0]!;
    const press = (user: string, id: string) =>
      h.interaction({ type: 'block_actions', team: { id: ids.team }, user: { id: user }, trigger_id: id, response_url: h.slack.responseUrl(id), actions: [{ ...button, block_id: 'report', action_ts: `${id}.1` }] });
    expect((await press(ids.agent, 'export-agent')).status).toBe(200);
    expect((await press(ids.manager, 'export-manager')).status).toBe(200);
    await h.settle();
    const said = (id: string) => eventually(() => h.slack.responses.find((r) => r.path === `/respond/${id}`)!.body.text as string);
    expect(await said('export-agent')).toBe('You are not allowed to see reports (managers can).');
    expect(await said('export-manager')).toBe('The CSV of the 8 cases behind the report is on its way to your direct messages with tugi.');
    const csvFile = await eventually(() => {
      const found = h.slack.sharedFiles(managerDm).find((f) => f.title.startsWith('Cases behind the report'));
      expect(found).toBeDefined();
      return found!;
    });
    expect(csvFile.comment).toBe(`Cases behind the report, ${from} – ${to}: 8 cases.`);
    const lines = csvFile.bytes!.toString('utf8').replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toMatch(/^case,title,in period,account,priority,status,opened,/);
    expect(lines).toHaveLength(9);
    // The rows add up to the report: 8 opened, 4 of them resolved (one reopened once); the agent's 5.
    expect(lines.filter((l) => l.includes(',opened + resolved,'))).toHaveLength(4);
    expect(lines.filter((l) => l.includes(',Mari Tamm,'))).toHaveLength(5);
    expect(lines.find((l) => l.startsWith(`${opened0Key},`))).toContain(',1,'); // the reopen count
    // The formula the customer wrote is text in the file, not a formula.
    expect(lines.some((l) => l.includes(`"'=HYPERLINK(""http://evil.example"",""VPN"") is broken"`))).toBe(true);
    // Only the manager's direct messages and the manager channel (the digest's charts) got files.
    expect(h.slack.sharedFiles().every((f) => f.channel === managerDm || f.channel === ids.managers)).toBe(true);
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
    // The week's chart follows it in the channel, once.
    const title = `Cases opened and resolved per day, ${lastWeek.toISODate()} – ${lastWeek.endOf('week').toISODate()}`;
    expect(h.slack.sharedFiles(ids.managers).filter((c) => c.title === title)).toHaveLength(1);
  });
});
