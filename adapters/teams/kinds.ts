/**
 * Inbox record kinds written by the Teams routes before the HTTP 200; the handlers finish the
 * work afterwards. The payload is the parsed activity (plain fields, see activity.ts).
 */
export const teamsInboxKinds = {
  installed: 'teams.installed',
  removed: 'teams.removed',
  message: 'teams.message',
  edited: 'teams.message.edited',
  deleted: 'teams.message.deleted',
} as const;
