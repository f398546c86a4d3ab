/**
 * The OAuth scopes each Slack feature tugi uses needs; the manifest test derives the manifest's
 * scope list from these and the listeners and API calls that really exist, so neither drifts.
 */
export const scopesForEvent: Record<string, string[]> = {
  'message.channels': ['channels:history'],
  'message.groups': ['groups:history'],
  reaction_added: ['reactions:read'],
  // The Home tab, and an uninstall or revoked token: Slack sends these without a scope.
  app_home_opened: [],
  app_uninstalled: [],
  tokens_revoked: [],
};

export const scopesForMethod: Record<string, string[]> = {
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.delete': ['chat:write'],
  'chat.getPermalink': [],
  // Opening a modal needs only the interaction's trigger id.
  'views.open': [],
  // The setup modal's forms (pushed on top, then the modal updated) and the Home tab.
  'views.push': [],
  'views.update': [],
  'views.publish': [],
  // Setup flags channels tugi is not in and joins public ones in one click.
  'conversations.info': ['channels:read', 'groups:read'],
  'conversations.join': ['channels:join'],
  // A person's name, time zone and whether they are a workspace admin (who may set tugi up before a manager exists).
  'users.info': ['users:read'],
  'conversations.history': ['channels:history', 'groups:history'],
  'conversations.replies': ['channels:history', 'groups:history'],
  // Files a person asked for (a report's chart and CSV) go to their direct messages with tugi.
  'conversations.open': ['im:write'],
  filesUploadV2: ['files:write'],
};

/** Slash commands need the `commands` scope; shortcuts need it too. */
export const interactionScopes = ['commands'];
