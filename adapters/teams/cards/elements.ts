import type { Mention } from '../../../src/messages/index.js';

// The pieces every tugi Adaptive Card is built from.

/** Adaptive Cards 1.5: what Teams renders on desktop, web and mobile. */
export const card = (body: object[], mentions: Mention[], actions: object[] = []) => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body,
  ...(actions.length ? { actions } : {}),
  ...(mentions.length ? { msteams: { entities: mentionEntities(mentions) } } : {}),
});

/** A real @mention needs the `<at>` text in the card and an entity naming the person's Teams id. */
export const teamsMentions = (mentions: Mention[]) => mentions.filter((m) => m.aadObjectId);
const atText = (mention: Mention) => `<at>${mention.name}</at>`;
const mentionEntities = (mentions: Mention[]) =>
  teamsMentions(mentions).map((m) => ({ type: 'mention', text: atText(m), mentioned: { id: m.aadObjectId, name: m.name } }));
export const mentionLine = (mentions: Mention[]) => mentions.map((m) => (m.aadObjectId ? atText(m) : m.name)).join(', ');

/** Teams (and Adaptive Card) markdown: escapes what it would read as formatting. */
export const escapeMarkdown = (text: string) => text.replace(/[\\`*_[\]<>#]/g, (c) => `\\${c}`);

/** Slack-style `*bold*` in the shared texts is `**bold**` in Teams and Adaptive Card markdown. */
export const teamsBold = (text: string) => text.replace(/\*([^*\n]+)\*/g, '**$1**');

export const textBlock = (text: string, extra: object = {}) => ({ type: 'TextBlock', text, wrap: true, ...extra });

