import { App, ExpressReceiver } from '@slack/bolt';
import type { Express } from 'express';
import { boltLogger } from './bolt-logger.js';
import type { SlackDeps } from './deps.js';
import { registerIntakeHandlers } from './intake/handlers.js';
import { register as registerActions } from './listeners/actions/index.js';
import { register as registerCommands } from './listeners/commands/index.js';
import { register as registerEvents } from './listeners/events/index.js';
import { register as registerShortcuts } from './listeners/shortcuts/index.js';
import { register as registerViews } from './listeners/views/index.js';
import { SlackPlatform } from './platform.js';

export interface SlackOptions {
  botToken: string;
  signingSecret: string;
  /** Socket Mode (local use, no public URL) when set; HTTP at /slack/events otherwise. */
  appToken?: string;
  /** The Web API base URL; tests point it at a local fake. */
  apiUrl?: string;
}

export interface SlackAdapter {
  app: App;
  platform: SlackPlatform;
  /** Verifies the bot token (auth.test); a clear error if Slack refuses it or cannot be reached. */
  init(): Promise<void>;
  /** Connects Socket Mode when configured (HTTP needs nothing more). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createSlackApp(options: SlackOptions, http: Express, deps: SlackDeps): SlackAdapter {
  const clientOptions = {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    // The outbox owns retries and honours Retry-After itself, durably; the client must not wait.
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
  };
  const logger = boltLogger(deps.logger);
  // Initialised explicitly in init(), so a bad token fails start-up with a message instead of
  // surfacing later as an unhandled rejection.
  const deferInitialization = true;
  const app = options.appToken
    ? new App({ token: options.botToken, appToken: options.appToken, socketMode: true, clientOptions, logger, deferInitialization })
    : new App({
        token: options.botToken,
        clientOptions,
        logger,
        deferInitialization,
        receiver: new ExpressReceiver({
          signingSecret: options.signingSecret,
          app: http,
          endpoints: '/slack/events',
          // Listeners finish (the durable write) before Slack gets its 200; an error gives a 500 and Slack retries.
          processBeforeResponse: true,
          logger,
        }),
      });
  app.error(async (error) => {
    deps.logger.error({ err: error }, 'slack request failed');
    throw error;
  });

  registerEvents(app, deps);
  registerCommands(app, deps);
  registerShortcuts(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  registerIntakeHandlers(deps, app.client);

  return {
    app,
    platform: new SlackPlatform(app.client),
    init: async () => {
      try {
        await app.init();
      } catch (error) {
        const reason = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
        throw new Error(`Slack did not accept the bot token (auth.test: ${reason}). Check SLACK_BOT_TOKEN and that Slack is reachable.`);
      }
    },
    start: async () => {
      if (options.appToken) await app.start();
    },
    stop: async () => {
      if (options.appToken) await app.stop();
    },
  };
}
