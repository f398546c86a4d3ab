import type { TurnContext } from 'botbuilder';
import { activitySchema, tenantOf } from '../activity.js';
import { greetingText } from '../../../src/messages/index.js';
import type { Logger } from '../../../src/logger.js';
import { textMessage } from '../cards/render.js';
import type { DeskFor } from '../deps.js';

/**
 * Every route does the same before the 200: parse the activity, check its tenant, and store it in
 * the inbox under its Bot Framework id (so a redelivery is handled once). A database error fails
 * the request and the Bot Framework retries it.
 */
export function accept(deskFor: DeskFor, logger: Logger, kind: string) {
  return async (context: TurnContext): Promise<void> => {
    const parsed = activitySchema.safeParse(context.activity);
    if (!parsed.success) {
      logger.warn({ issues: parsed.error.issues.slice(0, 3) }, 'teams: activity not understood; ignored');
      return;
    }
    const activity = parsed.data;
    const deps = deskFor(activity);
    if (!deps) {
      logger.warn({ tenant: tenantOf(activity) }, 'teams: activity from a tenant no workspace has connected; ignored');
      // Added somewhere tugi cannot serve yet: say so politely, in the turn (there is no desk to send it later).
      if (activity.membersAdded?.some((member) => member.id === activity.recipient.id)) await context.sendActivity(textMessage(greetingText({ setUp: false }, tenantOf(activity))));
      return;
    }
    const id = activity.id ?? `${activity.conversation.id}:${activity.timestamp ?? ''}`;
    await deps.inbox.acceptAndDispatch({
      workspace: deps.directory.workspace,
      deliveryKey: `teams:${activity.type}:${id}:${activity.channelData?.eventType ?? ''}:${activity.timestamp ?? ''}`,
      kind,
      payload: activity,
    });
  };
}
