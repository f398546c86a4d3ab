import { z } from 'zod';
import type { InstallationRepository } from '../../../src/storage/installation.repository.js';
import type { SlackShared } from '../deps.js';
import type { SlackRouter } from '../router.js';

const uninstalledSchema = z.object({ team_id: z.string(), event: z.object({ type: z.literal('app_uninstalled') }) });
const revokedSchema = z.object({ team_id: z.string(), event: z.object({ type: z.literal('tokens_revoked'), tokens: z.object({ bot: z.array(z.string()).optional() }) }) });

/**
 * A workspace removed tugi (or revoked its bot token): its installation goes, so nothing is sent
 * there any more — the outbox drops what was waiting for it, with a log line, instead of retrying.
 * Its cases and settings stay; installing again picks them up. Slack skips authorisation for these
 * two events, since the token is already gone.
 */
export function register(router: SlackRouter, shared: SlackShared, installations: InstallationRepository | undefined): void {
  const remove = async (workspace: string, why: string) => {
    const removed = installations ? await installations.remove(workspace) : false;
    shared.logger.warn({ workspace, removed }, `slack: ${why}; nothing more is sent there${installations ? '' : ' (SLACK_BOT_TOKEN no longer works)'}`);
  };
  router.withoutDesk.event('app_uninstalled', async ({ body }) => {
    const parsed = uninstalledSchema.safeParse(body);
    if (parsed.success) await remove(parsed.data.team_id, 'tugi was uninstalled');
  });
  router.withoutDesk.event('tokens_revoked', async ({ body }) => {
    const parsed = revokedSchema.safeParse(body);
    if (parsed.success && (parsed.data.event.tokens.bot?.length ?? 0) > 0) await remove(parsed.data.team_id, 'the bot token was revoked');
  });
}
