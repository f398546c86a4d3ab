import type { TurnContext } from 'botbuilder';
import type { PersonConfig } from '../../../src/config/people.js';
import { commandUsage, parseCommand } from '../../../src/commands/index.js';
import { asCodedError } from '../../../src/errors.js';
import { userMessage } from '../../../src/messages/index.js';
import { activitySchema, conversationTypeOf, plainText } from '../activity.js';
import { attentionText, knowledgeText, myCasesText, reportText } from '../cards/commands.js';
import type { TeamsDeps } from '../deps.js';
import { tenantAllowed } from './accept.js';

/** The commands that make sense in a 1:1 chat; changes to cases are made on the cards or in Slack. */
const teamsCommands = ['help', 'mine', 'stale', 'kb', 'report'];

/**
 * A team member's message in their 1:1 chat with tugi is a command, answered in the same turn —
 * Teams' counterpart of a slash command's private answer (only they see the chat). Returns false
 * for anything else, which goes on to the inbox.
 */
export async function answerTeamCommand(deps: TeamsDeps, context: TurnContext): Promise<boolean> {
  const parsed = activitySchema.safeParse(context.activity);
  if (!parsed.success) return false;
  const activity = parsed.data;
  const person = deps.directory.teamsMember(activity.from.aadObjectId);
  if (!person || conversationTypeOf(activity) !== 'personal' || activity.value || !tenantAllowed(deps, activity)) return false;
  let text: string;
  try {
    text = await answer(deps, person, plainText(activity).replace(/^\/?tugi\b\s*/i, ''));
  } catch (error) {
    if (!asCodedError(error)) deps.logger.error({ err: error }, 'teams command failed');
    text = userMessage(error);
  }
  await context.sendActivity({ type: 'message', textFormat: 'markdown', text });
  return true;
}

async function answer(deps: TeamsDeps, person: PersonConfig, text: string): Promise<string> {
  const command = parseCommand(text);
  const actor = { platform: 'teams' as const, userId: person.teams!.aadObjectId };
  const workspace = deps.directory.workspace;
  switch (command.name) {
    case 'help':
      return ['**tugi commands in Teams**', ...commandUsage.filter((line) => teamsCommands.some((name) => line.startsWith(`\`/tugi ${name}`))).map((line) => `- ${line.replace(/\/tugi /g, '')}`)].join('\n');
    case 'mine':
      return myCasesText(await deps.attention.mine({ workspace, actor }));
    case 'stale': {
      const { rows, scope } = await deps.attention.list({ workspace, actor });
      return attentionText(rows, scope);
    }
    case 'kb':
      return knowledgeText(command.words, await deps.knowledge.search(command.words));
    case 'report': {
      const report = await deps.reports.report({ actor, ...(command.period ? { period: command.period } : {}), ...(command.by ? { by: command.by } : {}) });
      return reportText(report, (id) => deps.directory.displayName(id));
    }
    default:
      return `In Teams, tugi answers ${teamsCommands.join(', ')}. Change cases on their cards, or with /tugi in Slack.`;
  }
}
