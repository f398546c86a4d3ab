import { z } from 'zod';

/** The fields tugi uses from Slack payloads, parsed at the edge; anything else is ignored. */
export const messageEventSchema = z.object({
  type: z.literal('message'),
  subtype: z.string().optional(),
  channel: z.string(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().default(''),
  ts: z.string(),
  thread_ts: z.string().optional(),
  files: z.array(z.object({ name: z.string().default('file'), permalink: z.string().optional(), url_private: z.string().optional() })).max(20).optional(),
});

/** `message_changed`: the message as it is now, and as it was. */
export const messageChangedSchema = z.object({
  subtype: z.literal('message_changed'),
  channel: z.string(),
  event_ts: z.string().optional(),
  ts: z.string(),
  message: messageEventSchema.omit({ type: true, channel: true }),
  previous_message: z.object({ text: z.string().default('') }).optional(),
});

/** `message_deleted`: which message went, and the thread it was in. */
export const messageDeletedSchema = z.object({
  subtype: z.literal('message_deleted'),
  channel: z.string(),
  event_ts: z.string().optional(),
  deleted_ts: z.string(),
  previous_message: z.object({ thread_ts: z.string().optional(), user: z.string().optional(), bot_id: z.string().optional(), text: z.string().default('') }).optional(),
});

export const reactionEventSchema = z.object({
  type: z.literal('reaction_added'),
  user: z.string(),
  reaction: z.string(),
  item: z.object({ type: z.string(), channel: z.string().optional(), ts: z.string().optional() }),
  item_user: z.string().optional(),
});

export const eventEnvelopeSchema = z.object({
  team_id: z.string(),
  event_id: z.string(),
});

export const messageShortcutSchema = z.object({
  type: z.literal('message_action'),
  trigger_id: z.string(),
  team: z.object({ id: z.string() }),
  channel: z.object({ id: z.string() }),
  user: z.object({ id: z.string(), name: z.string().optional() }),
  message: z.object({ ts: z.string(), user: z.string().optional(), bot_id: z.string().optional(), text: z.string().default('') }),
  response_url: z.url(),
});

export const slashCommandSchema = z.object({
  command: z.string(),
  text: z.string().default(''),
  team_id: z.string(),
  channel_id: z.string(),
  user_id: z.string(),
  user_name: z.string().optional(),
  trigger_id: z.string(),
});

export const blockActionSchema = z.object({
  type: z.literal('block_actions'),
  team: z.object({ id: z.string() }).nullable(),
  user: z.object({ id: z.string(), name: z.string().optional() }),
  trigger_id: z.string().optional(),
  /** Where the button was pressed (customers' answers count from the case's own channel). */
  channel: z.object({ id: z.string() }).optional(),
  container: z.object({ channel_id: z.string().optional() }).optional(),
  actions: z
    .array(
      z.object({
        action_id: z.string(),
        block_id: z.string(),
        action_ts: z.string().optional(),
        value: z.string().optional(),
        selected_option: z.object({ value: z.string() }).optional(),
        selected_options: z.array(z.object({ value: z.string() })).max(100).optional(),
      }),
    )
    .min(1),
});

/** Messages Slack sends about edits, joins and the like are not customer messages. */
export const conversationalSubtypes = new Set([undefined, 'file_share', 'thread_broadcast']);

/** Slack's ts is seconds since the epoch with microseconds: the message's own time. */
export function tsToDate(ts: string): Date {
  return new Date(Math.round(Number(ts) * 1000));
}
