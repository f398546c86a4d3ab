import type { CaseService, IntakeService } from '../../src/cases/index.js';
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
  clock: Clock;
  logger: Logger;
}
