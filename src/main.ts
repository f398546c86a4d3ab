import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import type { Connection } from 'mongoose';
import { createSlackApp, type SlackOptions } from '../adapters/slack/app.js';
import { createTeamsApp, type TeamsOptions } from '../adapters/teams/app.js';
import { startSandbox, type SandboxedTugi, type SandboxSetup } from '../adapters/sandbox/sandbox.js';
import { ConfigError, loadSettingsFile, parseEnv, wantsSandbox, type Env, type Settings } from './config/index.js';
import { closeServer, createHttpApp, listen } from './http/server.js';
import { Inbox } from './inbox/index.js';
import { purgeOldRecords } from './jobs/housekeeping.js';
import { startScheduler } from './jobs/scheduler.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics } from './metrics.js';
import type { ChatPlatform } from './ports/chat-platform.js';
import { ChannelPacer, OutboxDeliverer, OutboxRepository } from './outbox/index.js';
import { systemClock, type Clock } from './ports/clock.js';
import { isDatabaseReady } from './storage/connection.js';
import { openDatabase } from './storage/open-database.js';
import { LeaseLock } from './storage/lease-lock.js';
import { ConversationRefs } from './storage/conversation-refs.js';
import { DueQueue } from './reminders/due-queue.js';
import { createModels, ensureIndexes } from './storage/models/index.js';
import { InstallationRepository } from './storage/installation.repository.js';
import { parseKey, Sealer } from './storage/sealer.js';
import { Desks } from './desk/desks.js';
import { CaseNumbers } from './cases/case-numbers.js';
import { CaseEffects } from './cases/case-effects.js';
import { SettingsRepository } from './settings/settings.repository.js';
import { importSettings } from './settings/seed.js';
import { SetupService } from './settings/setup.service.js';
import { Foreground } from './util/foreground.js';
import { Assistant, type AssistProvider } from './assist/assistant.js';

export interface TugiOptions {
  /**
   * A workspace's settings to start with (the YAML file, or a test's): imported into the database
   * when they differ from what was imported last, so edits made in chat survive a restart that
   * brings the same file. Without it, every workspace's settings come from the database.
   */
  settings?: Settings & { hash?: string; origin: string };
  connection: Connection;
  slack: SlackOptions;
  /** Bot Framework credentials; without them Teams is off unless development mode allows it. */
  teams?: TeamsOptions;
  port: number;
  /** The interface to listen on; all of them when unset. */
  host?: string;
  logger: Logger;
  clock?: Clock;
  /** Minimum gap between two messages to one channel (Slack allows about one per second). */
  channelIntervalMs?: number;
  /** How often Agenda looks for due sweeps. */
  processEvery?: string | number;
  /** How often due points (SLA notices, nags) are swept; false leaves sweeping to the caller (benchmarks). */
  sweepEvery?: string | false;
  /** How often a replica looks for settings changed on another one. */
  settingsEveryMs?: number;
  /** The model provider for drafts (TUGI_AI_*); without it every feature works as it does with none. */
  assist?: AssistProvider;
}

export type Tugi = Awaited<ReturnType<typeof startTugi>>;

