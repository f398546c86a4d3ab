import type { Application } from '@microsoft/teams-ai';
import { ActivityTypes } from 'botbuilder';
import type { TeamsDeps } from '../deps.js';
import { teamsInboxKinds } from '../kinds.js';
import { accept } from './accept.js';
import { answerTeamCommand } from './command.js';
import { register as registerFileConsent } from './file-consent.js';

/**
 * Which activities tugi takes: installs and removals, messages, edits and deletions. Each is
 * stored, then handled — except a team member's command in their 1:1 chat, answered at once.
 */
export function register(app: Application, deps: TeamsDeps): void {
  app.conversationUpdate('membersAdded', accept(deps, teamsInboxKinds.installed));
  app.conversationUpdate('membersRemoved', accept(deps, teamsInboxKinds.removed));
  const message = accept(deps, teamsInboxKinds.message);
  app.activity(ActivityTypes.Message, async (context) => {
    if (!(await answerTeamCommand(deps, context))) await message(context);
  });
  app.messageEventUpdate('editMessage', accept(deps, teamsInboxKinds.edited));
  app.messageEventUpdate('softDeleteMessage', accept(deps, teamsInboxKinds.deleted));
  registerFileConsent(app, deps);
}
