/**
 * `npm run bench:report`: a quarter's report from the day rollups, side by side with a brute-force
 * scan of every case, over BENCH_CASES cases (default 1 000 000) in one run. Prints both times, the
 * ratio, documents read and peak memory; then the CSV export of a week and of the quarter. Set
 * MONGODB_URI to measure another server.
 */
import { Directory } from '../../src/people/directory.js';
import { caseFacts } from '../../src/reports/case-facts.js';
import { rollupId, rollupIds } from '../../src/reports/report-folder.js';
import { ReportService } from '../../src/reports/report.service.js';
import { maxExportRows, ReportExport } from '../../src/reports/report-export.js';
import { memberBucketId, memberBuckets } from '../../src/reports/report-members.js';
import { addFacts, emptyTally, figures, type Tally } from '../../src/reports/tally.js';
import { openClocks, responded, statusChanged } from '../../src/sla/case-clocks.js';
import { SlaSettings } from '../../src/sla/settings.js';
import { createModels, ensureIndexes, type CaseDocument } from '../../src/storage/models/index.js';
import { ids, testConfig } from '../fixtures/config.js';
import { benchCase } from './bench-case.js';
import { openBenchDatabase } from './bench-database.js';
import { printTable } from './stats.js';

const cases = Number(process.env.BENCH_CASES ?? 1_000_000);
const batch = 2_000;
const quarterDays = 92;
const progress = (line: string) => process.stderr.write(`… ${line}\n`);