/** The composition root: database → shared parts → one desk a workspace → adapters → scheduler → HTTP server. */
export async function startTugi(options: TugiOptions) {
  const { connection, logger } = options;
  const clock = options.clock ?? systemClock;
  const models = createModels(connection);
  await ensureIndexes(models);

  const { registry, metrics } = createMetrics();
  const outboxRepository = new OutboxRepository(models);
  const lock = new LeaseLock(models.locks, clock);
  const platforms = new Map<string, ChatPlatform>();
  const pacer = new ChannelPacer(options.channelIntervalMs ?? 1_000);
  // Requests being answered come first; background handling and deliveries give way to them.
  const foreground = new Foreground();
  const deliverer = new OutboxDeliverer(outboxRepository, lock, platforms, pacer, clock, logger, metrics, foreground);
  const inbox = new Inbox(models, lock, clock, logger, metrics, foreground);
  const settings = new SettingsRepository(models);
  const shared = {
    models,
    outboxRepository,
    lock,
    dueQueue: new DueQueue(models, logger),
    reportLog: new DueQueue(models, logger),
    caseNumbers: new CaseNumbers(models),
    caseEffects: new CaseEffects({ models, outbox: outboxRepository, lock, clock, logger, kickDelivery: () => void deliverer.kick() }),
    clock,
    logger,
    metrics,
    kickDelivery: () => void deliverer.kick(),
    assistant: new Assistant(options.assist, logger, metrics),
  };
  const installations = options.slack.oauth?.installations;
  const desks = new Desks(settings, shared, async (workspace) => !installations || (await installations.fetch(workspace)) !== undefined);
  if (options.settings) await importSettings(settings, options.settings, options.settings.origin, clock);
  await desks.refresh();

  const http = createHttpApp({ isReady: () => isDatabaseReady(connection), metrics: registry, foreground });
  const setup = new SetupService({ settings, desks, clock });
  const slack = createSlackApp(options.slack, http, { desks, settings, setup, inbox, clock, logger, metrics });
  platforms.set('slack', slack.platform);
  const conversations = new ConversationRefs(models);
  const teams = createTeamsApp(options.teams ?? {}, http, { desks, inbox, conversations, clock, logger });
  platforms.set('teams', teams.platform);
  await slack.init();

  const scheduler = await startScheduler({
    connection,
    lock,
    logger,
    processEvery: options.processEvery,
    jobs: [
      { name: 'outbox.sweep', every: '10 seconds', run: () => deliverer.kick() },
      // The crash backstop: it scans the inbox (a full scan on FerretDB), so once a minute is enough.
      { name: 'inbox.recover', every: '1 minute', run: () => inbox.recover() },
      // Case changes a stopped process left between their write and their effects (a small collection: only changes in flight).
      { name: 'cases.recover', every: '1 minute', run: () => shared.caseEffects.recover() },
      // Due points are filed by minute; sweeping a few times a minute keeps nags within seconds of due.
      ...(options.sweepEvery === false ? [] : [{ name: 'due.sweep', every: options.sweepEvery ?? '20 seconds', run: () => desks.each('due.sweep', (desk) => desk.sweepDue()) }]),
      { name: 'reports.fold', every: '30 seconds', run: () => desks.each('reports.fold', (desk) => desk.foldReports()) },
      { name: 'reports.digest', every: '10 minutes', run: () => desks.each('reports.digest', (desk) => desk.postDigest()) },
      { name: 'housekeeping.purge', every: '1 day', run: () => purgeOldRecords({ inbox, outbox: outboxRepository, lock, dueQueue: shared.dueQueue, clock }) },
    ],
  });
  // Every replica keeps its own desks (settings) and search indexes, so these run on each (not as
  // Agenda jobs, which run on one replica only): another replica's settings save or resolution arrives here.
  const every = (ms: number, what: string, run: () => Promise<unknown>) => {
    const timer = setInterval(() => void run().catch((err: unknown) => logger.warn({ err }, `${what} failed`)), ms);
    timer.unref();
    return timer;
  };
  const timers = [
    every(options.settingsEveryMs ?? 2_000, 'settings refresh', () => desks.refresh()),
    every(30_000, 'knowledge refresh', () => desks.each('knowledge.refresh', (desk) => desk.knowledge.refresh())),
  ];
  const server: Server = await listen(http, options.port, options.host);
  await slack.start();
  // Messages left undelivered by a previous run go out now, not at the first sweep.
  void deliverer.kick();

  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  logger.info({ port, socketMode: Boolean(options.slack.appToken), oauth: Boolean(options.slack.oauth), workspaces: desks.all().length }, 'tugi is listening');

  return {
    port,
    server,
    /** The HTTP app itself (the sandbox serves it behind its own page). */
    http,
    models,
    inbox,
    deliverer,
    desks,
    settings,
    conversations,
    /** One fold of every workspace's report log into its day rollups, as the scheduled job runs it; false if another fold held a lock. */
    foldReports: async () => (await Promise.all(desks.all().map((d) => d.foldReports()))).every(Boolean),
    /** The weekly digest check, as the scheduled job runs it; true if a digest was posted. */
    postDigest: async () => (await Promise.all(desks.all().map((d) => d.postDigest()))).some(Boolean),
    /** The crash backstop for case changes, as the scheduled job runs it. */
    recoverCaseChanges: () => shared.caseEffects.recover(),
    /** One sweep of every workspace's due points, as the scheduled job runs it. */
    sweepDue: async () => void (await Promise.all(desks.all().map((d) => d.sweepDue()))),
    /** Graceful stop: no new requests, finish accepted events, deliver what is due, stop jobs. */
    async stop(): Promise<void> {
      for (const timer of timers) clearInterval(timer);
      await closeServer(server);
      await slack.stop();
      await inbox.idle();
      await deliverer.kick();
      await deliverer.stop();
      await scheduler.drain({ timeout: 10_000, closeConnection: false });
    },
  };
}

/** `npm start`: configuration from the environment, the local database when MONGODB_URI is unset. */
async function runFromEnvironment(): Promise<void> {
  const env = await startupCheck(() => parseEnv(process.env));
  const logger = createLogger(env.LOG_LEVEL);
  if (wantsSandbox(env)) return runSandbox(env, logger);
  const settingsFile = env.TUGI_CONFIG ?? (existsSync(defaultSettingsFile) ? defaultSettingsFile : undefined);
  const settings = settingsFile ? { ...(await startupCheck(() => loadSettingsFile(settingsFile))), origin: settingsFile } : undefined;
  const database = await openDatabase(env, env.TUGI_DATA_DIR, logger, { share: true });
  const connection = await database.connect('tugi');
  const tugi = await startTugi({
    ...(settings ? { settings } : {}),
    connection,
    logger,
    port: env.PORT,
    slack: await slackOptions(env, connection, logger),
    ...assistFromEnv(env),
    teams: {
      appId: env.TEAMS_APP_ID,
      appPassword: env.TEAMS_APP_PASSWORD,
      tenantId: env.TEAMS_APP_TENANT_ID,
      allowUnauthenticated: env.TEAMS_ALLOW_UNAUTHENTICATED,
      openIdMetadataUrl: env.TEAMS_OPENID_METADATA_URL,
    },
  });
  stopOnSignal(logger, async () => {
    await tugi.stop();
    await connection.close();
    await database.stop();
  });
}

