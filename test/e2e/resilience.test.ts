import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import type { Connection } from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/storage/connection.js';
import { startLocalDatabase } from '../../src/storage/local-database.js';
import { ids } from '../fixtures/config.js';
import { openTestDatabase } from '../support/database.js';
import { FakeSlack } from '../../adapters/sandbox/fake-slack.js';
import { eventually, startHarness, type Harness } from '../support/harness.js';
import { eventEnvelope, nextTs, postToSlackEndpoint } from '../support/slack-requests.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

async function harness(options?: Parameters<typeof startHarness>[0]): Promise<Harness> {
  const h = await startHarness(options);
  cleanups.push(() => h.stop());
  return h;
}

describe('outbox under pressure', () => {
  it('honours 429 Retry-After: waits, retries, keeps the channel in order, and does not hold other channels back', async () => {
    const h = await harness();
    h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1, channel: ids.acme });
    const first = await h.customerMessage('First', { user: 'U0FIRST' });
    // Two customers' messages are handled side by side; the first's acknowledgement must be queued first.
    await h.tugi.inbox.idle();
    const second = await h.customerMessage('Second', { user: 'U0SECOND' });

    const posts = await eventually(() => {
      const acks = h.slack.posts(ids.acme);
      expect(acks).toHaveLength(2);
      return acks;
    }, 15_000);
    const limited = h.slack.callsTo('chat.postMessage:429')[0]!;
    expect(posts[0]!.args.thread_ts).toBe(first.ts);
    expect(posts[1]!.args.thread_ts).toBe(second.ts);
    expect(posts[0]!.at - limited.at).toBeGreaterThanOrEqual(950);
    // The triage channel was not rate limited: its cards went out without waiting.
    const cards = h.slack.posts(ids.triage);
    expect(cards.length).toBe(2);
    expect(Math.min(...cards.map((c) => c.at)) - limited.at).toBeLessThan(900);
    // Deliveries are recorded in the background, right after the post.
    await eventually(async () => {
      const stored = await h.tugi.models.outbox.find({ channel: ids.acme }).lean();
      expect(stored.map((m) => [m.state, m.attempts])).toEqual([['sent', 1], ['sent', 1]]);
    });
  });

  it('delivers after a restart what could not be delivered before it', async () => {
    const db = await openTestDatabase();
    const downSlack = await new FakeSlack().start();
    const h1 = await startHarness({ db, slack: downSlack });
    await downSlack.stop(); // Slack unreachable from here on
    const { ts } = await h1.customerMessage('Posted while Slack was away', { user: 'U0AWAY' });
    await h1.tugi.inbox.idle();
    await eventually(async () => expect(await db.connection.collection('outbox').countDocuments({ state: 'pending', attempts: { $gte: 1 } })).toBe(2));
    await h1.tugi.stop();

    const upSlack = await new FakeSlack().start();
    const h2 = await harness({ db, slack: upSlack });
    await eventually(() => {
      expect(h2.slack.posts(ids.acme).filter((p) => p.args.thread_ts === ts)).toHaveLength(1);
      expect(h2.slack.posts(ids.triage)).toHaveLength(1);
    }, 15_000);
  });

  it('finishes an event accepted just before a crash (a pending inbox record) through the recovery sweep', async () => {
    const h = await harness();
    const ts = nextTs();
    await h.tugi.models.inbox.create({
      _id: `${ids.team}:EvCrashed`,
      workspace: ids.team,
      kind: 'slack.message.captured',
      payload: JSON.stringify({ workspace: ids.team, channel: ids.acme, ts, user: 'U0CRASH', text: 'Accepted, then the process died' }),
      state: 'pending',
      receivedAt: new Date(Date.now() - 60_000),
    });
    // The scheduled sweep may get there first; either way the record is handled exactly once.
    await h.tugi.inbox.recover();
    await eventually(async () => {
      expect(await h.tugi.models.inbox.findById(`${ids.team}:EvCrashed`).lean()).toMatchObject({ state: 'done', attempts: 1 });
    });
    await h.settle();
    expect(await h.tugi.models.cases.countDocuments({ sourceKey: `${ids.acme}:${ts}` })).toBe(1);
  });
});

describe('the database going away', () => {
  it('answers Slack with an error while the database is down, so Slack retries, and loses nothing', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tugi-outage-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    let server = await startLocalDatabase({ dataDir, port });
    cleanups.push(() => server.stop());
    const connection = await connectDatabase(server.uri, 'outage');
    cleanups.push(() => connection.close());
    const h = await harness({
      db: { uri: server.uri, dbName: 'outage', connection, connectAgain: () => connectDatabase(server.uri, 'outage'), drop: async () => {} },
    });
    expect((await fetch(`${h.baseUrl}/readyz`)).status).toBe(200);

    await server.stop();
    const ts = nextTs();
    const body = JSON.stringify(eventEnvelope({ type: 'message', channel: ids.acme, user: 'U0OUTAGE', text: 'During the outage', ts }, 'EvOutage'));
    const during = await postToSlackEndpoint(h.baseUrl, body, 'application/json');
    expect(during.status).toBeGreaterThanOrEqual(500);
    expect((await fetch(`${h.baseUrl}/readyz`)).status).toBe(503);

    server = await startLocalDatabase({ dataDir, port });
    await retriedOnce(h, connection, body, ts);
  });
  it('answers an error in time when the database stops answering mid-write, and handles the event once when the write lands late', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tugi-stall-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const server = await startLocalDatabase({ dataDir });
    cleanups.push(() => server.stop());
    const connection = await connectDatabase(server.uri, 'stall');
    cleanups.push(() => connection.close());
    const h = await harness({ db: { uri: server.uri, dbName: 'stall', connection, connectAgain: () => connectDatabase(server.uri, 'stall'), drop: async () => {} } });
    await h.customerMessage('Before the stall', { user: 'U0BEFORE' });
    await h.settle();

    // The server is paused, not gone: the write waits on an open connection, with no error to come.
    process.kill(server.pid!, 'SIGSTOP');
    const ts = nextTs();
    const body = JSON.stringify(eventEnvelope({ type: 'message', channel: ids.acme, user: 'U0STALL', text: 'During the stall', ts }, 'EvStall'));
    let during: Awaited<ReturnType<typeof postToSlackEndpoint>>;
    const started = Date.now();
    try {
      during = await postToSlackEndpoint(h.baseUrl, body, 'application/json');
    } finally {
      process.kill(server.pid!, 'SIGCONT');
    }
    // Answered as database trouble before Slack's 3 s are up (Bolt itself would answer 404 at 3 s).
    expect(during.status).toBeGreaterThanOrEqual(500);
    expect(Date.now() - started).toBeLessThan(3_000);

    // The write lands once the server answers again; Slack's retry finds it, and the event is handled once.
    await retriedOnce(h, connection, body, ts);
  });
});

/** Slack retries the event until tugi takes it (200); then it is one case, acknowledged once in the customer's thread. */
async function retriedOnce(h: Harness, connection: Connection, body: string, ts: string): Promise<void> {
  await eventually(async () => {
    const r = await postToSlackEndpoint(h.baseUrl, body, 'application/json', { headers: { 'x-slack-retry-num': '1' } });
    expect(r.status).toBe(200);
  }, 20_000);
  const cases = () => connection.collection('cases').countDocuments({ sourceKey: `${ids.acme}:${ts}` });
  await eventually(async () => expect(await cases()).toBe(1));
  await h.settle();
  expect(await cases()).toBe(1);
  expect(h.slack.posts(ids.acme).filter((p) => p.args.thread_ts === ts)).toHaveLength(1);
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
