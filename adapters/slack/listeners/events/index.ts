import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { register as registerMessage } from './message.js';
import { register as registerReactionAdded } from './reaction-added.js';

/** The Events API subscriptions; the manifest's bot_events must list exactly these. */
export const subscribedEvents = ['message.channels', 'message.groups', 'reaction_added'] as const;

export function register(app: App, deps: SlackDeps): void {
  registerMessage(app, deps);
  registerReactionAdded(app, deps);
}
