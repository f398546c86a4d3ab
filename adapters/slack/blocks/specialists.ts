import type { KnownBlock } from '@slack/types';
import type { BridgedMessageView, CaseEscalatedView, Mention, SpecialistFallbackView, SpecialistRequestView } from '../../../src/messages/index.js';
import type { SlackMessage } from './render.js';
import { clip, escapeMrkdwn, priorityLabels } from './text.js';

/** A person as Slack shows them: a real @mention when they have a Slack id, their name otherwise. */
export const slackMention = (person: Mention) => (person.slackUserId ? `<@${person.slackUserId}>` : `*${escapeMrkdwn(person.name)}*`);

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text, 3000) } });
const context = (lines: string[]): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(lines.join('\n'), 3000) }] });

export function specialistRequestMessage(view: SpecialistRequestView): SlackMessage {
  const asked = view.mentions.map(slackMention).join(' ');
  const head = asked
    ? `${asked} — could you help with *${view.caseKey}*? (${priorityLabels[view.priority]}, asked by ${escapeMrkdwn(view.askedBy)})`
    : `Specialists for *${view.caseKey}* (asked by ${escapeMrkdwn(view.askedBy)})`;
  return { text: `${view.caseKey}: ${view.notes.join('; ')}`, blocks: [section(head), context(view.notes.map(escapeMrkdwn))] };
}

export function specialistFallbackMessage(view: SpecialistFallbackView): SlackMessage {
  const who = view.mentions.length ? `${view.mentions.map(slackMention).join(' ')} — ` : '';
  const text = `${who}nobody with *${escapeMrkdwn(view.tag)}* is available for *${view.caseKey}* · ${escapeMrkdwn(view.title)} (${escapeMrkdwn(view.reason)}).`;
  return { text: `${view.caseKey}: nobody available for ${view.tag}`, blocks: [section(`:rotating_light: ${text}`)] };
}

export function escalatedMessage(view: CaseEscalatedView): SlackMessage {
  const text = view.agent
    ? `${slackMention(view.agent)} — *${view.caseKey}* · ${escapeMrkdwn(view.title)} was escalated to you by ${escapeMrkdwn(view.by)}.`
    : `:rotating_light: *${view.caseKey}* · ${escapeMrkdwn(view.title)} was escalated by ${escapeMrkdwn(view.by)}, but ${escapeMrkdwn(view.reason ?? 'no agent is available')}.`;
  return { text: `${view.caseKey} escalated`, blocks: [section(text)] };
}

export function bridgedMessage(view: BridgedMessageView): SlackMessage {
  const origin = view.from === 'teams' ? 'Teams' : 'Slack';
  const body = view.text ? escapeMrkdwn(view.text) : '';
  const files = view.files.map((file) => `:paperclip: <${file.url}|${escapeMrkdwn(file.name)}>`);
  const lines = [`*${escapeMrkdwn(view.author)}* (${origin})${view.edited ? ' _(edited)_' : ''}`, body, ...files].filter(Boolean);
  const text = clip(lines.join('\n'), 3000);
  return { text: `${view.author}: ${clip(view.text, 200)}`, blocks: [section(text)] };
}
