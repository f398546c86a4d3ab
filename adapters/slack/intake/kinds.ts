import { z } from 'zod';

/**
 * Inbox record kinds written by the Slack listeners before they acknowledge, and the fields each
 * carries; the handlers in this folder finish the work after the acknowledgement.
 */
export const slackInboxKinds = {
  capturedMessage: 'slack.message.captured',
  threadMessage: 'slack.message.thread',
  ticketReaction: 'slack.reaction.ticket',
  openCaseShortcut: 'slack.shortcut.open_case',
  internalPost: 'slack.internal.post',
  internalEdit: 'slack.internal.edit',
  internalDelete: 'slack.internal.delete',
  customerEdit: 'slack.message.edited',
  customerDelete: 'slack.message.deleted',
} as const;

/** A message in a customer channel changed or went: its text before (kept for the record) and after. */
export const customerChangePayload = z.object({
  workspace: z.string(),
  channel: z.string(),
  ts: z.string(),
  threadTs: z.string().nullable(),
  user: z.string(),
  before: z.string(),
  /** Null when the message was deleted. */
  after: z.string().nullable(),
  at: z.string(),
});

/** A message in a case's internal thread (under its card in the triage channel). */
export const internalThreadPayload = z.object({
  workspace: z.string(),
  channel: z.string(),
  threadTs: z.string(),
  ts: z.string(),
});

export const internalPostPayload = internalThreadPayload.extend({
  user: z.string(),
  text: z.string(),
  files: z.array(z.object({ name: z.string(), url: z.string() })).default([]),
});

export const internalEditPayload = internalThreadPayload.extend({ user: z.string(), text: z.string(), editedAt: z.string() });

export const capturedMessagePayload = z.object({
  workspace: z.string(),
  channel: z.string(),
  ts: z.string(),
  user: z.string(),
  text: z.string(),
});

export const threadMessagePayload = capturedMessagePayload.extend({
  threadTs: z.string(),
  fromTeam: z.boolean(),
});

export const openFromMessagePayload = z.object({
  workspace: z.string(),
  channel: z.string(),
  ts: z.string(),
  /** Who reacted or used the shortcut. */
  actor: z.string(),
  /** The shortcut carries the message; the reaction handler fetches it. */
  message: z.object({ user: z.string(), text: z.string() }).optional(),
  responseUrl: z.string().optional(),
});
