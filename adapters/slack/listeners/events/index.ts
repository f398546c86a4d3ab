import type { SlackRouter } from '../../router.js';
import { register as registerMessage } from './message.js';
import { register as registerReactionAdded } from './reaction-added.js';

/** The Events API subscriptions; the manifest's bot_events must list exactly these. */
export const subscribedEvents = ['message.channels', 'message.groups', 'reaction_added', 'app_home_opened', 'app_uninstalled', 'tokens_revoked'] as const;

export function register(router: SlackRouter): void {
  registerMessage(router);
  registerReactionAdded(router);
}
