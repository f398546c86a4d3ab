import type { Desk } from '../../src/desk/desk.js';
import type { Desks } from '../../src/desk/desks.js';
import type { Inbox } from '../../src/inbox/index.js';
import type { Logger } from '../../src/logger.js';
import type { Metrics } from '../../src/metrics.js';
import type { Clock } from '../../src/ports/clock.js';
import type { SettingsRepository } from '../../src/settings/settings.repository.js';
import type { SetupService } from '../../src/settings/setup.service.js';

/** What the Slack adapter shares across workspaces; passed in, never built inside. */
export interface SlackShared {
  desks: Desks;
  settings: SettingsRepository;
  setup: SetupService;
  inbox: Inbox;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

/** What a Slack listener needs: the desk of the request's workspace, and the shared parts. */
export type SlackDeps = Desk & Pick<SlackShared, 'inbox' | 'clock' | 'logger'>;
