import type { SlackRouter } from '../../router.js';
import type { SlackDeps } from '../../deps.js';
import { ticketReaction } from '../../ids.js';
import { slackInboxKinds } from '../../intake/kinds.js';
import { eventEnvelopeSchema, reactionEventSchema } from '../../payloads.js';

/** 🎫 on any message opens a case for it (where the channel allows it). */
export function reactionAddedListener(deps: SlackDeps) {
  return async ({ body }: { body: unknown }): Promise<void> => {
    const envelope = eventEnvelopeSchema.safeParse(body);
    const parsed = reactionEventSchema.safeParse((body as { event?: unknown }).event);
    if (!envelope.success || !parsed.success) return;
    const { reaction, user, item } = parsed.data;
    const { team_id: workspace, event_id: deliveryKey } = envelope.data;
    if (workspace !== deps.directory.workspace || reaction !== ticketReaction) return;
    if (item.type !== 'message' || !item.channel || !item.ts) return;
    const customer = deps.directory.customerChannel(item.channel);
    if (customer ? !customer.channel.reaction : !deps.directory.config.intake.anyChannel) return;

    await deps.inbox.acceptAndDispatch({
      workspace,
      deliveryKey,
      kind: slackInboxKinds.ticketReaction,
      payload: { workspace, channel: item.channel, ts: item.ts, actor: user },
    });
  };
}

export function register(router: SlackRouter): void {
  router.event('reaction_added', reactionAddedListener);
}
