/**
 * The OAuth scopes each Slack feature tugi uses needs; the manifest test derives the manifest's
 * scope list from these and the listeners and API calls that really exist, so neither drifts.
 */
export const scopesForEvent: Record<string, string[]> = {
  'message.channels': ['channels:history'],
  'message.groups': ['groups:history'],
  reaction_added: ['reactions:read'],
};

export const scopesForMethod: Record<string, string[]> = {
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.delete': ['chat:write'],
  'chat.getPermalink': [],
  // Opening a modal needs only the interaction's trigger id.
  'views.open': [],
  'conversations.history': ['channels:history', 'groups:history'],
  'conversations.replies': ['channels:history', 'groups:history'],
  // Files a person asked for (a report's chart and CSV) go to their direct messages with tugi.
  'conversations.open': ['im:write'],
  filesUploadV2: ['files:write'],
};

/** Slash commands need the `commands` scope; shortcuts need it too. */
export const interactionScopes = ['commands'];
