import type { CaseService, EscalationService, IntakeService } from '../../src/cases/index.js';
import type { BridgeService, SpecialistService } from '../../src/specialists/index.js';
import type { AttentionService } from '../../src/reminders/attention.service.js';
import type { ResolutionService } from '../../src/resolutions/index.js';
import type { KnowledgeService } from '../../src/knowledge/knowledge.service.js';
import type { ReportService } from '../../src/reports/report.service.js';
import type { ReportFiles } from '../../src/reports/report-files.js';
import type { Inbox } from '../../src/inbox/index.js';
import type { Logger } from '../../src/logger.js';
import type { Directory } from '../../src/people/index.js';
import type { Clock } from '../../src/ports/clock.js';

/** What Slack listeners need from the core; passed in, never built inside. */
export interface SlackDeps {
  directory: Directory;
  inbox: Inbox;
  intake: IntakeService;
  cases: CaseService;
  specialists: SpecialistService;
  escalation: EscalationService;
  bridge: BridgeService;
  attention: AttentionService;
  resolutions: ResolutionService;
  knowledge: KnowledgeService;
  reports: ReportService;
  reportFiles: ReportFiles;
  clock: Clock;
  logger: Logger;
}
