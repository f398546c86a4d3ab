import type { Application } from '@microsoft/teams-ai';
import { ActivityTypes } from 'botbuilder';
import type { Logger } from '../../../src/logger.js';
import type { DeskFor } from '../deps.js';
import { teamsInboxKinds } from '../kinds.js';
import { accept } from './accept.js';
import { answerTeamCommand } from './command.js';
import { register as registerFileConsent } from './file-consent.js';

/**
 * Which activities tugi takes: installs and removals, messages, edits and deletions. Each is
 * stored, then handled — except a team member's command in their 1:1 chat, answered at once.
 */
export function register(app: Application, deskFor: DeskFor, logger: Logger): void {
  app.conversationUpdate('membersAdded', accept(deskFor, logger, teamsInboxKinds.installed));
  app.conversationUpdate('membersRemoved', accept(deskFor, logger, teamsInboxKinds.removed));
  const message = accept(deskFor, logger, teamsInboxKinds.message);
  app.activity(ActivityTypes.Message, async (context) => {
    const deps = deskFor(context.activity as Parameters<DeskFor>[0]);
    if (!deps || !(await answerTeamCommand(deps, context))) await message(context);
  });
  app.messageEventUpdate('editMessage', accept(deskFor, logger, teamsInboxKinds.edited));
  app.messageEventUpdate('softDeleteMessage', accept(deskFor, logger, teamsInboxKinds.deleted));
  registerFileConsent(app, deskFor);
}
