import type { SlackRouter } from '../../router.js';
import type { SlackDeps } from '../../deps.js';
import { slackInboxKinds } from '../../intake/kinds.js';
import { acceptInternalThreadEvent } from './internal-thread.js';
import { acceptCustomerChange } from './customer-change.js';
import { conversationalSubtypes, eventEnvelopeSchema, messageEventSchema } from '../../payloads.js';

/**
 * Customer-channel messages: top-level ones from customers become (or join) cases; thread
 * replies join the case's conversation. Triage-channel threads are the cases' internal threads.
 * Only the inbox write happens before Slack's 200.
 */
export function messageListener(deps: SlackDeps) {
  return async ({ body }: { body: unknown }): Promise<void> => {
    const envelope = eventEnvelopeSchema.safeParse(body);
    if (!envelope.success) return;
    const { team_id: workspace, event_id: deliveryKey } = envelope.data;
    if (workspace !== deps.directory.workspace) return;
    const raw = (body as { event?: { channel?: unknown } }).event;
    if (raw?.channel === deps.directory.triageChannel) {
      await acceptInternalThreadEvent(deps, { workspace, deliveryKey, event: raw });
      return;
    }
    if (await acceptCustomerChange(deps, { workspace, deliveryKey, event: raw })) return;
    const parsed = messageEventSchema.safeParse(raw);
    if (!parsed.success) return;
    const event = parsed.data;
    if (event.bot_id || !event.user || !conversationalSubtypes.has(event.subtype)) return;
    const customer = deps.directory.customerChannel(event.channel);
    if (!customer) return;

    const fromTeam = deps.directory.teamMember(event.user) !== undefined;
    const payload = { workspace, channel: event.channel, ts: event.ts, user: event.user, text: event.text };
    if (event.thread_ts && event.thread_ts !== event.ts) {
      await deps.inbox.acceptAndDispatch({
        workspace,
        deliveryKey,
        kind: slackInboxKinds.threadMessage,
        payload: { ...payload, threadTs: event.thread_ts, fromTeam },
      });
      return;
    }
    // The team's own top-level posts in a customer channel are announcements, not cases.
    if (fromTeam || !customer.channel.autoCapture) return;
    await deps.inbox.acceptAndDispatch({ workspace, deliveryKey, kind: slackInboxKinds.capturedMessage, payload });
  };
}

export function register(router: SlackRouter): void {
  router.event('message', messageListener);
}