/** The model provider named by TUGI_AI_* (parseEnv checks that base URL and model come together). */
const assistFromEnv = (env: Env): { assist?: AssistProvider } =>
  env.TUGI_AI_BASE_URL && env.TUGI_AI_MODEL ? { assist: { baseUrl: env.TUGI_AI_BASE_URL, apiKey: env.TUGI_AI_API_KEY, model: env.TUGI_AI_MODEL } } : {};

/** The settings file imported at start when TUGI_CONFIG names none and it exists. */
const defaultSettingsFile = 'tugi.config.yaml';

/** One bot token, or OAuth with installations sealed under TUGI_ENCRYPTION_KEY (re-sealed at start after a key rotation). */
async function slackOptions(env: Env, connection: Connection, logger: Logger): Promise<SlackOptions> {
  const common = { signingSecret: env.SLACK_SIGNING_SECRET!, appToken: env.SLACK_APP_TOKEN, apiUrl: env.SLACK_API_URL };
  if (!env.SLACK_CLIENT_ID) return { ...common, botToken: env.SLACK_BOT_TOKEN! };
  const key = parseKey(env.TUGI_ENCRYPTION_KEY!)!;
  const previous = env.TUGI_ENCRYPTION_KEY_PREVIOUS ? [parseKey(env.TUGI_ENCRYPTION_KEY_PREVIOUS)!] : [];
  const installations = new InstallationRepository(createModels(connection), new Sealer(key, previous));
  // Only a rotation leaves installations sealed with another key: no reason to read them all otherwise.
  const resealed = previous.length > 0 ? await installations.reseal() : 0;
  if (resealed > 0) logger.info({ resealed }, 'installations sealed again with the new TUGI_ENCRYPTION_KEY; TUGI_ENCRYPTION_KEY_PREVIOUS may be removed');
  return { ...common, oauth: { clientId: env.SLACK_CLIENT_ID, clientSecret: env.SLACK_CLIENT_SECRET!, stateSecret: stateSecretFrom(key), installations } };
}

/**
 * `npm start` without Slack credentials (or with TUGI_SANDBOX): tugi on the demo config, behind a
 * local page that plays Slack and Teams. Its data is its own: another folder for the local
 * database, another database name on MONGODB_URI.
 */
async function runSandbox(env: Env, logger: Logger): Promise<void> {
  const database = await openDatabase(env, `${env.TUGI_DATA_DIR}-sandbox`, logger);
  const sandbox = await startSandbox({
    port: env.PORT,
    host: env.TUGI_SANDBOX_HOST,
    logger,
    boot: sandboxedTugi(() => database.connect('tugi_sandbox'), logger, assistFromEnv(env)),
  });
  console.log(`tugi sandbox: open ${sandbox.url}`);
  stopOnSignal(logger, async () => {
    await sandbox.stop();
    await database.stop();
  });
}

/** How the sandbox starts tugi (again after a reset): on a fresh connection, loopback only — people reach it through the sandbox's port. */
export function sandboxedTugi(connect: () => Promise<Connection>, logger: Logger, assist: { assist?: AssistProvider } = {}) {
  return async (setup: SandboxSetup): Promise<SandboxedTugi> => {
    const connection = await connect();
    // The fakes do not rate-limit, so no pacing.
    const tugi = await startTugi({ ...setup, ...assist, settings: { ...setup.settings, origin: 'the sandbox' }, connection, logger, port: 0, host: '127.0.0.1', channelIntervalMs: 0 });
    return {
      http: tugi.http,
      sweepDue: tugi.sweepDue,
      async foldReports() {
        // The scheduled fold may hold the lock, folding up to an earlier time: wait for it, then fold up to now.
        for (let tries = 0; tries < 50 && !(await tugi.foldReports()); tries += 1) await new Promise((resolve) => setTimeout(resolve, 100));
      },
      async settle() {
        for (let i = 0; i < 3; i += 1) {
          await tugi.inbox.idle();
          await tugi.deliverer.kick();
        }
      },
      async stop({ wipe }) {
        await tugi.stop();
        if (wipe) await connection.dropDatabase();
        await connection.close();
      },
    };
  };
}

/** Runs a configuration step; a configuration problem ends the process with its message. */
export async function startupCheck<T>(step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`tugi cannot start.\n${error.message}\nSee README.md, "Configuration".`);
    process.exit(1);
  }
}

function stopOnSignal(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runFromEnvironment().catch((error: unknown) => {
    console.error(`tugi failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

/** The OAuth state is signed with a key of its own, derived from the encryption key: one secret fewer to configure. */
function stateSecretFrom(key: Buffer): string {
  return createHmac('sha256', key).update('tugi slack oauth state').digest('base64');
}
