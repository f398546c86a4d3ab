/**
 * `npm run bench:sweep`: the due sweep over 100 000 open cases of which 1 % are due, side by side
 * with a naive scan of every open case in the same run. Prints time, documents examined,
 * database commands, and the ratio. Set MONGODB_URI to measure another server.
 */
import { openStatuses } from '../../src/cases/status.js';
import { Directory } from '../../src/people/directory.js';
import { duePoints, nagSettings, nextDue } from '../../src/reminders/due-points.js';
import { DueQueue } from '../../src/reminders/due-queue.js';
import { caseForDue, DueScheduler, isDueNow } from '../../src/reminders/due-scheduler.js';
import { SlaSettings } from '../../src/sla/settings.js';
import type { CaseDocument } from '../../src/storage/models/index.js';
import { ids, testConfig } from '../fixtures/config.js';
import { FakeSlack } from '../../adapters/sandbox/fake-slack.js';
import { benchCase } from './bench-case.js';
import { openBenchDatabase } from './bench-database.js';
import { startBenchTugi } from './bench-tugi.js';
import { printTable } from './stats.js';

const openCases = Number(process.env.BENCH_CASES ?? 100_000);
const dueShare = 0.01;
const batch = 1_000;
const minuteMs = 60_000;
const progress = (line: string) => process.stderr.write(`… ${line}\n`);

async function main() {
  const db = await openBenchDatabase('sweep', progress);
  const { connection } = db;
  let commands = 0;
  connection.getClient().on('commandStarted', () => (commands += 1));
  const slack = await new FakeSlack().start();
  // A fixed "now" on a whole minute, so the figures do not depend on when the bench runs.
  const now = new Date(Math.floor(Date.now() / minuteMs) * minuteMs + 30_000);
  const clock = { now: () => now };
  // This script runs the sweeps itself.
  const tugi = await startBenchTugi(connection, slack, { clock, sweepEvery: false });
  const { models } = tugi;

  // Cases as tugi would have stored them: P2 (Acme), in progress, unassigned. 1 % were opened 50
  // minutes ago (their first-response warning, at 45 minutes, is due); the rest 10 minutes ago.
  const directory = new Directory(testConfig);
  const sla = new SlaSettings(testConfig, now);
  const scheduler = new DueScheduler({ queue: new DueQueue(models), directory, sla, nags: nagSettings(testConfig.nags), clock });
  const dueCount = Math.round(openCases * dueShare);
  const slotsPerMinute = new Map<number, number>();
  progress(`seeding ${openCases} open cases (${dueCount} due) and their due slots`);
  for (let start = 0; start < openCases; start += batch) {
    const cases: Record<string, unknown>[] = [];
    const slots: Record<string, unknown>[] = [];
    for (let i = start; i < Math.min(openCases, start + batch); i += 1) {
      const due = i % Math.round(1 / dueShare) === 0;
      // Due ones spread over the last ten minutes, so the sweep walks that many minutes.
      const openedAt = new Date(now.getTime() - (due ? 46 + ((i * dueShare) % 10) : 10) * minuteMs);
      const doc = benchCase(i, openedAt, sla.policyFor('acme', 'P2'));
      const point = nextDue(scheduler.points(doc), new Set())!;
      const minute = Math.max(Math.floor(point.at.getTime() / minuteMs), Math.floor(now.getTime() / minuteMs) - 20);
      const n = slotsPerMinute.get(minute) ?? 0;
      slotsPerMinute.set(minute, n + 1);
      // The due queue's slot ids: `<workspace>|<epoch minute>|<n>` (src/reminders/due-queue.ts).
      const slot = `${ids.team}|${minute}|${n}`;
      cases.push({ ...doc, nextDue: { key: point.key, at: point.at, slot } });
      slots.push({ _id: slot, workspace: ids.team, caseId: String(doc._id), key: point.key, at: point.at, attempts: 0 });
    }
    await models.cases.collection.insertMany(cases);
    await models.dueSlots.collection.insertMany(slots);
    if ((start + batch) % 20_000 === 0) progress(`${start + batch} cases`);
  }
  // Hour markers, as filing writes them before any slot of the hour.
  const hours = [...new Set([...slotsPerMinute.keys()].map((minute) => Math.floor(minute / 60)))];
  await models.dueHours.collection.insertMany(hours.map((hour) => ({ _id: `${ids.team}|${hour}`, at: new Date(hour * 60 * minuteMs) })) as never[]);
  // The last sweep ran a minute before the oldest due point.
  const cursorMinute = Math.min(...slotsPerMinute.keys()) - 1;
  await models.dueCursors.collection.updateOne({ _id: ids.team } as never, { $set: { minute: cursorMinute } }, { upsert: true });

  const measure = async <T>(run: () => Promise<T>) => {
    const before = commands;
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const value = await run();
    return { value, ms: performance.now() - started, commands: commands - before, rssMb: (process.memoryUsage().rss - rssBefore) / 2 ** 20 };
  };

  progress('naive scan: every open case read and its due points computed');
  const naive = await measure(async () => {
    let examined = 0;
    let found = 0;
    for await (const doc of models.cases.find({ workspace: ids.team, status: { $in: openStatuses } }).lean<CaseDocument>().cursor()) {
      examined += 1;
      const point = nextDue(duePoints(caseForDue(doc, directory), { settings: nagSettings(testConfig.nags), calendar: sla.calendarFor(doc.account), workingFrom: (_p, at) => at }), new Set(doc.dueDone));
      if (point && point.at <= now) found += 1;
    }
    return { examined, found };
  });

  progress('due queue, finding only: slots since the cursor, and the case of each');
  const finding = await measure(async () => {
    let cases = 0;
    let found = 0;
    const stats = await new DueQueue(models).sweep(ids.team, now, async (slot) => {
      cases += 1;
      const doc = await models.cases.findById(slot.caseId).lean<CaseDocument>();
      if (doc && isDueNow(doc, slot.key, now)) found += 1;
    });
    return { examined: stats.examined + cases, found, minutes: stats.minutes };
  });
  await models.dueCursors.collection.updateOne({ _id: ids.team } as never, { $set: { minute: cursorMinute } });

  progress('due queue, the real sweep: each due case nagged (outbox), marked done and re-planned');
  const sweep = await measure(() => tugi.desks.for(ids.team)!.sweepDue());
  const nags = await models.outbox.countDocuments({ key: /^nag:/ });

  printTable(`Due sweep over ${openCases} open cases, ${dueCount} due (${db.label})`, [
    { method: 'naive scan of open cases', 'time ms': Math.round(naive.ms), 'documents examined': naive.value.examined, 'db commands': naive.commands, 'due found': naive.value.found },
    {
      method: 'due queue (find only)',
      'time ms': Math.round(finding.ms),
      'documents examined': finding.value.examined,
      'db commands': finding.commands,
      'due found': finding.value.found,
    },
    {
      method: 'due queue (full sweep, nags queued)',
      'time ms': Math.round(sweep.ms),
      'documents examined': `${sweep.value.examined} slots + cases`,
      'db commands': sweep.commands,
      'due found': nags,
    },
  ]);
  console.log(
    `\nFinding what is due: naive ${Math.round(naive.ms)} ms over ${naive.value.examined} documents vs due queue ${Math.round(finding.ms)} ms over ` +
      `${finding.value.examined} (${finding.value.minutes} minutes walked) — ${(naive.ms / finding.ms).toFixed(1)}× faster, ` +
      `${(naive.value.examined / finding.value.examined).toFixed(0)}× fewer documents.`,
  );

  await tugi.stop();
  await slack.stop();
  await db.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
