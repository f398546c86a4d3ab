import { Application } from '@microsoft/teams-ai';
import express, { type Express } from 'express';
import { createTeamsAdapter, teamsMode, type TeamsMode, type TeamsOptions } from './auth.js';
import { tenantOf, type Activity } from './activity.js';
import type { DeskFor, TeamsShared } from './deps.js';
import { registerTeamsHandlers } from './handlers.js';
import { TeamsPlatform } from './platform.js';
import { register as registerRoutes } from './routes/index.js';

export type { TeamsOptions } from './auth.js';

export interface TeamsAdapterHandle {
  mode: TeamsMode;
  platform: TeamsPlatform;
}

/** The Bot Framework endpoint, where Azure Bot Service (or the Agents Playground) posts activities. */
export const teamsEndpoint = '/api/messages';

/**
 * The teams-ai Application on the shared HTTP server at /api/messages. Without app credentials it
 * serves only when development mode allows unauthenticated activities; otherwise the endpoint
 * answers 503 and says how to configure it.
 */
export function createTeamsApp(options: TeamsOptions, http: Express, shared: TeamsShared): TeamsAdapterHandle {
  const { desks, ...rest } = shared;
  /** An activity belongs to the workspace that claims its tenant (ours or a customer's). */
  const deskFor: DeskFor = (activity) => {
    const desk = desks.forTenant(tenantOf(activity as Activity));
    return desk && { ...desk, ...rest };
  };
  const mode = teamsMode(options);
  const adapter = createTeamsAdapter(options);
  const application = new Application({
    adapter,
    botAppId: options.appId ?? '',
    // tugi parses mentions itself, answers nothing in-turn, and keeps no per-user state.
    removeRecipientMention: false,
    startTypingTimer: false,
    longRunningMessages: false,
  });
  // Rethrown, not logged here: an inbound failure becomes a 500 (the Bot Framework retries it), and
  // an outbound one reaches the outbox, which logs it and retries on its own terms.
  application.error(async (_context, error) => {
    throw error;
  });
  registerRoutes(application, deskFor, shared.logger);
  registerTeamsHandlers(shared.inbox, deskFor);

  if (mode === 'off') {
    shared.logger.info('Teams is off: set TEAMS_APP_ID and TEAMS_APP_PASSWORD (or TEAMS_ALLOW_UNAUTHENTICATED=true for local trials)');
    http.post(teamsEndpoint, (_req, res) => {
      res.status(503).json({ error: 'Teams is not configured on this tugi (TEAMS_APP_ID / TEAMS_APP_PASSWORD).' });
    });
  } else {
    if (mode === 'unauthenticated') {
      shared.logger.warn('TEAMS ACCEPTS UNAUTHENTICATED ACTIVITIES (TEAMS_ALLOW_UNAUTHENTICATED=true): for local development only, never in production');
    }
    http.post(teamsEndpoint, express.json({ limit: '1mb' }), async (req, res) => {
      await adapter.process(req, res, async (context) => {
        await application.run(context);
      });
    });
  }
  return { mode, platform: new TeamsPlatform(adapter, options.appId ?? '', shared.conversations) };
}
