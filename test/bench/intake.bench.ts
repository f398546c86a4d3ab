/**
 * npm run bench:intake — how fast tugi acknowledges captured customer messages, next to a bare
 * Bolt app that only acknowledges, on the same machine and database, in one run. Also: raw
 * insertOne latency of that database, and the database round trips made before each ack.
 *
 * The burst is sent in rounds that alternate between the two apps (a burst's figures vary from run
 * to run on a shared machine; pooled, they compare). The round trips are counted last, since the
 * hook that counts them slows every promise in the process.
 *
 *   BENCH_SEQUENTIAL=300 BENCH_CONCURRENT=1000 BENCH_CONCURRENCY=20 BENCH_ROUNDS=3 npm run bench:intake
 */
import { App, ExpressReceiver } from '@slack/bolt';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import express from 'express';
import { listen, closeServer } from '../../src/http/server.js';
import { ids } from '../fixtures/config.js';
import { FakeSlack } from '../../adapters/sandbox/fake-slack.js';
import { eventEnvelope, sign, signingSecret } from '../support/slack-requests.js';
import { HttpClient, type Request } from './http-client.js';
import { startBenchTugi } from './bench-tugi.js';
import { openBenchDatabase } from './bench-database.js';
import { ms, printTable, summarize } from './stats.js';

const sequential = Number(process.env.BENCH_SEQUENTIAL ?? 300);
const concurrent = Number(process.env.BENCH_CONCURRENT ?? 1000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 20);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const warmup = 30;

let seq = 0;
function nextMessage() {
  seq += 1;
  const ts = `${1_800_000_000 + seq}.000100`;
  // A different customer each time: every message opens its own case (the heaviest path).
  const event = { type: 'message', channel: ids.acme, user: `U0BENCH${seq}`, text: `Benchmark message ${seq}`, ts };
  return JSON.stringify(eventEnvelope(event, `EvBench${seq}`));
}

const client = new HttpClient();

/** A signed Events API request carrying a fresh customer message. */
function signedRequest(baseUrl: string): Request {
  const body = nextMessage();
  return { url: `${baseUrl}/slack/events`, body, headers: { 'content-type': 'application/json', ...sign(body) } };
}

async function runSequential(baseUrl: string, count: number, between?: () => Promise<void>, perRequest?: (ms: number) => void) {
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const [latency] = (await client.send([signedRequest(baseUrl)])).samples;
    samples.push(latency!);
    perRequest?.(latency!);
    await between?.();
  }
  return samples;
}

function runConcurrent(baseUrl: string, count: number) {
  return client.send(Array.from({ length: count }, () => signedRequest(baseUrl)), concurrency);
}

const progress = (line: string) => process.stderr.write(`… ${line}\n`);

