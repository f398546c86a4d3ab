import type { CaseStatus } from '../../../src/cases/index.js';

/** Slack mrkdwn needs &, < and > escaped in user text, or a message can forge mentions and links. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export const statusLabels: Record<CaseStatus, string> = {
  new: 'New',
  triaged: 'Triaged',
  in_progress: 'In progress',
  waiting_on_customer: 'Waiting on customer',
  waiting_on_specialist: 'Waiting on specialist',
  resolved: 'Resolved',
  closed: 'Closed',
};

export const priorityLabels = { P1: 'P1 · Urgent', P2: 'P2 · High', P3: 'P3 · Normal', P4: 'P4 · Low' } as const;

export function userMention(userId: string | null): string {
  return userId ? `<@${userId}>` : '_unassigned_';
}

/** Block Kit caps plain_text in headers at 150 characters. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
