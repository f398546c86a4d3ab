import type { KnownBlock } from '@slack/types';
import {
  durationInWords,
  reopenPromptText,
  resolutionWords,
  type CaseReopenedView,
  type CaseResolutionView,
  type CaseResolvedView,
  type ReopenPromptView,
} from '../../../src/messages/index.js';
import { actionIds, ratings } from '../ids.js';
import type { SlackMessage } from './render.js';
import { slackMention } from './specialists.js';
import { clip, escapeMrkdwn } from './text.js';

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text, 3000) } });
const quote = (text: string) => `>${escapeMrkdwn(text).replace(/\n/g, '\n>')}`;

/** The customer's two answers; the case id rides in block_id, as on the triage card. */
function verdictButtons(caseId: string, solved: string, broken: string): KnownBlock {
  return {
    type: 'actions',
    block_id: `answer:${caseId}`,
    elements: [
      { type: 'button', action_id: actionIds.answerSolved, text: { type: 'plain_text', text: solved }, value: caseId, style: 'primary' },
      { type: 'button', action_id: actionIds.answerBroken, text: { type: 'plain_text', text: broken }, value: caseId, style: 'danger' },
    ],
  };
}

/** The resolution summary in the customer's thread: cause, fix, how long it took, and the answers. */
export function resolutionMessage(view: CaseResolutionView): SlackMessage {
  const words = resolutionWords[view.language];
  const heading = words.heading(view.caseKey, durationInWords(view.tookMinutes, view.language));
  return {
    text: heading,
    blocks: [
      section(`:white_check_mark: ${heading}`),
      section(`*${words.cause}*\n${quote(view.cause)}`),
      section(`*${words.fix}*\n${quote(view.fix)}`),
      section(words.question),
      verdictButtons(view.caseId, words.solved, words.stillBroken),
      { type: 'context', elements: [{ type: 'mrkdwn', text: words.rate }] },
      {
        type: 'actions',
        block_id: `rate:${view.caseId}`,
        elements: ratings.map((n) => ({ type: 'button' as const, action_id: `${actionIds.ratePrefix}${n}`, text: { type: 'plain_text' as const, text: '★'.repeat(n) }, value: String(n) })),
      },
    ],
  };
}

/** The same resolution for the team, with the internal note and credit to the specialists. */
export function resolvedMessage(view: CaseResolvedView): SlackMessage {
  const lines = [
    `:white_check_mark: *${view.caseKey}* · ${escapeMrkdwn(view.title)} — resolved by ${escapeMrkdwn(view.by)} in ${durationInWords(view.tookMinutes, 'en')}.`,
    `*Cause*\n${quote(view.cause)}`,
    `*Fix*\n${quote(view.fix)}`,
  ];
  if (view.note) lines.push(`*Internal note* (not shown to the customer)\n${quote(view.note)}`);
  if (view.specialists.length) lines.push(`:raised_hands: Thanks to ${escapeMrkdwn(view.specialists.join(', '))} for the help.`);
  return { text: `${view.caseKey} resolved`, blocks: lines.map(section) };
}

export function reopenPromptMessage(view: ReopenPromptView): SlackMessage {
  const words = resolutionWords[view.language];
  const text = reopenPromptText(view);
  return { text, blocks: [section(text), verdictButtons(view.caseId, words.fine, words.reopen)] };
}

export function reopenedMessage(view: CaseReopenedView): SlackMessage {
  const who = view.byCustomer ? `${escapeMrkdwn(view.by)} (customer) says it is still broken` : `${escapeMrkdwn(view.by)} reopened it`;
  const assignee = view.assignee ? ` ${slackMention(view.assignee)}, over to you.` : ' Nobody is assigned.';
  return { text: `${view.caseKey} reopened`, blocks: [section(`:leftwards_arrow_with_hook: *${view.caseKey}* · ${escapeMrkdwn(view.title)} is reopened: ${who}.${assignee}`)] };
}
