import type { Application } from '@microsoft/teams-ai';
import { ActivityTypes } from 'botbuilder';
import type { TeamsDeps } from '../deps.js';
import { teamsInboxKinds } from '../kinds.js';
import { accept } from './accept.js';

/** Which activities tugi takes: installs and removals, messages, edits and deletions. Each is stored, then handled. */
export function register(app: Application, deps: TeamsDeps): void {
  app.conversationUpdate('membersAdded', accept(deps, teamsInboxKinds.installed));
  app.conversationUpdate('membersRemoved', accept(deps, teamsInboxKinds.removed));
  app.activity(ActivityTypes.Message, accept(deps, teamsInboxKinds.message));
  app.messageEventUpdate('editMessage', accept(deps, teamsInboxKinds.edited));
  app.messageEventUpdate('softDeleteMessage', accept(deps, teamsInboxKinds.deleted));
}
