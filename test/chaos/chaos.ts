import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FakeBotConnector } from '../../adapters/sandbox/fake-bot-connector.js';
import { FakeSlack } from '../../adapters/sandbox/fake-slack.js';
import { teamsActivities } from '../../adapters/sandbox/teams-activities.js';
import { connectDatabase } from '../../src/storage/connection.js';
import { startLocalDatabase, type LocalDatabase } from '../../src/storage/local-database.js';
import { configYaml, ids } from '../fixtures/config.js';
import { eventEnvelope, nextTs, sign, signingSecret } from '../support/slack-requests.js';
import { teamsIds } from '../support/teams-activities.js';

export interface ChaosOptions {
  /** How long the load runs (the kills and the outage happen within it). */
  durationMs: number;
  replicas?: number;
  /** A random replica is killed with SIGKILL this often, and started again. */
  killEveryMs?: number;
  /** Customer messages per second across the run. */
  messagesPerSecond?: number;
  /** How long the work left at the end may take to finish (tugi posts about one message a second to a channel, as Slack allows). */
  settleMs?: number;
  log?: (line: string) => void;
}

export interface ChaosFigures {
  requests: number;
  answered5xx: number;
  kills: number;
  restarts: number;
  databaseOutageMs: number;
  customerMessages: number;
  teamsMessages: number;
  cases: number;
  lost: string[];
  doubled: string[];
  stuck: number;
  seconds: number;
}

