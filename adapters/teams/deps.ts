import type { Desk } from '../../src/desk/desk.js';
import type { Desks } from '../../src/desk/desks.js';
import type { Inbox } from '../../src/inbox/index.js';
import type { Logger } from '../../src/logger.js';
import type { Clock } from '../../src/ports/clock.js';
import type { ConversationRefs } from '../../src/storage/conversation-refs.js';

/** What the Teams adapter shares across workspaces; passed in, never built inside. */
export interface TeamsShared {
  desks: Desks;
  inbox: Inbox;
  conversations: ConversationRefs;
  clock: Clock;
  logger: Logger;
}

/** What a Teams route needs: the desk of the workspace the activity's tenant belongs to, and the shared parts. */
export type TeamsDeps = Desk & Omit<TeamsShared, 'desks'>;

/** Finds the desk an activity belongs to (by its tenant); undefined for a tenant no workspace claims. */
export type DeskFor = (activity: { conversation: { tenantId?: string | undefined }; channelData?: { tenant?: { id?: string } | undefined } | undefined }) => TeamsDeps | undefined;
