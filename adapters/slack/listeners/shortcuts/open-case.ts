import type { RespondFn } from '@slack/bolt';
import type { SlackRouter } from '../../router.js';
import { ChannelNotConfiguredError } from '../../../../src/errors.js';
import type { SlackDeps } from '../../deps.js';
import { userMessage } from '../../../../src/messages/index.js';
import { shortcutIds } from '../../ids.js';
import { slackInboxKinds } from '../../intake/kinds.js';
import { messageShortcutSchema } from '../../payloads.js';

type ShortcutArgs = { body: unknown; ack: () => Promise<void>; respond: RespondFn };

/** The "Open case" message shortcut: stored, acknowledged, then answered privately with the key. */
export function openCaseShortcut(deps: SlackDeps) {
  return async ({ body, ack, respond }: ShortcutArgs): Promise<void> => {
    const refuse = async (text: string) => {
      await ack();
      await respond({ response_type: 'ephemeral', text });
    };
    const parsed = messageShortcutSchema.safeParse(body);
    if (!parsed.success) return refuse('That shortcut request was not understood; nothing was changed.');
    const p = parsed.data;
    if (p.team.id !== deps.directory.workspace) return refuse('This workspace is not set up for tugi.');
    const customer = deps.directory.customerChannel(p.channel.id);
    if (!customer && !deps.directory.config.intake.anyChannel) return refuse(userMessage(new ChannelNotConfiguredError(p.channel.id)));
    if (customer && !customer.channel.shortcut) return refuse('Opening cases from messages is switched off in this channel.');
    await deps.inbox.acceptAndDispatch({
      workspace: p.team.id,
      deliveryKey: `shortcut:${p.trigger_id}`,
      kind: slackInboxKinds.openCaseShortcut,
      payload: {
        workspace: p.team.id,
        channel: p.channel.id,
        ts: p.message.ts,
        actor: p.user.id,
        message: { user: p.message.user ?? p.message.bot_id ?? 'unknown', text: p.message.text },
        responseUrl: p.response_url,
      },
    });
    await ack();
  };
}

export function register(router: SlackRouter): void {
  router.shortcut(shortcutIds.openCase, openCaseShortcut);
}