/** A port nobody listens on yet, so a stopped database can come back where the replicas look for it. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * N tugi processes (`src/main.ts`, as `npm start` runs it) on one local database behind a
 * round-robin proxy, under a mixed load — customer messages, duplicated and retried deliveries,
 * 🎫 reactions, card clicks, Teams intake — while a random replica is killed with SIGKILL every
 * few seconds and started again, and the database is stopped once for a few seconds. The load
 * behaves as Slack does: anything but a 200 is delivered again, with X-Slack-Retry-Num. Then,
 * with every replica up and the work settled, the database and the fakes' records are checked:
 * every message in exactly one case, every case with one acknowledgement and one card, no
 * outbox message left undelivered.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosFigures> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const dir = await mkdtemp(join(tmpdir(), 'tugi-chaos-'));
  const dbPort = await freePort();
  let database: LocalDatabase | undefined = await startLocalDatabase({ dataDir: join(dir, 'db'), port: dbPort });
  const uri = `mongodb://127.0.0.1:${dbPort}/chaos`;
  const slack = await new FakeSlack().start();
  const connector = await new FakeBotConnector().start();
  const configPath = join(dir, 'tugi.config.yaml');
  await writeFile(configPath, configYaml);

  const figures: ChaosFigures = { requests: 0, answered5xx: 0, kills: 0, restarts: 0, databaseOutageMs: 0, customerMessages: 0, teamsMessages: 0, cases: 0, lost: [], doubled: [], stuck: 0, seconds: 0 };
  const replicas: Array<{ port: number; child: ChildProcess | undefined; ready: boolean }> = [];
  const start = async (slot: number) => {
    const port = replicas[slot]?.port ?? (await freePort());
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        MONGODB_URI: uri,
        SLACK_BOT_TOKEN: 'xoxb-chaos',
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_API_URL: slack.apiUrl,
        TEAMS_ALLOW_UNAUTHENTICATED: 'true',
        TUGI_CONFIG: configPath,
        PORT: String(port),
        LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? 'silent',
      },
      stdio: ['ignore', process.env.CHAOS_LOG_LEVEL ? 'inherit' : 'ignore', process.env.CHAOS_LOG_LEVEL ? 'inherit' : 'ignore'],
    });
    replicas[slot] = { port, child, ready: false };
    child.on('exit', () => {
      if (replicas[slot]?.child === child) replicas[slot] = { port, child: undefined, ready: false };
    });
    // Ready when its health check answers (the database may be away: then it keeps trying to start).
    for (let i = 0; i < 600 && replicas[slot]?.child === child; i += 1) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) {
        replicas[slot]!.ready = true;
        return;
      }
      await sleep(100);
    }
  };
  const count = options.replicas ?? 3;
  await Promise.all(Array.from({ length: count }, (_, slot) => start(slot)));
  log(`${count} replicas up`);

  // The load balancer: round robin over the replicas that answer; a refused connection tries the next.
  let turn = 0;
  const proxy: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const attempt = (tries: number) => {
        const live = replicas.filter((r) => r.ready);
        if (live.length === 0 || tries > count) return void res.writeHead(502).end();
        const target = live[(turn += 1) % live.length]!;
        const upstream = request({ host: '127.0.0.1', port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        upstream.on('error', () => (res.headersSent ? res.destroy() : attempt(tries + 1)));
        upstream.end(body);
      };
      attempt(0);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const front = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

  /** Delivers as Slack does: again (with the retry number) until it gets a 200. */
  const deliver = async (path: string, body: string, contentType: string, signed: boolean) => {
    const statuses: number[] = [];
    for (let retry = 0; retry < 200; retry += 1) {
      figures.requests += 1;
      const headers: Record<string, string> = { 'content-type': contentType, ...(signed ? sign(body) : {}), ...(retry > 0 ? { 'x-slack-retry-num': String(Math.min(retry, 3)), 'x-slack-retry-reason': 'http_error' } : {}) };
      const status = await fetch(`${front}${path}`, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) }).then((r) => r.status, () => 0);
      if (status >= 500) figures.answered5xx += 1;
      if (status === 200) return;
      statuses.push(status);
      await sleep(150 + Math.random() * 350);
    }
    throw new Error(`a request was never accepted (answers: ${[...new Set(statuses)].join(', ')}; 0 is no answer): ${body.slice(0, 200)}`);
  };
  const slackEvent = (event: Record<string, unknown>, eventId?: string) => deliver('/slack/events', JSON.stringify(eventEnvelope(event, eventId)), 'application/json', true);
  const teams = teamsActivities({ tenant: teamsIds.tenant, team: teamsIds.team, bot: teamsIds.bot });

  const messages: Array<{ channel: string; ts: string }> = [];
  const teamsChats: string[] = [];
  const load = async () => {
    // The load's own clock: starting the replicas (slow on a busy machine) takes none of its time.
    const until = Date.now() + options.durationMs;
    const every = 1_000 / (options.messagesPerSecond ?? 4);
    const inFlight: Promise<unknown>[] = [];
    for (let n = 0; Date.now() < until; n += 1) {
      const ts = nextTs();
      const channel = n % 3 === 0 ? ids.kalev : ids.acme;
      const user = `U0CHAOS${n}`;
      messages.push({ channel, ts });
      // What conversations.history answers when the 🎫 handler looks the message up.
      slack.messages.set(`${channel}:${ts}`, { user, text: `Chaos case ${n}: the printer is on fire` });
      const event = { type: 'message', channel, user, text: `Chaos case ${n}: the printer is on fire`, ts, channel_type: 'channel' };
      const eventId = `EvChaos${n}`;
      inFlight.push(slackEvent(event, eventId));
      // Slack delivering the same event twice, and the same message under a second event id.
      if (n % 4 === 0) inFlight.push(slackEvent(event, eventId));
      if (n % 5 === 0) inFlight.push(slackEvent(event, `EvChaosAgain${n}`));
      // A 🎫 on the message (one case, whichever trigger wins).
      if (n % 6 === 0) inFlight.push(slackEvent({ type: 'reaction_added', user: ids.agent, reaction: 'ticket', item: { type: 'message', channel, ts }, item_user: user }));
      // A customer in Teams (a 1:1 chat): one case and one acknowledgement there too.
      if (n % 7 === 0) {
        const chat = `a:1-chaos-${n}`;
        teamsChats.push(chat);
        const activity = teams.personalMessage({ serviceUrl: connector.serviceUrl, conversationId: chat, from: { ...teamsIds.customer, id: `29:chaos-${n}` }, text: `Teams chaos ${n}: VPN down` });
        inFlight.push(deliver('/api/messages', JSON.stringify(activity), 'application/json', false));
      }
      await sleep(every);
    }
    await Promise.all(inFlight);
  };

  // Kills and restarts, and one database outage in the middle of the run.
  let chaosOn = true;
  const killer = (async () => {
    while (chaosOn) {
      await sleep(options.killEveryMs ?? 4_000);
      if (!chaosOn) break;
      const alive = replicas.flatMap((r, slot) => (r.child ? [slot] : []));
      if (alive.length === 0) continue;
      const slot = alive[Math.floor(Math.random() * alive.length)]!;
      replicas[slot]!.child!.kill('SIGKILL');
      figures.kills += 1;
      log(`killed replica ${slot}`);
      await sleep(300);
      void start(slot).then(() => (figures.restarts += 1));
    }
  })();
  const outage = (async () => {
    await sleep(options.durationMs / 2);
    const stopped = Date.now();
    await database!.stop();
    database = undefined;
    log('database stopped');
    await sleep(3_000);
    database = await startLocalDatabase({ dataDir: join(dir, 'db'), port: dbPort });
    figures.databaseOutageMs = Date.now() - stopped;
    log('database back');
  })();

  try {
    await load();
    chaosOn = false;
    await Promise.all([killer, outage]);
    // Every replica up again (one that started while the database was away gave up), then time for the backstops.
    await Promise.all(replicas.map((r, slot) => (r.ready ? undefined : start(slot))));
    await settle(uri, options.settleMs ?? 120_000, log);
    Object.assign(figures, await check(uri, slack, connector, messages, teamsChats));
  } finally {
    chaosOn = false;
    for (const r of replicas) r.child?.kill('SIGKILL');
    proxy.close();
    await slack.stop();
    await connector.stop();
    await database?.stop();
    await rm(dir, { recursive: true, force: true });
  }
  figures.customerMessages = messages.length;
  figures.teamsMessages = teamsChats.length;
  figures.seconds = Math.round((Date.now() - started) / 1000);
  return figures;
}