async function main() {
  const db = await openBenchDatabase('intake', progress);
  const { connection } = db;
  const slack = await new FakeSlack().start();

  progress('measuring raw insertOne latency');
  // 1. The database itself: raw insertOne latency, one at a time and from as many writers as senders.
  const raw = connection.db!.collection('bench_raw');
  const insertRaw = async () => {
    const started = performance.now();
    await raw.insertOne({ at: new Date(), text: 'x'.repeat(200) });
    return performance.now() - started;
  };
  const inserts: number[] = [];
  for (let i = 0; i < sequential; i += 1) inserts.push(await insertRaw());
  const concurrentInserts: number[] = [];
  let insertsLeft = concurrent;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (insertsLeft-- > 0) concurrentInserts.push(await insertRaw());
    }),
  );

  // 2. A bare Bolt app that only acknowledges.
  const bareHttp = express();
  const bare = new App({
    token: 'xoxb-bench',
    receiver: new ExpressReceiver({ signingSecret, app: bareHttp, processBeforeResponse: true }),
    clientOptions: { slackApiUrl: slack.apiUrl },
  });
  bare.event('message', async () => {});
  const bareServer = await listen(bareHttp, 0);
  const bareUrl = `http://127.0.0.1:${(bareServer.address() as { port: number }).port}`;

  // 3. tugi, on the same database and fake Slack.
  const tugi = await startBenchTugi(connection, slack);
  const tugiUrl = `http://127.0.0.1:${tugi.port}`;
  const settle = async () => {
    await tugi.inbox.idle();
    await tugi.deliverer.kick();
  };

  progress('warming up');
  await runSequential(bareUrl, warmup);
  await runSequential(tugiUrl, warmup, settle);

  progress(`${sequential} sequential requests to each app`);
  const bareSeq = await runSequential(bareUrl, sequential);
  const tugiSeq = await runSequential(tugiUrl, sequential, settle);

  const bareBurst = { samples: [] as number[], seconds: 0 };
  const tugiBurst = { samples: [] as number[], seconds: 0 };
  let backlogSeconds = 0;
  for (let round = 1; round <= rounds; round += 1) {
    progress(`burst ${round}/${rounds}: ${concurrent} requests to each app from ${concurrency} concurrent senders`);
    const bareRound = await runConcurrent(bareUrl, concurrent);
    bareBurst.samples.push(...bareRound.samples);
    bareBurst.seconds += bareRound.seconds;
    const started = performance.now();
    const tugiRound = await runConcurrent(tugiUrl, concurrent);
    tugiBurst.samples.push(...tugiRound.samples);
    tugiBurst.seconds += tugiRound.seconds;
    // The burst's cases, acknowledgements and cards, handled in the background after the acks.
    await settle();
    backlogSeconds += (performance.now() - started) / 1000;
  }
  const opened = await tugi.models.cases.countDocuments();

  progress('counting database round trips before the acknowledgement');
  // Database commands issued while serving a request, before its response is written: the
  // round trips on the acknowledgement path (background handling starts after the write).
  const requestContext = new AsyncLocalStorage<ServerResponse>();
  let beforeAck = 0;
  connection.getClient().on('commandStarted', () => {
    const response = requestContext.getStore();
    if (response && !response.writableEnded) beforeAck += 1;
  });
  tugi.server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => requestContext.enterWith(response));
  const roundTrips: number[] = [];
  await runSequential(
    tugiUrl,
    warmup,
    async () => {
      await settle();
      beforeAck = 0;
    },
    () => roundTrips.push(beforeAck),
  );

  const r = (s: ReturnType<typeof summarize>) => ({ p50: ms(s.p50), p99: ms(s.p99), max: ms(s.max), n: s.n });
  printTable(`Database (${db.label}, raw insertOne)`, [
    { writers: 1, ...r(summarize(inserts)) },
    { writers: concurrency, ...r(summarize(concurrentInserts)) },
  ]);
  printTable('Ack latency, one request at a time', [
    { app: 'bare Bolt (ack only)', ...r(summarize(bareSeq)) },
    { app: 'tugi (durable inbox write, then ack)', ...r(summarize(tugiSeq)) },
  ]);
  const burstRow = (app: string, burst: typeof bareBurst) => ({ app, ...r(summarize(burst.samples)), 'acks/s': Math.round(burst.samples.length / burst.seconds) });
  printTable(`Ack latency and throughput, ${concurrency} concurrent senders (${rounds} rounds of ${concurrent}, pooled)`, [
    burstRow('bare Bolt (ack only)', bareBurst),
    burstRow('tugi', tugiBurst),
  ]);
  const tripSummary = summarize(roundTrips);
  printTable('Database round trips before the ack (per captured message)', [{ min: Math.min(...roundTrips), p50: tripSummary.p50, max: tripSummary.max }]);
  const total = concurrent * rounds;
  console.log(
    `\nFull processing (case + timeline + acknowledgement + card delivered) of the bursts: ` +
      `${backlogSeconds.toFixed(1)} s for ${total} messages, ${Math.round(total / backlogSeconds)} cases/s; ${opened} cases in the database.`,
  );
  const insertP99 = summarize(inserts).p99;
  const sequentialBudget = summarize(bareSeq).p99 + insertP99 * tripSummary.max;
  console.log(`One at a time: target tugi p99 ≤ bare p99 + ${tripSummary.max} × insert p99 = ${ms(sequentialBudget)}; measured ${ms(summarize(tugiSeq).p99)}.`);
  const burstBudget = 1.5 * summarize(bareBurst.samples).p99 + insertP99;
  console.log(`Burst: target tugi p99 ≤ 1.5 × bare p99 + insert p99 = ${ms(burstBudget)}; measured ${ms(summarize(tugiBurst.samples).p99)}.`);

  await client.close();
  await tugi.stop();
  await closeServer(bareServer);
  await slack.stop();
  await db.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
