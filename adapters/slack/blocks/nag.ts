import type { KnownBlock } from '@slack/types';
import type { NagReason, NagView } from '../../../src/messages/index.js';
import { actionIds } from '../ids.js';
import { snoozeMenu } from './case-card.js';
import type { SlackMessage } from './render.js';
import { slackMention } from './specialists.js';
import { clip, escapeMrkdwn, priorityLabels } from './text.js';

const headings: Record<NagReason, string> = {
  'sla.warning': ':hourglass_flowing_sand: SLA warning',
  'sla.breach': ':rotating_light: SLA breached',
  'stale.nag': ':bell: Quiet case',
  'stale.escalation': ':rotating_light: Still no activity',
  'specialist.ping': ':wave: Waiting for a specialist',
  auto_resolved: ':white_check_mark: Resolved automatically',
};

/** A nag: who must act on which case and why, with the actions that move the case on. */
export function nagMessage(view: NagView): SlackMessage {
  const who = view.mentions.map(slackMention).join(' ');
  const text = `${headings[view.reason]} · *${view.caseKey}* · ${escapeMrkdwn(view.title)} (${priorityLabels[view.priority]})\n${who ? `${who} — ` : ''}${escapeMrkdwn(view.text)}`;
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: clip(text, 3000) } }];
  if (view.reason !== 'auto_resolved') blocks.push(nagActions(view));
  return { text: `${view.caseKey}: ${view.text}`, blocks };
}

function nagActions(view: NagView): KnownBlock {
  const button = (actionId: string, label: string) => ({ type: 'button' as const, action_id: actionId, text: { type: 'plain_text' as const, text: label }, value: view.caseId });
  const elements: Extract<KnownBlock, { type: 'actions' }>['elements'] = [];
  // A specialist is asked to answer in the thread; the rest are about who owns the case.
  if (view.reason !== 'specialist.ping') elements.push({ ...button(actionIds.assignToMe, 'Assign to me'), style: 'primary' }, button(actionIds.escalate, 'Escalate'));
  elements.push(snoozeMenu());
  // The case id rides in block_id, as on the card, so the card's action handlers serve nags too.
  return { type: 'actions', block_id: `case:${view.caseId}`, elements };
}