/** Waits until nothing is left to do: no pending inbox record, case intent or outbox message. */
async function settle(uri: string, limitMs: number, log: (line: string) => void): Promise<void> {
  const connection = await connectDatabase(uri);
  try {
    const until = Date.now() + limitMs;
    for (let tick = 0; ; tick += 1) {
      const [inbox, intents, outbox] = await Promise.all([
        connection.collection('inbox').countDocuments({ state: 'pending' }),
        connection.collection('case_intents').countDocuments(),
        connection.collection('outbox').countDocuments({ state: 'pending' }),
      ]);
      if (inbox + intents + outbox === 0 || Date.now() > until) return;
      if (tick % 30 === 0) log(`settling: ${inbox} inbox records, ${intents} case changes, ${outbox} outbox messages to go`);
      await sleep(1_000);
    }
  } finally {
    await connection.close();
  }
}

/** Where an acknowledgement that did not arrive is: never stored, still pending, or given up. */
async function ackState(connection: Awaited<ReturnType<typeof connectDatabase>>, caseId: unknown): Promise<string> {
  if (!caseId) return 'no case';
  const ack = await connection.collection('outbox').findOne({ key: `case:${String(caseId)}:ack` });
  return ack ? `outbox: ${String(ack.state)}${ack.lastError ? `, ${String(ack.lastError)}` : ''}` : 'not in the outbox';
}

async function check(uri: string, slack: FakeSlack, connector: FakeBotConnector, messages: Array<{ channel: string; ts: string }>, teamsChats: string[]) {
  const connection = await connectDatabase(uri);
  try {
    const lost: string[] = [];
    const doubled: string[] = [];
    const cases = await connection.collection('cases').find({}).toArray();
    const bySource = new Map<string, number>();
    for (const c of cases) bySource.set(String(c.sourceKey), (bySource.get(String(c.sourceKey)) ?? 0) + 1);
    for (const { channel, ts } of messages) {
      const key = `${channel}:${ts}`;
      const n = bySource.get(key) ?? 0;
      if (n === 0) lost.push(`no case for message ${key}`);
      if (n > 1) doubled.push(`${n} cases for message ${key}`);
      const acks = slack.posts(channel).filter((p) => p.args.thread_ts === ts && String(p.args.text).includes('CS-')).length;
      if (acks === 0) lost.push(`no acknowledgement for ${key} (${await ackState(connection, cases.find((c) => c.sourceKey === key)?._id)})`);
      if (acks > 1) doubled.push(`${acks} acknowledgements for ${key}`);
    }
    const keys = new Map<string, number>();
    for (const c of cases) keys.set(String(c.key), (keys.get(String(c.key)) ?? 0) + 1);
    for (const [key, n] of keys) if (n > 1) doubled.push(`${n} cases numbered ${key}`);
    for (const c of cases) {
      const posts = slack.posts(ids.triage).filter((p) => !p.args.thread_ts && String(p.args.text).startsWith(`${String(c.key)}:`));
      if (c.source?.platform === 'slack' && posts.length === 0) lost.push(`no card for ${String(c.key)}`);
      if (posts.length > 1) doubled.push(`${posts.length} cards for ${String(c.key)} (posted ${posts.map((p) => `${new Date(p.at).toISOString()} as ${JSON.stringify((p.args.metadata as { event_payload?: unknown } | undefined)?.event_payload)}`).join(', ')})`);
    }
    for (const chat of teamsChats) {
      const inChat = cases.filter((c) => c.source?.channel === chat).length;
      if (inChat !== 1) (inChat === 0 ? lost : doubled).push(`${inChat} cases for Teams chat ${chat}`);
      const acks = connector.calls.filter((call) => call.conversationId === chat && JSON.stringify(call.body).includes('CS-')).length;
      if (acks === 0) lost.push(`no acknowledgement in Teams chat ${chat}`);
      if (acks > 1) doubled.push(`${acks} acknowledgements in Teams chat ${chat}`);
    }
    const stuck = await connection.collection('outbox').countDocuments({ state: { $ne: 'sent' } });
    return { cases: cases.length, lost, doubled, stuck };
  } finally {
    await connection.close();
  }
}
