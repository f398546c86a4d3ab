import type { Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import type { Connection } from 'mongoose';
import { createSlackApp, type SlackOptions } from '../adapters/slack/app.js';
import { createTeamsApp, type TeamsOptions } from '../adapters/teams/app.js';
import { startSandbox, type SandboxedTugi, type SandboxSetup } from '../adapters/sandbox/sandbox.js';
import { CaseNotifications, CaseWriter, CaseRepository, CaseService, EscalationService, IntakeService } from './cases/index.js';
import { WorkloadRepository } from './people/workload.repository.js';
import { BridgeService, SpecialistService } from './specialists/index.js';
import { ConfigError, loadWorkspaceConfig, parseEnv, wantsSandbox, type Env, type WorkspaceConfig } from './config/index.js';
import { closeServer, createHttpApp, listen } from './http/server.js';
import { Inbox } from './inbox/index.js';
import { purgeOldRecords } from './jobs/housekeeping.js';
import { startScheduler } from './jobs/scheduler.js';
import { createLogger, type Logger } from './logger.js';
import { createMetrics } from './metrics.js';
import type { ChatPlatform } from './ports/chat-platform.js';
import { ChannelPacer, Outbox, OutboxDeliverer, OutboxRepository } from './outbox/index.js';
import { Directory } from './people/index.js';
import { systemClock, type Clock } from './ports/clock.js';
import { connectDatabase, isDatabaseReady } from './storage/connection.js';
import { startLocalDatabase } from './storage/local-database.js';
import { LeaseLock } from './storage/lease-lock.js';
import { ConversationRefs } from './storage/conversation-refs.js';
import { SlaSettings } from './sla/settings.js';
import { AttentionService } from './reminders/attention.service.js';
import { nagSettings } from './reminders/due-points.js';
import { DueQueue } from './reminders/due-queue.js';
import { DueScheduler } from './reminders/due-scheduler.js';
import { DueHandler } from './reminders/due-handler.js';
import { NagNotifications } from './reminders/nag.notifications.js';
import { ResolutionNotifications, ResolutionService } from './resolutions/index.js';
import { KnowledgeRepository } from './knowledge/knowledge.repository.js';
import { KnowledgeService } from './knowledge/knowledge.service.js';
import { ReportRecorder } from './reports/report-recorder.js';
import { ReportFolder } from './reports/report-folder.js';
import { ReportService } from './reports/report.service.js';
import { ReportExport } from './reports/report-export.js';
import { ReportFiles } from './reports/report-files.js';
import { WeeklyDigest } from './reports/weekly-digest.js';
import { createModels, ensureIndexes } from './storage/models/index.js';

export interface TugiOptions {
  config: WorkspaceConfig;
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
}

export type Tugi = Awaited<ReturnType<typeof startTugi>>;

/** The composition root: database → core services → adapters → scheduler → HTTP server. */
export async function startTugi(options: TugiOptions) {
  const { connection, logger } = options;
  const clock = options.clock ?? systemClock;
  const models = createModels(connection);
  await ensureIndexes(models);

  const { registry, metrics } = createMetrics();
  const directory = new Directory(options.config);
  const outboxRepository = new OutboxRepository(models);
  const lock = new LeaseLock(models.locks, clock);
  const platforms = new Map<string, ChatPlatform>();
  const pacer = new ChannelPacer(options.channelIntervalMs ?? 1_000);
  const deliverer = new OutboxDeliverer(outboxRepository, lock, platforms, pacer, clock, logger, metrics);
  const outbox = new Outbox(outboxRepository, directory.isInternalChannel, clock, () => void deliverer.kick());
  const inbox = new Inbox(models, lock, clock, logger, metrics);
  const caseRepository = new CaseRepository(models);
  const sla = new SlaSettings(options.config, clock.now());
  const nags = nagSettings(options.config.nags, options.config.resolution.closeAfter);
  const dueQueue = new DueQueue(models, logger);
  const due = new DueScheduler({ queue: dueQueue, directory, sla, nags, clock });
  const knowledge = new KnowledgeService({ repository: new KnowledgeRepository(models), outbox: outboxRepository, workspace: directory.workspace, clock });
  await knowledge.refresh();
  const caseNotifications = new CaseNotifications(directory, sla, (doc) => knowledge.similarTo(doc));
  // What cases contribute to the reports is logged as they change (a due queue of its own) and folded into day rollups.
  const teamZone = sla.calendarFor(null).timeZone;
  const reportLog = new DueQueue(models, logger);
  const reports = new ReportRecorder({ models, log: reportLog, sla, teamZone, clock });
  const reportFolder = new ReportFolder({ models, log: reportLog, lock, workspace: directory.workspace, logger });
  const reportService = new ReportService({ models, workspace: directory.workspace, teamZone, directory, clock, calendar: sla.calendarFor(null) });
  const reportExport = new ReportExport({ models, workspace: directory.workspace, teamZone, directory, clock });
  const reportFiles = new ReportFiles({ outbox, exporter: reportExport });
  const caseDeps = { repository: caseRepository, outbox, notifications: caseNotifications, directory, clock, lock, sla, due, reports };
  const writer = new CaseWriter(caseDeps);
  const resolutionNotifications = new ResolutionNotifications(directory);
  const cases = new CaseService({ ...caseDeps, writer, metrics, reopenPrompt: (doc, ts) => resolutionNotifications.reopenPrompt(doc, ts) });
  const resolutions = new ResolutionService({ repository: caseRepository, writer, directory, notifications: resolutionNotifications, knowledge, sla, clock });
  const intake = new IntakeService(cases, directory, clock, lock, caseRepository);
  const workloads = new WorkloadRepository(models, directory);
  const specialists = new SpecialistService({ writer, directory, workloads, clock });
  const escalation = new EscalationService({ writer, directory, workloads, clock });
  const bridge = new BridgeService({ repository: caseRepository, outboxRepository, outbox, writer, directory });
  const dueHandler = new DueHandler({
    repository: caseRepository,
    writer,
    scheduler: due,
    outbox,
    notifications: new NagNotifications(directory, sla, nags),
    cases,
    specialists,
    resolutions,
    nags,
    clock,
  });
  const sweepDue = () => dueQueue.sweep(directory.workspace, clock.now(), (slot) => dueHandler.handle(slot));
  const attention = new AttentionService({ repository: caseRepository, directory, sla, nags, clock });

  const http = createHttpApp({ isReady: () => isDatabaseReady(connection), metrics: registry });
  const slack = createSlackApp(options.slack, http, { directory, inbox, intake, cases, specialists, escalation, bridge, attention, resolutions, knowledge, reports: reportService, reportFiles, clock, logger });
  platforms.set('slack', slack.platform);
  const conversations = new ConversationRefs(models);
  const teams = createTeamsApp(options.teams ?? {}, http, { directory, inbox, intake, cases, bridge, resolutions, attention, knowledge, reports: reportService, reportExport, outbox, conversations, clock, logger });
  platforms.set('teams', teams.platform);
  await slack.init();

  const digest = new WeeklyDigest({ config: options.config, reports: reportService, files: reportFiles, outbox, teamZone, clock, people: (id) => directory.displayName(id) });
  const scheduler = await startScheduler({
    connection,
    logger,
    processEvery: options.processEvery,
    jobs: [
      { name: 'outbox.sweep', every: '10 seconds', run: () => deliverer.kick() },
      // The crash backstop: it scans the inbox (a full scan on FerretDB), so once a minute is enough.
      { name: 'inbox.recover', every: '1 minute', run: () => inbox.recover() },
      // Due points are filed by minute; sweeping a few times a minute keeps nags within seconds of due.
      ...(options.sweepEvery === false ? [] : [{ name: 'due.sweep', every: options.sweepEvery ?? '20 seconds', run: sweepDue }]),
      { name: 'reports.fold', every: '30 seconds', run: () => reportFolder.fold(clock.now()) },
      { name: 'reports.digest', every: '10 minutes', run: () => digest.run() },
      { name: 'housekeeping.purge', every: '1 day', run: () => purgeOldRecords({ inbox, outbox: outboxRepository, lock, dueQueue, clock }) },
    ],
  });
  // Every replica keeps its own search index: other replicas' resolutions arrive by this refresh
  // (not an Agenda job, which would run on one replica only).
  const knowledgeRefresh = setInterval(() => void knowledge.refresh().catch((err: unknown) => logger.warn({ err }, 'knowledge refresh failed')), 30_000);
  knowledgeRefresh.unref();
  const server: Server = await listen(http, options.port, options.host);
  await slack.start();
  // Messages left undelivered by a previous run go out now, not at the first sweep.
  void deliverer.kick();

  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  logger.info({ port, socketMode: Boolean(options.slack.appToken) }, 'tugi is listening');

  return {
    port,
    server,
    /** The HTTP app itself (the sandbox serves it behind its own page). */
    http,
    models,
    inbox,
    outbox,
    deliverer,
    cases,
    intake,
    specialists,
    escalation,
    conversations,
    knowledge,
    reports: reportService,
    /** One fold of the report log into the day rollups, as the scheduled job runs it. */
    foldReports: () => reportFolder.fold(clock.now()),
    /** The weekly digest check, as the scheduled job runs it. */
    postDigest: () => digest.run(),
    /** One sweep of the due points, as the scheduled job runs it. */
    sweepDue,
    /** Graceful stop: no new requests, finish accepted events, deliver what is due, stop jobs. */
    async stop(): Promise<void> {
      clearInterval(knowledgeRefresh);
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
  const config = await startupCheck(() => loadWorkspaceConfig(env.TUGI_CONFIG));
  const database = await openDatabase(env, env.TUGI_DATA_DIR, logger);
  const connection = await database.connect('tugi');
  const tugi = await startTugi({
    config,
    connection,
    logger,
    port: env.PORT,
    slack: { botToken: env.SLACK_BOT_TOKEN!, signingSecret: env.SLACK_SIGNING_SECRET!, appToken: env.SLACK_APP_TOKEN, apiUrl: env.SLACK_API_URL },
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
    boot: sandboxedTugi(() => database.connect('tugi_sandbox'), logger),
  });
  console.log(`tugi sandbox: open ${sandbox.url}`);
  stopOnSignal(logger, async () => {
    await sandbox.stop();
    await database.stop();
  });
}

/** How the sandbox starts tugi (again after a reset): on a fresh connection, loopback only — people reach it through the sandbox's port. */
export function sandboxedTugi(connect: () => Promise<Connection>, logger: Logger) {
  return async (setup: SandboxSetup): Promise<SandboxedTugi> => {
    const connection = await connect();
    // The fakes do not rate-limit, so no pacing.
    const tugi = await startTugi({ ...setup, connection, logger, port: 0, host: '127.0.0.1', channelIntervalMs: 0 });
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

/** MONGODB_URI when set, else the local database in `dataDir` (built on first use). */
async function openDatabase(env: Env, dataDir: string, logger: Logger) {
  const local = env.MONGODB_URI ? undefined : await startLocalDatabase({ dataDir, progress: (line) => logger.info(line) });
  if (local) logger.info({ dataDir }, 'using the local database (MONGODB_URI is not set)');
  return {
    connect: (name: string) => connectDatabase(env.MONGODB_URI ?? local!.uri, local ? name : undefined),
    stop: async () => void (await local?.stop()),
  };
}

/** Runs a configuration step; a configuration problem ends the process with its message. */
async function startupCheck<T>(step: () => T | Promise<T>): Promise<T> {
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
