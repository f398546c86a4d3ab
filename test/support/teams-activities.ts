import { randomUUID } from 'node:crypto';

/** Ids of the Teams side of the test workspace. */
export const teamsIds = {
  tenant: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  team: '19:team-general@thread.tacv2',
  specialists: '19:specialists@thread.tacv2',
  customerChannel: '19:acme-shared@thread.tacv2',
  bot: '28:tugi-bot-app-id',
  ann: { id: '29:ann-teams-id', aadObjectId: '00000000-0000-0000-0000-0000000000a1', name: 'Ann Specialist' },
  tom: { id: '29:tom-teams-id', aadObjectId: '00000000-0000-0000-0000-0000000000b2', name: 'Tom Network' },
  mari: { id: '29:mari-teams-id', aadObjectId: '00000000-0000-0000-0000-0000000000d4', name: 'Mari Tamm' },
  liis: { id: '29:liis-teams-id', aadObjectId: '00000000-0000-0000-0000-0000000000e5', name: 'Liis Mets' },
  customer: { id: '29:customer-teams-id', aadObjectId: '00000000-0000-0000-0000-0000000000c3', name: 'Carla Customer' },
};

type Person = { id: string; aadObjectId: string; name: string };
let counter = 0;
/** Teams message ids are millisecond timestamps; tests need them unique and increasing. */
export const nextMessageId = () => String(1_800_000_000_000 + (counter += 1));

interface Where {
  serviceUrl: string;
  channel: string;
  /** The thread's first message; omitted for a new top-level post (which starts its own thread). */
  rootId?: string;
  from: Person;
}

function base(where: Where, id: string, type: string) {
  const conversationId = `${where.channel};messageid=${where.rootId ?? id}`;
  return {
    type,
    id,
    timestamp: new Date().toISOString(),
    serviceUrl: where.serviceUrl,
    channelId: 'msteams',
    from: where.from,
    recipient: { id: teamsIds.bot, name: 'tugi' },
    conversation: { id: conversationId, conversationType: 'channel', tenantId: teamsIds.tenant, isGroup: true },
    channelData: { teamsChannelId: where.channel, teamsTeamId: teamsIds.team, channel: { id: where.channel }, team: { id: teamsIds.team }, tenant: { id: teamsIds.tenant } },
  };
}

/** A channel message (a new thread, or a reply when `rootId` is given), as Teams posts it to the bot. */
export function channelMessage(where: Where & { text: string; mentionBot?: boolean; id?: string; files?: { name: string; url: string }[] }) {
  const id = where.id ?? nextMessageId();
  const mention = where.mentionBot ? '<at>tugi</at> ' : '';
  return {
    ...base(where, id, 'message'),
    text: `${mention}${where.text}`,
    textFormat: 'xml',
    ...(where.rootId ? { replyToId: where.rootId } : {}),
    entities: where.mentionBot ? [{ type: 'mention', text: '<at>tugi</at>', mentioned: { id: teamsIds.bot, name: 'tugi' } }] : [],
    attachments: (where.files ?? []).map((file) => ({ contentType: 'reference', contentUrl: file.url, name: file.name })),
  };
}

/** An Action.Submit press on one of tugi's cards in a thread: a message with `value` and no text. */
export function cardSubmit(where: Where & { value: object }) {
  return { ...base(where, nextMessageId(), 'message'), value: where.value, ...(where.rootId ? { replyToId: where.rootId } : {}) };
}

export function messageEdited(where: Where & { id: string; text: string }) {
  return { ...base(where, where.id, 'messageUpdate'), text: where.text, channelData: { ...base(where, where.id, 'x').channelData, eventType: 'editMessage' } };
}

export function messageDeleted(where: Where & { id: string }) {
  return { ...base(where, where.id, 'messageDelete'), channelData: { ...base(where, where.id, 'x').channelData, eventType: 'softDeleteMessage' } };
}

/** The bot was added to a team: Teams sends this to the team's General channel. */
export function installedInTeam(where: { serviceUrl: string; channel: string; from: Person }) {
  return {
    type: 'conversationUpdate',
    id: `f:${randomUUID()}`,
    timestamp: new Date().toISOString(),
    serviceUrl: where.serviceUrl,
    channelId: 'msteams',
    from: where.from,
    recipient: { id: teamsIds.bot, name: 'tugi' },
    conversation: { id: where.channel, conversationType: 'channel', tenantId: teamsIds.tenant, isGroup: true },
    membersAdded: [{ id: teamsIds.bot }],
    channelData: { eventType: 'teamMemberAdded', team: { id: teamsIds.team }, channel: { id: where.channel }, tenant: { id: teamsIds.tenant } },
  };
}

/** The bot was removed from a team. */
export function removedFromTeam(where: { serviceUrl: string; channel: string; from: Person }) {
  const { membersAdded: _added, ...update } = installedInTeam(where);
  return { ...update, membersRemoved: [{ id: teamsIds.bot }], channelData: { ...update.channelData, eventType: 'teamMemberRemoved' } };
}

/** A message in a 1:1 chat with the bot. */
export function personalMessage(where: { serviceUrl: string; conversationId: string; from: Person; text: string; id?: string }) {
  return {
    type: 'message',
    id: where.id ?? nextMessageId(),
    timestamp: new Date().toISOString(),
    serviceUrl: where.serviceUrl,
    channelId: 'msteams',
    from: where.from,
    recipient: { id: teamsIds.bot, name: 'tugi' },
    conversation: { id: where.conversationId, conversationType: 'personal', tenantId: teamsIds.tenant },
    text: where.text,
    channelData: { tenant: { id: teamsIds.tenant } },
  };
}

/** POSTs an activity to tugi's Bot Framework endpoint, as the Bot Connector does. */
export async function postActivity(baseUrl: string, activity: object, authorization?: string): Promise<number> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(activity),
  });
  await response.arrayBuffer();
  return response.status;
}

/** An Action.Submit press on a card in a 1:1 chat. */
export function personalSubmit(where: { serviceUrl: string; conversationId: string; from: Person; value: object }) {
  const { text: _text, ...message } = personalMessage({ ...where, text: '' });
  return { ...message, value: where.value };
}

/** The user's answer to a file consent card: Teams invokes the bot with an upload URL in their OneDrive (on accept). */
export function fileConsentAnswer(where: { serviceUrl: string; conversationId: string; from: Person; action: 'accept' | 'decline'; context: object; uploadUrl?: string; name?: string }) {
  const { text: _text, ...message } = personalMessage({ ...where, text: '' });
  const uploadInfo = where.uploadUrl
    ? { contentUrl: `https://contoso-my.sharepoint.com/personal/${where.name}`, name: where.name, uploadUrl: where.uploadUrl, uniqueId: 'd3f1b2a0-unique', fileType: 'csv' }
    : undefined;
  return { ...message, type: 'invoke', name: 'fileConsent/invoke', value: { type: 'fileUpload', action: where.action, context: where.context, ...(uploadInfo ? { uploadInfo } : {}) } };
}
