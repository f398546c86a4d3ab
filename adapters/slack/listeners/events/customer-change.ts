import type { SlackDeps } from '../../deps.js';
import { slackInboxKinds } from '../../intake/kinds.js';
import { messageChangedSchema, messageDeletedSchema } from '../../payloads.js';

type Event = { workspace: string; deliveryKey: string; event: unknown };

/**
 * An edit or a deletion in a customer channel (of a case's first message, a follow-up, or a reply
 * in its thread) is stored for the case to record; bots' (tugi's own) are not. True when the event
 * was one of these, so the caller looks no further.
 */
export async function acceptCustomerChange(deps: SlackDeps, { workspace, deliveryKey, event }: Event): Promise<boolean> {
  const accept = (payload: Record<string, unknown>) => deps.inbox.acceptAndDispatch({ workspace, deliveryKey, kind: payload.after === null ? slackInboxKinds.customerDelete : slackInboxKinds.customerEdit, payload: { workspace, ...payload } });
  const changed = messageChangedSchema.safeParse(event);
  if (changed.success) {
    const { message, channel, previous_message: previous } = changed.data;
    if (!deps.directory.customerChannel(channel)) return false;
    // An unfurl or a reaction count changes the message without changing its words.
    if (message.bot_id || !message.user || message.text === previous?.text) return true;
    const threadTs = message.thread_ts && message.thread_ts !== message.ts ? message.thread_ts : null;
    await accept({ channel, ts: message.ts, threadTs, user: message.user, before: previous?.text ?? '', after: message.text, at: changed.data.event_ts ?? changed.data.ts });
    return true;
  }
  const deleted = messageDeletedSchema.safeParse(event);
  if (deleted.success) {
    const { channel, deleted_ts: ts, previous_message: previous } = deleted.data;
    if (!deps.directory.customerChannel(channel)) return false;
    if (!previous || previous.bot_id || !previous.user) return true;
    const threadTs = previous.thread_ts && previous.thread_ts !== ts ? previous.thread_ts : null;
    await accept({ channel, ts, threadTs, user: previous.user, before: previous.text, after: null, at: deleted.data.event_ts ?? ts });
    return true;
  }
  return false;
}
