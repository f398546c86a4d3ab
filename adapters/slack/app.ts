import { readFileSync } from 'node:fs';
import { App, ExpressReceiver, SocketModeReceiver, type Installation } from '@slack/bolt';
import type { Express } from 'express';
import type { InstallationRepository } from '../../src/storage/installation.repository.js';
import { boltLogger } from './bolt-logger.js';
import { installationClients, singleTokenClients, type SlackClients } from './clients.js';
import type { SlackDeps, SlackShared } from './deps.js';
import { registerIntakeHandlers } from './intake/handlers.js';
import { register as registerActions } from './listeners/actions/index.js';
import { register as registerCommands } from './listeners/commands/index.js';
import { register as registerEvents } from './listeners/events/index.js';
import { register as registerLifecycle } from './listeners/lifecycle.js';
import { register as registerShortcuts } from './listeners/shortcuts/index.js';
import { register as registerViews } from './listeners/views/index.js';
import { register as registerSetup } from './setup/listeners.js';
import { installationStore, OrgInstallRefusedError } from './oauth/installation-store.js';
import { installFailedPage, installedPage, installPage } from './oauth/pages.js';
import { SlackPlatform } from './platform.js';
import { SlackRouter } from './router.js';
import { answerEveryRequest } from './answer-every-request.js';

/** OAuth ("Add to Slack"): each workspace installs tugi and is served with its own bot token. */
export interface SlackOAuthOptions {
  clientId: string;
  clientSecret: string;
  /** Signs the install state, so a callback only completes an install this tugi began. */
  stateSecret: string;
  installations: InstallationRepository;
}

export interface SlackOptions {
  /** One workspace, one bot token (SLACK_BOT_TOKEN); or `oauth` for many workspaces. */
  botToken?: string;
  oauth?: SlackOAuthOptions;
  signingSecret: string;
  /** Socket Mode (local use, no public URL) when set; HTTP at /slack/events otherwise. One token only. */
  appToken?: string;
  /** The Web API base URL; tests point it at a local fake. */
  apiUrl?: string;
}

export interface SlackAdapter {
  app: App;
  platform: SlackPlatform;
  clients: SlackClients;
  /** Verifies the bot token (auth.test); a clear error if Slack refuses it or cannot be reached. */
  init(): Promise<void>;
  /** Connects Socket Mode when configured (HTTP needs nothing more). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The bot scopes tugi asks for at install: the manifest's, which the manifest test keeps in step with the code. */
export const botScopes: string[] = (
  JSON.parse(readFileSync(new URL('../../manifests/slack/manifest.json', import.meta.url), 'utf8')) as { oauth_config: { scopes: { bot: string[] } } }
).oauth_config.scopes.bot;

export const installPath = '/slack/install';
export const redirectPath = '/slack/oauth_redirect';

export function createSlackApp(options: SlackOptions, http: Express, shared: SlackShared): SlackAdapter {
  const clientOptions = {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    // The outbox owns retries and honours Retry-After itself, durably; the client must not wait.
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
  };
  const logger = boltLogger(shared.logger);
  // Initialised explicitly in init(), so a bad token fails start-up with a message instead of
  // surfacing later as an unhandled rejection.
  const deferInitialization = true;
  // tugi keeps no conversation state in Bolt; its default store costs every request a lookup (and a thrown error).
  const convoStore = false as const;
  const receiver = () =>
    new ExpressReceiver({
      signingSecret: options.signingSecret,
      app: http,
      endpoints: '/slack/events',
      // Listeners finish (the durable write) before Slack gets its 200; an error gives a 500 and Slack retries.
      processBeforeResponse: true,
      logger,
      ...(options.oauth ? oauthReceiverOptions(options.oauth, clientOptions, shared) : {}),
    });
  const app = options.oauth
    ? new App({ receiver: receiver(), clientOptions, logger, deferInitialization, convoStore })
    : options.appToken
      ? new App({
          token: options.botToken,
          clientOptions,
          logger,
          deferInitialization,
          convoStore,
          // Its own Web API client (apps.connections.open) goes where the app's does.
          receiver: new SocketModeReceiver({ appToken: options.appToken, logger, installerOptions: { clientOptions } }),
        })
      : new App({ token: options.botToken, clientOptions, logger, deferInitialization, convoStore, receiver: receiver() });
  app.error(async (error) => {
    // A request from a workspace that has no installation (any more) is not retried by Slack's rules: answer and forget it.
    if (error.code === 'slack_bolt_authorization_error') {
      shared.logger.warn({ err: error }, 'slack request from a workspace tugi is not installed in; ignored');
      return;
    }
    shared.logger.error({ err: error }, 'slack request failed');
    throw error;
  });

  const clients = options.oauth ? installationClients(options.oauth.installations, clientOptions) : singleTokenClients(app.client);
  const deskOf = (workspace: string | undefined): SlackDeps | undefined => {
    const desk = shared.desks.for(workspace);
    return desk && { ...desk, inbox: shared.inbox, clock: shared.clock, logger: shared.logger };
  };
  const router = new SlackRouter(app, deskOf);
  const installations = options.oauth?.installations;
  const setup = registerSetup(router, { ...shared, installerOf: async (workspace) => (await installations?.fetch(workspace))?.facts.installerUserId });
  registerLifecycle(router, shared, installations);
  registerEvents(router);
  registerCommands(router, setup.command);
  registerShortcuts(router);
  registerActions(router);
  registerViews(router);
  registerIntakeHandlers(shared, deskOf, clients);
  answerEveryRequest(app, shared.logger, (kind) => shared.metrics.unhandledRequest(kind));

  return {
    app,
    platform: new SlackPlatform(clients),
    clients,
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

/** Bolt's own OAuth (the @slack/oauth InstallProvider), on tugi's pages and installation store. */
function oauthReceiverOptions(oauth: SlackOAuthOptions, clientOptions: { slackApiUrl?: string }, shared: SlackShared) {
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    scopes: botScopes,
    installationStore: installationStore(oauth.installations, shared.clock),
    installerOptions: {
      installPath,
      redirectUriPath: redirectPath,
      clientOptions,
      renderHtmlForInstallPath: installPage,
      callbackOptions: {
        success: (installation: Installation, _options: unknown, _req: unknown, res: import('node:http').ServerResponse) => {
          shared.logger.info({ workspace: installation.team?.id, installer: installation.user.id }, 'slack: tugi was installed');
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(installedPage(installation));
        },
        failure: (error: Error & { code?: string }, _options: unknown, _req: unknown, res: import('node:http').ServerResponse) => {
          const reason =
            error instanceof OrgInstallRefusedError
              ? error.message
              : `Slack did not complete the install (${error.code ?? 'error'}: ${error.message}). Start again from the install page; if it keeps failing, check the app's client id and secret.`;
          shared.logger.warn({ err: error }, 'slack: an install did not complete');
          res.writeHead(error instanceof OrgInstallRefusedError ? 400 : 500, { 'content-type': 'text/html; charset=utf-8' }).end(installFailedPage(reason));
        },
      },
    },
  };
}
