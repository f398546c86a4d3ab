import type { Activity } from 'botbuilder';
import { acknowledgementText, answerNoteText, customerAutoResolvedText, customerReminderText, greetingText, joinedText, type View } from '../../../src/messages/index.js';
import { trendPng } from '../../../src/reports/chart/png.js';
import { escapeMarkdown, teamsBold } from './elements.js';
import { nagCard } from './nag.js';
import { reopenPromptCard, resolutionCard, resolvedCard, resolveFormCard } from './resolution.js';
import { bridgedMessage, briefCard, escalatedCard, fallbackCard, specialistRequestCard } from './specialists.js';

/** What tugi sends to Teams: a message activity (markdown text, or an Adaptive Card). */
export type TeamsMessage = Pick<Partial<Activity>, 'type' | 'text' | 'textFormat' | 'attachments' | 'summary'>;

export const adaptiveCardContentType = 'application/vnd.microsoft.card.adaptive';


export const textMessage = (text: string): TeamsMessage => ({ type: 'message', textFormat: 'markdown', text });

export function cardMessage(card: object, summary: string): TeamsMessage {
  return { type: 'message', summary, attachments: [{ contentType: adaptiveCardContentType, content: card }] };
}

/** Every view tugi may post in Teams. Pure: the same view gives the same activity. */
export function renderTeamsView(view: View): TeamsMessage {
  switch (view.kind) {
    case 'case.acknowledgement':
      return textMessage(teamsBold(acknowledgementText(view)));
    case 'case.joined':
      return textMessage(teamsBold(joinedText(view)));
    case 'specialists.request':
      return cardMessage(specialistRequestCard(view), `${view.caseKey}: ${view.title}`);
    case 'specialists.fallback':
      return cardMessage(fallbackCard(view), `${view.caseKey}: nobody available for ${view.tag}`);
    case 'case.escalated':
      return cardMessage(escalatedCard(view), `${view.caseKey} escalated`);
    case 'bridge.message':
      return bridgedMessage(view);
    case 'nag':
      return cardMessage(nagCard(view), `${view.caseKey}: ${view.text}`);
    case 'customer.reminder':
      return textMessage(teamsBold(customerReminderText(view)));
    case 'customer.auto-resolved':
      return textMessage(teamsBold(customerAutoResolvedText(view)));
    case 'app.greeting':
      return textMessage(greetingText(view));
    case 'case.notice':
      return { type: 'message', textFormat: 'plain', text: view.text };
    case 'case.reply':
      return textMessage(`${escapeMarkdown(view.text)}\n\n— ${escapeMarkdown(view.from)}`);
    case 'case.brief':
      return cardMessage(briefCard(view), `${view.caseKey} so far`);
    case 'case.resolve-form':
      return cardMessage(resolveFormCard(view), `Resolve ${view.caseKey}`);
    case 'case.resolution':
      return cardMessage(resolutionCard(view), `${view.caseKey} is resolved`);
    case 'case.resolved':
      return cardMessage(resolvedCard(view), `${view.caseKey} resolved`);
    case 'case.answer-note':
      return textMessage(teamsBold(answerNoteText(view)));
    case 'case.reopen-prompt':
      return cardMessage(reopenPromptCard(view), `${view.caseKey}: reopen?`);
    case 'report.chart': {
      // An inline image travels as data in the message, which Teams caps in size: drawn at 1×.
      const png = trendPng(view.chart, 1).toString('base64');
      return { type: 'message', summary: view.chart.title, text: view.chart.summary, attachments: [{ contentType: 'image/png', contentUrl: `data:image/png;base64,${png}`, name: 'tugi-trend.png' }] };
    }
    case 'report.export':
      throw new Error('report.export reaches Teams by the file consent flow, not as a message');
    case 'case.card':
    case 'case.follow-up':
    case 'case.reopened':
    case 'report.digest':
      // The triage card and customer follow-ups live in Slack's triage channel only.
      throw new Error(`${view.kind} is not rendered for Teams`);
  }
}
