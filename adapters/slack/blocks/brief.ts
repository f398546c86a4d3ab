import type { CaseBriefView } from '../../../src/messages/index.js';
import type { SlackMessage } from './render.js';
import { clip, escapeMrkdwn } from './text.js';

/** The model's brief of a case, for the team: marked as drafted, so nobody takes it for a person's word. */
export function briefMessage(view: CaseBriefView): SlackMessage {
  const lines = [`*${view.caseKey} so far*`, escapeMrkdwn(view.summary), ...(view.nextStep ? [`*Open:* ${escapeMrkdwn(view.nextStep)}`] : [])];
  const text = clip(lines.join('\n'), 3000);
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: ':robot_face: Summarised by a model from the case’s threads: check the case before you rely on it.' }] },
    ],
  };
}
