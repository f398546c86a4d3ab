import { randomUUID } from 'node:crypto';

/**
 * Bot Framework activities as Teams posts them to a bot, for the tests and the sandbox alike:
 * channel messages and replies, card submits, edits, deletions, installs, 1:1 chats, file consent.
 */

/** The Teams team the activities happen in, and the bot they are addressed to. */
export interface TeamsScene {
  tenant: string;
  team: string;
  bot: string;
  /** The activities' time; the real time unless the scene runs on another clock. */
  now?: () => Date;
}

export interface TeamsPerson {
  id: string;
  aadObjectId: string;
  name: string;
}

export interface Where {
  serviceUrl: string;
  channel: string;
  /** The thread's first message; omitted for a new top-level post (which starts its own thread). */
  rootId?: string;
  from: TeamsPerson;
}

export interface PersonalWhere {
  serviceUrl: string;
  conversationId: string;
  from: TeamsPerson;
}

/** The activity builders for one scene. */
export function teamsActivities(scene: TeamsScene) {
  const timestamp = () => (scene.now?.() ?? new Date()).toISOString();
  const recipient = { id: scene.bot, name: 'tugi' };
  let counter = 0;
  /** Teams message ids are millisecond timestamps; these need only be unique and increasing. */
  const nextMessageId = () => String(1_800_000_000_000 + (counter += 1));

  const channelData = (channel: string) => ({ teamsChannelId: channel, teamsTeamId: scene.team, channel: { id: channel }, team: { id: scene.team }, tenant: { id: scene.tenant } });

  const base = (where: Where, id: string, type: string) => ({
    type,
    id,
    timestamp: timestamp(),
    serviceUrl: where.serviceUrl,
    channelId: 'msteams',
    from: where.from,
    recipient,
    conversation: { id: `${where.channel};messageid=${where.rootId ?? id}`, conversationType: 'channel', tenantId: scene.tenant, isGroup: true },
    channelData: channelData(where.channel),
  });

  const personalMessage = (where: PersonalWhere & { text: string; id?: string }) => ({
    type: 'message',
    id: where.id ?? nextMessageId(),
    timestamp: timestamp(),
    serviceUrl: where.serviceUrl,
    channelId: 'msteams',
    from: where.from,
    recipient,
    conversation: { id: where.conversationId, conversationType: 'personal', tenantId: scene.tenant },
    text: where.text,
    channelData: { tenant: { id: scene.tenant } },
  });

  const installedInTeam = (where: { serviceUrl: string; channel: string; from: TeamsPerson }) => ({
    type: 'conversationUpdate',
    id: `f:${randomUUID()}`,
    timestamp: timestamp(),
    serviceUrl: where.serviceUrl,
    channelId: 'msteams',
    from: where.from,
    recipient,
    conversation: { id: where.channel, conversationType: 'channel', tenantId: scene.tenant, isGroup: true },
    membersAdded: [{ id: scene.bot }],
    channelData: { eventType: 'teamMemberAdded', team: { id: scene.team }, channel: { id: where.channel }, tenant: { id: scene.tenant } },
  });

  return {
    nextMessageId,

    /** A channel message (a new thread, or a reply when `rootId` is given). */
    channelMessage(where: Where & { text: string; mentionBot?: boolean; id?: string; files?: { name: string; url: string }[] }) {
      const id = where.id ?? nextMessageId();
      const mention = where.mentionBot ? '<at>tugi</at> ' : '';
      return {
        ...base(where, id, 'message'),
        text: `${mention}${where.text}`,
        textFormat: 'xml',
        ...(where.rootId ? { replyToId: where.rootId } : {}),
        entities: where.mentionBot ? [{ type: 'mention', text: '<at>tugi</at>', mentioned: recipient }] : [],
        attachments: (where.files ?? []).map((file) => ({ contentType: 'reference', contentUrl: file.url, name: file.name })),
      };
    },

    /** An Action.Submit press on one of tugi's cards in a thread: a message with `value` and no text. */
    cardSubmit(where: Where & { value: object }) {
      return { ...base(where, nextMessageId(), 'message'), value: where.value, ...(where.rootId ? { replyToId: where.rootId } : {}) };
    },

    messageEdited(where: Where & { id: string; text: string }) {
      return { ...base(where, where.id, 'messageUpdate'), text: where.text, channelData: { ...channelData(where.channel), eventType: 'editMessage' } };
    },

    messageDeleted(where: Where & { id: string }) {
      return { ...base(where, where.id, 'messageDelete'), channelData: { ...channelData(where.channel), eventType: 'softDeleteMessage' } };
    },

    /** The bot was added to a team: Teams sends this to the team's General channel. */
    installedInTeam,

    /** The bot was removed from a team. */
    removedFromTeam(where: { serviceUrl: string; channel: string; from: TeamsPerson }) {
      const { membersAdded: _added, ...update } = installedInTeam(where);
      return { ...update, membersRemoved: [{ id: scene.bot }], channelData: { ...update.channelData, eventType: 'teamMemberRemoved' } };
    },

    /** A message in a 1:1 chat with the bot. */
    personalMessage,

    /** An Action.Submit press on a card in a 1:1 chat. */
    personalSubmit(where: PersonalWhere & { value: object }) {
      const { text: _text, ...message } = personalMessage({ ...where, text: '' });
      return { ...message, value: where.value };
    },

    /** The user's answer to a file consent card: Teams invokes the bot with an upload URL in their OneDrive (on accept). */
    fileConsentAnswer(where: PersonalWhere & { action: 'accept' | 'decline'; context: object; uploadUrl?: string; name?: string }) {
      const { text: _text, ...message } = personalMessage({ ...where, text: '' });
      const uploadInfo = where.uploadUrl
        ? { contentUrl: `https://contoso-my.sharepoint.com/personal/${where.name}`, name: where.name, uploadUrl: where.uploadUrl, uniqueId: 'd3f1b2a0-unique', fileType: 'csv' }
        : undefined;
      return { ...message, type: 'invoke', name: 'fileConsent/invoke', value: { type: 'fileUpload', action: where.action, context: where.context, ...(uploadInfo ? { uploadInfo } : {}) } };
    },
  };
}

/** POSTs an activity to tugi's Bot Framework endpoint, as the Bot Connector does; the status and the body of the answer. */
export async function postActivity(baseUrl: string, activity: object, authorization?: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(activity),
  });
  return { status: response.status, body: await response.text() };
}
