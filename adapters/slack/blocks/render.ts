import type { KnownBlock } from '@slack/types';
import { acknowledgementText, answerNoteText, customerAutoResolvedText, customerReminderText, greetingText, joinedText, type View } from '../../../src/messages/index.js';
import { briefMessage } from './brief.js';
import { caseCardBlocks } from './case-card.js';
import { nagMessage } from './nag.js';
import { reopenedMessage, reopenPromptMessage, resolutionMessage, resolvedMessage } from './resolution.js';
import { bridgedMessage, escalatedMessage, specialistFallbackMessage, specialistRequestMessage } from './specialists.js';
import { clip, escapeMrkdwn } from './text.js';

export interface SlackMessage {
  /** The notification and accessibility text; Slack shows it where blocks cannot be shown. */
  text: string;
  blocks?: KnownBlock[];
}

/** Every view tugi posts, as a Slack message. Pure: the same view gives the same message. */
export function renderView(view: View): SlackMessage {
  switch (view.kind) {
    case 'case.acknowledgement':
      return { text: acknowledgementText(view) };
    case 'case.joined':
      return { text: joinedText(view) };
    case 'case.card':
      return { text: `${view.key}: ${view.title}`, blocks: caseCardBlocks(view) };
    case 'case.follow-up': {
      const link = view.permalink ? ` (<${view.permalink}|message>)` : '';
      const text = `*${escapeMrkdwn(view.author)}* added to ${view.caseKey}${link}:\n>${clip(escapeMrkdwn(view.text), 2800).replace(/\n/g, '\n>')}`;
      return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
    }
    case 'specialists.request':
      return specialistRequestMessage(view);
    case 'specialists.fallback':
      return specialistFallbackMessage(view);
    case 'case.escalated':
      return escalatedMessage(view);
    case 'bridge.message':
      return bridgedMessage(view);
    case 'nag':
      return nagMessage(view);
    case 'customer.reminder':
      return { text: customerReminderText(view) };
    case 'customer.auto-resolved':
      return { text: customerAutoResolvedText(view) };
    case 'app.greeting':
      return { text: greetingText(view) };
    case 'case.notice':
      return { text: escapeMrkdwn(view.text) };
    case 'case.reply': {
      const text = clip(escapeMrkdwn(view.text), 2900);
      return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }, { type: 'context', elements: [{ type: 'mrkdwn', text: `— ${escapeMrkdwn(view.from)}` }] }] };
    }
    case 'case.brief':
      return briefMessage(view);
    case 'case.resolution':
      return resolutionMessage(view);
    case 'case.resolved':
      return resolvedMessage(view);
    case 'case.answer-note':
      return { text: answerNoteText(view) };
    case 'case.reopen-prompt':
      return reopenPromptMessage(view);
    case 'case.reopened':
      return reopenedMessage(view);
    case 'report.digest':
      return {
        text: view.heading,
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: clip(view.heading, 150) } },
          ...view.sections.map((lines): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: clip(lines.join('\n'), 3000) } })),
          { type: 'context', elements: [{ type: 'mrkdwn', text: view.footnote }] },
        ],
      };
    case 'report.chart':
    case 'report.export':
      throw new Error(`${view.kind} is delivered as a file, not a message`);
    case 'case.resolve-form':
      // Slack's Resolve form is a modal, filled in place (listeners/actions/resolution-actions.ts).
      throw new Error('case.resolve-form is a Teams card; Slack resolves in a modal');
  }
}