/** A deterministic pseudo-random sequence. */
function random(seed: number) {
  let state = seed;
  return () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

// Peak RSS and heap while a method runs (sampled every 50 ms and at its end). The heap added is what
// the method itself holds: the seeding's memory is collected first (the script runs with --expose-gc).
const peak = { rss: 0, heap: 0 };
const sample = () => {
  const { rss, heapUsed } = process.memoryUsage();
  peak.rss = Math.max(peak.rss, rss);
  peak.heap = Math.max(peak.heap, heapUsed);
};
const sampleMemory = setInterval(sample, 50);

async function main() {
  const db = await openBenchDatabase('report', progress);
  const models = createModels(db.connection);
  await ensureIndexes(models);
  const directory = new Directory(testConfig);
  const now = new Date('2026-12-31T18:00:00Z');
  const sla = new SlaSettings(testConfig, now);
  const calendar = sla.calendarFor('acme');
  await seed(models, sla, calendar, now);

  const measure = async <T>(run: () => Promise<T>) => {
    globalThis.gc?.();
    const before = process.memoryUsage();
    Object.assign(peak, { rss: before.rss, heap: before.heapUsed });
    const started = performance.now();
    const value = await run();
    const ms = performance.now() - started;
    sample();
    return { value, ms, peakMb: peak.rss / 2 ** 20, heapMb: (peak.heap - before.heapUsed) / 2 ** 20 };
  };
  const [from, to] = ['2026-10-01', '2026-12-31'];

  progress('report from the rollups');
  const service = new ReportService({ models, workspace: ids.team, teamZone: 'UTC', directory, clock: { now: () => now }, calendar });
  const fromRollups = await measure(() => service.figures(from, to));

  progress('brute force: every case read and added up');
  const bruteForce = await measure(async () => {
    const tally = emptyTally();
    let read = 0;
    for await (const doc of models.cases.find({ workspace: ids.team }).lean<CaseDocument>().cursor({ batchSize: 2_000 })) {
      read += 1;
      const facts = caseFacts(doc, calendar, 'UTC', now);
      if (facts.openedDay >= from && facts.openedDay <= to) addFacts(tally, facts, 'opening');
      if (facts.resolvedDay && facts.resolvedDay >= from && facts.resolvedDay <= to) addFacts(tally, facts, 'resolution');
    }
    return { figures: figures(tally), read };
  });

  // Sums of durations are added in another order: compare numbers to 1e-9, relatively.
  const close = (a: unknown, b: unknown): boolean =>
    typeof a === 'number' && typeof b === 'number'
      ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))
      : a && b && typeof a === 'object' && typeof b === 'object'
        ? Object.keys({ ...a, ...b }).every((k) => close((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
        : a === b;
  const same = close(fromRollups.value, bruteForce.value.figures);
  printTable(`A quarter's report over ${cases} cases (${db.label})`, [
    { method: 'day rollups', 'time ms': Math.round(fromRollups.ms), 'documents read': quarterDays, 'peak RSS MB': Math.round(fromRollups.peakMb), 'heap added MB': Math.round(fromRollups.heapMb) },
    { method: 'brute-force scan', 'time ms': Math.round(bruteForce.ms), 'documents read': bruteForce.value.read, 'peak RSS MB': Math.round(bruteForce.peakMb), 'heap added MB': Math.round(bruteForce.heapMb) },
  ]);
  console.log(`\nRollups ${(bruteForce.ms / fromRollups.ms).toFixed(0)}× faster; the two give ${same ? 'the same figures' : 'DIFFERENT figures'} (opened ${fromRollups.value.opened}, resolved ${fromRollups.value.resolution.resolved}).`);
  console.log(`The rollup read is ${quarterDays} documents whatever the number of cases; a rollup id looks like ${rollupId(ids.team, from, 'all')}.`);

  // "Export CSV": the member lists of the period's days, then only the cases the file keeps, by primary key.
  progress('CSV exports');
  const exporter = new ReportExport({ models, workspace: ids.team, teamZone: 'UTC', directory, clock: { now: () => now } });
  const exports = [];
  for (const [label, period] of [['a week', '2026-12-25..2026-12-31'], ['a quarter', `${from}..${to}`]] as const) {
    const run = await measure(() => exporter.csv({ actor: { platform: 'slack', userId: ids.manager }, period }));
    const days = label === 'a week' ? 7 : quarterDays;
    exports.push({ export: label, 'time ms': Math.round(run.ms), 'cases behind it': run.value.total, rows: run.value.rows, 'documents read': days * memberBuckets + run.value.rows, 'CSV MB': +(run.value.csv.length / 2 ** 20).toFixed(1), 'peak RSS MB': Math.round(run.peakMb), 'heap added MB': Math.round(run.heapMb) });
  }
  printTable(`CSV export over ${cases} cases (${db.label}; at most ${maxExportRows} rows a file)`, exports);

  clearInterval(sampleMemory);
  await db.close();
}

/** Cases spread over the quarter, with the rollups and member lists the folder would have written for them. */
async function seed(models: ReturnType<typeof createModels>, sla: SlaSettings, calendar: ReturnType<SlaSettings['calendarFor']>, now: Date) {
  const next = random(42);
  const day0 = Date.parse('2026-10-01T00:00:00Z');
  const rollups = new Map<string, Tally>();
  const members = new Map<string, Record<string, number>>();

  progress(`seeding ${cases} cases and their day rollups`);
  for (let start = 0; start < cases; start += batch) {
    const docs: CaseDocument[] = [];
    for (let i = start; i < Math.min(cases, start + batch); i += 1) {
      const createdAt = new Date(day0 + Math.floor(next() * quarterDays * 86_400_000));
      const answered = next() < 0.9 ? new Date(createdAt.getTime() + next() * 8 * 3_600_000) : null;
      const resolved = next() < 0.7 ? new Date(createdAt.getTime() + next() * 5 * 86_400_000) : null;
      let clocks = openClocks(sla.policyFor('acme', 'P2'), createdAt);
      if (answered) clocks = responded(clocks, createdAt, answered, calendar);
      if (resolved) clocks = statusChanged(clocks, 'in_progress', 'resolved', resolved, calendar);
      const doc = benchCase(i, createdAt, sla.policyFor('acme', 'P2'), {
        source: { platform: 'slack', via: 'message', channel: ids.acme, ts: `${i}.000001`, permalink: null },
        status: resolved ? 'resolved' : 'in_progress',
        assignee: next() < 0.8 ? ids.agent : null,
        tags: next() < 0.5 ? ['network'] : ['billing'],
        sla: clocks,
        resolvedAt: resolved,
        firstResolvedAt: resolved,
        resolution: resolved ? { cause: next() < 0.5 ? 'Full disk' : 'Expired certificate', fix: 'Fixed', note: null, by: { platform: 'slack', userId: ids.agent }, at: resolved } : null,
        customerAnswer: resolved && next() < 0.4 ? { verdict: 'solved', rating: 1 + Math.floor(next() * 5), by: { platform: 'slack', userId: 'U0BENCH' }, at: resolved } : null,
        firstResponseAt: answered,
        lastActivityAt: answered ?? createdAt,
        updatedAt: resolved ?? createdAt,
      });
      const facts = caseFacts(doc, calendar, 'UTC', now);
      docs.push({ ...doc, reported: { seq: 1, facts: JSON.stringify(facts) } });
      for (const part of ['opening', 'resolution'] as const) {
        for (const id of rollupIds(ids.team, facts, part)) {
          const tally = rollups.get(id) ?? rollups.set(id, emptyTally()).get(id)!;
          addFacts(tally, facts, part);
        }
        const day = part === 'opening' ? facts.openedDay : facts.resolvedDay;
        if (day) {
          const bucket = memberBucketId(ids.team, day, facts.caseId);
          const counts = members.get(bucket) ?? members.set(bucket, {}).get(bucket)!;
          counts[facts.caseId] = (counts[facts.caseId] ?? 0) + 1;
        }
      }
    }
    await models.cases.collection.insertMany(docs as never[]);
    if ((start + batch) % 100_000 === 0) progress(`${start + batch} cases`);
  }
  await models.rollups.collection.insertMany([...rollups].map(([_id, tally]) => ({ _id, tally: JSON.stringify(tally), applied: [] })) as never[]);
  await models.reportMembers.collection.insertMany([...members].map(([_id, counts]) => ({ _id, cases: JSON.stringify(counts), applied: [] })) as never[]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
