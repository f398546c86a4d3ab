import type { SlackDeps } from '../../deps.js';
import { slackInboxKinds } from '../../intake/kinds.js';
import { messageChangedSchema, messageDeletedSchema, messageEventSchema } from '../../payloads.js';

type Event = { workspace: string; deliveryKey: string; event: unknown };

/**
 * The triage channel: a team member's reply, edit or deletion under a case card is part of the
 * case's internal thread, which the bridge mirrors to the Teams specialist thread. Bot messages
 * (tugi's own mirrors among them) are never taken, so nothing loops.
 */
export async function acceptInternalThreadEvent(deps: SlackDeps, { workspace, deliveryKey, event }: Event): Promise<void> {
  const accept = (kind: string, payload: Record<string, unknown>) => deps.inbox.acceptAndDispatch({ workspace, deliveryKey, kind, payload: { workspace, ...payload } });
  const changed = messageChangedSchema.safeParse(event);
  if (changed.success) {
    const { message, channel } = changed.data;
    if (message.bot_id || !message.user || !message.thread_ts || message.thread_ts === message.ts) return;
    if (message.text === changed.data.previous_message?.text) return; // an unfurl or similar, not an edit
    await accept(slackInboxKinds.internalEdit, { channel, threadTs: message.thread_ts, ts: message.ts, user: message.user, text: message.text, editedAt: changed.data.event_ts ?? changed.data.ts });
    return;
  }
  const deleted = messageDeletedSchema.safeParse(event);
  if (deleted.success) {
    const previous = deleted.data.previous_message;
    if (!previous?.thread_ts || previous.bot_id || previous.thread_ts === deleted.data.deleted_ts) return;
    await accept(slackInboxKinds.internalDelete, { channel: deleted.data.channel, threadTs: previous.thread_ts, ts: deleted.data.deleted_ts });
    return;
  }
  const posted = messageEventSchema.safeParse(event);
  if (!posted.success) return;
  const message = posted.data;
  if (message.bot_id || !message.user || !message.thread_ts || message.thread_ts === message.ts) return;
  if (message.subtype !== undefined && message.subtype !== 'file_share') return;
  if (!deps.directory.teamMember(message.user)) return;
  const files = (message.files ?? []).flatMap((file) => {
    const url = file.permalink ?? file.url_private;
    return url ? [{ name: file.name, url }] : [];
  });
  await accept(slackInboxKinds.internalPost, { channel: message.channel, threadTs: message.thread_ts, ts: message.ts, user: message.user, text: message.text, files });
}
