import type { CaseService, IntakeService } from '../../src/cases/index.js';
import type { Inbox } from '../../src/inbox/index.js';
import type { Logger } from '../../src/logger.js';
import type { Directory } from '../../src/people/index.js';
import type { Clock } from '../../src/ports/clock.js';
import type { BridgeService } from '../../src/specialists/index.js';
import type { Outbox } from '../../src/outbox/index.js';
import type { ResolutionService } from '../../src/resolutions/index.js';
import type { AttentionService } from '../../src/reminders/attention.service.js';
import type { KnowledgeService } from '../../src/knowledge/knowledge.service.js';
import type { ReportService } from '../../src/reports/report.service.js';
import type { ReportExport } from '../../src/reports/report-export.js';
import type { ConversationRefs } from '../../src/storage/conversation-refs.js';

/** What the Teams routes need from the core; passed in, never built inside. */
export interface TeamsDeps {
  directory: Directory;
  inbox: Inbox;
  intake: IntakeService;
  cases: CaseService;
  bridge: BridgeService;
  resolutions: ResolutionService;
  attention: AttentionService;
  knowledge: KnowledgeService;
  reports: ReportService;
  reportExport: ReportExport;
  outbox: Outbox;
  conversations: ConversationRefs;
  clock: Clock;
  logger: Logger;
}
