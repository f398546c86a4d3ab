import { CaseNotifications, CaseWriter, CaseRepository, CaseService, EscalationService, IntakeService } from '../cases/index.js';
import type { CaseNumbers } from '../cases/case-numbers.js';
import type { CaseEffects } from '../cases/case-effects.js';
import type { WorkspaceConfig } from '../config/index.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { Outbox, type OutboxRepository } from '../outbox/index.js';
import { Directory } from '../people/index.js';
import { WorkloadRepository } from '../people/workload.repository.js';
import type { Clock } from '../ports/clock.js';
import { KnowledgeRepository } from '../knowledge/knowledge.repository.js';
import { KnowledgeService } from '../knowledge/knowledge.service.js';
import { AttentionService } from '../reminders/attention.service.js';
import { nagSettings } from '../reminders/due-points.js';
import type { DueQueue } from '../reminders/due-queue.js';
import { DueHandler } from '../reminders/due-handler.js';
import { DueScheduler } from '../reminders/due-scheduler.js';
import { NagNotifications } from '../reminders/nag.notifications.js';
import { ReportExport } from '../reports/report-export.js';
import { ReportFiles } from '../reports/report-files.js';
import { ReportFolder } from '../reports/report-folder.js';
import { ReportRecorder } from '../reports/report-recorder.js';
import { ReportService } from '../reports/report.service.js';
import { WeeklyDigest } from '../reports/weekly-digest.js';
import { ResolutionNotifications, ResolutionService } from '../resolutions/index.js';
import { SlaSettings } from '../sla/settings.js';
import { BridgeService, SpecialistService } from '../specialists/index.js';
import type { LeaseLock } from '../storage/lease-lock.js';
import type { Assistant } from '../assist/assistant.js';
import { AssistFollowUps } from '../assist/assist-follow-ups.js';
import { CaseAssist } from '../assist/case-assist.js';
import { ReplyDrafts } from '../assist/reply-drafts.js';
import type { Models } from '../storage/models/index.js';

/** What every workspace's desk shares: one database, one outbox delivery loop, one inbox. */
export interface SharedParts {
  models: Models;
  outboxRepository: OutboxRepository;
  lock: LeaseLock;
  dueQueue: DueQueue;
  reportLog: DueQueue;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** Starts delivery of what was just enqueued. */
  kickDelivery: () => void;
  caseNumbers: CaseNumbers;
  caseEffects: CaseEffects;
  /** The model provider's drafts (off when none is configured). */
  assistant: Assistant;
}

export type Desk = ReturnType<typeof buildDesk>;

/**
 * One workspace's support desk: its settings and every service that reads them. Built again when
 * the settings change; its knowledge index (which only grows) is handed over from the previous one.
 */
export function buildDesk(config: WorkspaceConfig, shared: SharedParts, previous?: { knowledge: KnowledgeService }) {
  const { models, outboxRepository, lock, dueQueue, reportLog, clock, logger, metrics } = shared;
  const directory = new Directory(config);
  const workspace = directory.workspace;
  const outbox = new Outbox(outboxRepository, directory.isInternalChannel, clock, shared.kickDelivery);
  const caseRepository = new CaseRepository(models, shared.caseNumbers);
  const sla = new SlaSettings(config, clock.now());
  const nags = nagSettings(config.nags, config.resolution.closeAfter);
  const due = new DueScheduler({ queue: dueQueue, directory, sla, nags, clock });
  const knowledge = previous?.knowledge ?? new KnowledgeService({ repository: new KnowledgeRepository(models), outbox: outboxRepository, workspace, clock });
  const assist = new CaseAssist({ assistant: shared.assistant, repository: caseRepository, directory, knowledge });
  const caseNotifications = new CaseNotifications(directory, sla, (doc) => knowledge.similarTo(doc), (doc) => assist.offeredFor(doc) && ReplyDrafts.canReplyTo(doc));
  // What cases contribute to the reports is logged as they change (a due queue of its own) and folded into day rollups.
  const teamZone = sla.calendarFor(null).timeZone;
  const reports = new ReportRecorder({ models, log: reportLog, sla, teamZone, clock });
  const reportFolder = new ReportFolder({ models, log: reportLog, lock, workspace, logger });
  const reportService = new ReportService({ models, workspace, teamZone, directory, clock, calendar: sla.calendarFor(null) });
  const reportExport = new ReportExport({ models, workspace, teamZone, directory, clock });
  const reportFiles = new ReportFiles({ outbox, exporter: reportExport });
  const caseDeps = { repository: caseRepository, outbox, notifications: caseNotifications, directory, clock, lock, sla, due, reports, effects: shared.caseEffects };
  const writer = new CaseWriter(caseDeps);
  const resolutionNotifications = new ResolutionNotifications(directory);
  const cases = new CaseService({ ...caseDeps, writer, metrics, reopenPrompt: (doc, ts) => resolutionNotifications.reopenPrompt(doc, ts) });
  const resolutions = new ResolutionService({ repository: caseRepository, writer, directory, notifications: resolutionNotifications, knowledge, sla, clock });
  const followUps = new AssistFollowUps({ assist, cases, outbox, directory, logger });
  const intake = new IntakeService(cases, directory, clock, lock, caseRepository, (doc) => followUps.caseOpened(doc));
  const workloads = new WorkloadRepository(models, directory);
  const specialists = new SpecialistService({ writer, directory, workloads, clock, offersDrafts: (doc) => assist.offeredFor(doc), pulled: (doc) => followUps.specialistsPulled(doc) });
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
  const attention = new AttentionService({ repository: caseRepository, directory, sla, nags, clock });
  const digest = new WeeklyDigest({ config, reports: reportService, files: reportFiles, outbox, teamZone, clock, people: (id) => directory.displayName(id) });

  return {
    workspace,
    config,
    directory,
    outbox,
    cases,
    intake,
    specialists,
    escalation,
    bridge,
    attention,
    resolutions,
    assist,
    replyDrafts: new ReplyDrafts({ assist, repository: caseRepository, writer, outbox, directory, clock }),
    knowledge,
    reports: reportService,
    reportExport,
    reportFiles,
    /** One sweep of this workspace's due points (SLA notices, nags). */
    sweepDue: () => dueQueue.sweep(workspace, clock.now(), (slot) => dueHandler.handle(slot)),
    /** One fold of this workspace's report log into its day rollups. */
    foldReports: () => reportFolder.fold(clock.now()),
    postDigest: () => digest.run(),
  };
}
