/** Slack mrkdwn needs &, < and > escaped in user text, or a message can forge mentions and links. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export { priorityLabels, statusLabels } from '../../../src/messages/index.js';

export function userMention(userId: string | null): string {
  return userId ? `<@${userId}>` : '_unassigned_';
}

/** Block Kit caps plain_text in headers at 150 characters. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
