/**
 * npm run bench:bridge — mirror latency of the Teams → Slack bridge: from posting a specialist's
 * reply (a Bot Framework activity) to tugi, to the chat.postMessage the fake Slack records in the
 * case's internal thread; replies arrive open-loop at fixed rates, one after the other. Also the
 * database commands each reply costs, and memory at steady state.
 *
 *   BENCH_RATES=10,25,50 BENCH_SECONDS=10 BENCH_CHANNEL_INTERVAL_MS=0 npm run bench:bridge
 *
 * Slack allows about one message per second per channel: with tugi's default pacing (1000 ms),
 * 50 replies a second into one thread queue up by design. The default here (0) measures tugi's
 * own pipeline (inbox, database, outbox, delivery), which is what the figure is about.
 */
import { ids } from '../fixtures/config.js';
import { FakeBotConnector } from '../../adapters/sandbox/fake-bot-connector.js';
import { FakeSlack } from '../../adapters/sandbox/fake-slack.js';
import { eventEnvelope, sign } from '../support/slack-requests.js';
import { channelMessage, installedInTeam, postActivity, teamsIds } from '../support/teams-activities.js';
import { HttpClient } from './http-client.js';
import { startBenchTugi } from './bench-tugi.js';
import { openBenchDatabase } from './bench-database.js';
import { ms, printTable, summarize } from './stats.js';

const rates = (process.env.BENCH_RATES ?? '10,25,50').split(',').map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const channelIntervalMs = Number(process.env.BENCH_CHANNEL_INTERVAL_MS ?? 0);
const progress = (line: string) => process.stderr.write(`… ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** The replies come from a worker thread, so the sender does not share tugi's event loop. */
const client = new HttpClient();

async function main() {
  const db = await openBenchDatabase('bridge', progress);
  const { connection } = db;
  // Database commands while the replies are handled: the cost of one mirrored message.
  let commands = 0;
  connection.getClient().on('commandStarted', () => {
    commands += 1;
  });
  const slack = await new FakeSlack().start();
  const connector = await new FakeBotConnector().start();
  const tugi = await startBenchTugi(connection, slack, { teams: { allowUnauthenticated: true }, channelIntervalMs });
  const baseUrl = `http://127.0.0.1:${tugi.port}`;
  const where = { serviceUrl: connector.serviceUrl, channel: teamsIds.specialists };

  progress('setting up: install in Teams, a Slack case, pull in a specialist');
  await postActivity(baseUrl, installedInTeam({ ...where, from: teamsIds.ann }));
  const event = { type: 'message', channel: ids.acme, user: 'U0BENCHCUST', text: 'VPN down for the whole office', ts: '1800000000.000100' };
  const body = JSON.stringify(eventEnvelope(event, 'EvBridgeBench'));
  await fetch(`${baseUrl}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...sign(body) }, body });
  const doc = await waitFor('the case', () => tugi.models.cases.findOne({ sourceKey: `${ids.acme}:${event.ts}` }).lean().then((c) => c ?? undefined));
  await tugi.desks.for(ids.team)!.specialists.pull({ workspace: ids.team, caseId: String(doc._id), actor: { platform: 'slack', userId: ids.agent } });
  const rootId = await waitFor('the Teams thread', () => connector.callsOf('createConversation')[0]?.messageId ?? undefined);

  const rows: Record<string, string>[] = [];
  for (const rate of rates) rows.push(await runAt(rate));
  printTable(`Teams → Slack mirror latency: replies posted open-loop for ${seconds} s at each rate (Slack pacing per channel: ${channelIntervalMs} ms)`, rows);
  console.log('\nMemory is of the main thread’s process: tugi and the fakes of Slack and the Bot Connector (the sender is a worker thread); FerretDB runs as a separate process.');

  /** Posts `rate` replies a second for `seconds`, then waits for every mirror; latency and memory. */
  async function runAt(rate: number): Promise<Record<string, string>> {
    const total = rate * seconds;
    progress(`sending ${total} Teams replies at ${rate}/s`);
    const sentAt = new Map<number, number>();
    const memory: { at: number; rss: number; heap: number }[] = [];
    const sampler = setInterval(() => {
      const { rss, heapUsed } = process.memoryUsage();
      memory.push({ at: Date.now(), rss, heap: heapUsed });
    }, 500);
    const commandsBefore = commands;
    const tag = `r${rate}`;
    const requests = Array.from({ length: total }, (_, i) => ({
      url: `${baseUrl}/api/messages`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(channelMessage({ ...where, rootId, from: teamsIds.ann, text: `bench-${tag}-${i} looks like an MTU problem` })),
    }));
    const started = Date.now();
    const sent = await client.sendPaced(requests, rate);
    sent.sentAt.forEach((at, i) => sentAt.set(i, at));
    const accepted = sent.statuses.filter((status) => status === 200).length;
    const pattern = new RegExp(`^Ann Specialist: bench-${tag}-(\\d+) `);
    const mirroredAt = new Map<number, number>();
    let scanned = 0; // the fake's record only grows: look at each call once
    await waitFor('every mirror in Slack', () => {
      for (; scanned < slack.calls.length; scanned += 1) {
        const call = slack.calls[scanned]!;
        const match = call.method === 'chat.postMessage' ? pattern.exec(String(call.args.text)) : null;
        if (match) mirroredAt.set(Number(match[1]), call.at);
      }
      return mirroredAt.size >= total ? true : undefined;
    }, 300_000);
    clearInterval(sampler);
    const stats = summarize([...mirroredAt].map(([i, at]) => at - sentAt.get(i)!));
    // Steady state: the second half of the sending, after warm-up and before the queue drains.
    const steady = memory.filter((m) => m.at > started + (seconds * 1000) / 2 && m.at <= started + seconds * 1000);
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
    return {
      rate: `${rate}/s`,
      accepted: `${accepted}/${total}`,
      p50: ms(stats.p50),
      p99: ms(stats.p99),
      'db commands/msg': ((commands - commandsBefore) / total).toFixed(1),
      'RSS (steady)': mb(median(steady.map((m) => m.rss))),
      'heap (steady)': mb(median(steady.map((m) => m.heap))),
    };
  }

  await client.close();
  await tugi.stop();
  await slack.stop();
  await connector.stop();
  await db.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
