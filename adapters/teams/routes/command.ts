import type { Activity as BotActivity, TurnContext } from 'botbuilder';
import type { PersonConfig } from '../../../src/config/people.js';
import { commandUsage, parseCommand } from '../../../src/commands/index.js';
import { asCodedError } from '../../../src/errors.js';
import { noSummaryText, userMessage } from '../../../src/messages/index.js';
import { timedOut, within } from '../../../src/util/within.js';
import { activitySchema, conversationTypeOf, plainText } from '../activity.js';
import { toCaseSummary } from '../../../src/cases/index.js';
import { attentionText, caseAsIsText, knowledgeText, myCasesText } from '../cards/commands.js';
import { briefCard } from '../cards/specialists.js';
import { reportHeading } from '../../../src/reports/report-lines.js';
import { fileConsentMessage, reportCard } from '../cards/report.js';
import { cardMessage, renderTeamsView, textMessage } from '../cards/render.js';
import type { TeamsDeps } from '../deps.js';

/** The commands that make sense in a 1:1 chat; changes to cases are made on the cards or in Slack. */
const teamsCommands = ['help', 'mine', 'stale', 'kb', 'summary', 'report'];
/** A command is answered in its turn, which Teams waits on for about 15 s: a slower model's brief is not waited for. */
const briefDeadlineMs = 10_000;

type Message = Partial<BotActivity>;

/**
 * A team member's message in their 1:1 chat with tugi is a command, answered in the same turn —
 * Teams' counterpart of a slash command's private answer (only they see the chat); so is "Export
 * CSV" on a report card there. Returns false for anything else, which goes on to the inbox.
 */
export async function answerTeamCommand(deps: TeamsDeps, context: TurnContext): Promise<boolean> {
  const parsed = activitySchema.safeParse(context.activity);
  if (!parsed.success) return false;
  const activity = parsed.data;
  const person = deps.directory.teamsMember(activity.from.aadObjectId);
  const exportRequest = activity.value?.tugi === 'report.export' ? activity.value : undefined;
  if (!person || conversationTypeOf(activity) !== 'personal' || (activity.value && !exportRequest)) return false;
  let messages: Message[];
  try {
    messages = exportRequest ? await exportConsent(deps, person, exportRequest.period) : await answer(deps, person, plainText(activity).replace(/^\/?tugi\b\s*/i, ''));
  } catch (error) {
    if (!asCodedError(error)) deps.logger.error({ err: error }, 'teams command failed');
    messages = [textMessage(userMessage(error))];
  }
  await context.sendActivities(messages);
  return true;
}

const actorOf = (person: PersonConfig) => ({ platform: 'teams' as const, userId: person.teams!.aadObjectId });

/** Builds the export (a manager's only) to say its size, and asks where to save it. */
async function exportConsent(deps: TeamsDeps, person: PersonConfig, period: string): Promise<Message[]> {
  const csv = await deps.reportExport.csv({ actor: actorOf(person), period });
  return [fileConsentMessage(csv)];
}

/** Settings belong to the Slack workspace tugi serves: Teams points there. */
const setupInSlack =
  'tugi is set up from Slack: run `/tugi setup` there. Its **Microsoft Teams** section takes your tenant and the specialist channel, and each person’s form their Teams identity.';


async function answer(deps: TeamsDeps, person: PersonConfig, text: string): Promise<Message[]> {
  if (/^\s*setup\s*$/i.test(text)) return [textMessage(setupInSlack)];
  const command = parseCommand(text);
  const actor = actorOf(person);
  const workspace = deps.directory.workspace;
  switch (command.name) {
    case 'help':
      return [textMessage(['**tugi commands in Teams**', ...commandUsage.filter((line) => teamsCommands.some((name) => line.startsWith(`\`/tugi ${name}`))).map((line) => `- ${line.replace(/\/tugi /g, '')}`)].join('\n'))];
    case 'mine':
      return [textMessage(myCasesText(await deps.attention.mine({ workspace, actor })))];
    case 'stale': {
      const { rows, scope } = await deps.attention.list({ workspace, actor });
      return [textMessage(attentionText(rows, scope))];
    }
    case 'kb':
      return [textMessage(knowledgeText(command.words, await deps.knowledge.search(command.words)))];
    case 'summary': {
      const found = await deps.cases.getByKey(workspace, command.caseKey);
      const asIs = (why: string) => [textMessage(caseAsIsText(toCaseSummary(found, deps.directory), deps.knowledge.similarTo(found), why))];
      const unavailable = deps.assist.unavailableFor(found);
      if (unavailable) return asIs(noSummaryText(unavailable));
      const brief = await within(deps.assist.brief(found), briefDeadlineMs);
      if (brief === timedOut || !brief) return asIs(noSummaryText('no_answer'));
      return [cardMessage(briefCard({ kind: 'case.brief', caseKey: found.key, ...brief }), `${found.key} so far`)];
    }
    case 'report': {
      const report = await deps.reports.report({ actor, ...(command.period ? { period: command.period } : {}), ...(command.by ? { by: command.by } : {}) });
      const figures = cardMessage(reportCard(report, (id) => deps.directory.displayName(id)), reportHeading(report.period));
      // The chart follows as an inline image: Teams shows one sent as data in the chat itself.
      return report.chart ? [figures, renderTeamsView({ kind: 'report.chart', chart: report.chart, comment: null })] : [figures];
    }
    default:
      return [textMessage(`In Teams, tugi answers ${teamsCommands.join(', ')}. Change cases on their cards, or with /tugi in Slack.`)];
  }
}
