import type { WebClient } from '@slack/web-api';
import { userMessage } from '../../../src/messages/index.js';
import type { SlackDeps } from '../deps.js';
import { tsToDate } from '../payloads.js';
import {
  capturedMessagePayload,
  internalEditPayload,
  internalPostPayload,
  internalThreadPayload,
  openFromMessagePayload,
  slackInboxKinds,
  threadMessagePayload,
} from './kinds.js';
import { fetchMessage, permalinkOf, respondPrivately } from './slack-reads.js';
import { plainFromSlack } from './plain-text.js';

/** Registers the inbox handlers that finish Slack intake after the acknowledgement. */
export function registerIntakeHandlers(deps: SlackDeps, client: WebClient): void {
  const { inbox, intake, cases } = deps;
  const slackActor = (userId: string) => ({ platform: 'slack' as const, userId });
  /** The fields every message handler passes on; the message's own ts is its time. */
  const messageFields = (p: { workspace: string; channel: string; ts: string; user: string; text: string }) => ({
    workspace: p.workspace,
    channel: p.channel,
    ts: p.ts,
    author: slackActor(p.user),
    text: p.text,
    at: tsToDate(p.ts),
  });

  inbox.on(slackInboxKinds.capturedMessage, async (raw) => {
    const p = capturedMessagePayload.parse(raw);
    await intake.captureMessage({ ...messageFields(p), permalink: await permalinkOf(client, p.channel, p.ts) });
  });

  inbox.on(slackInboxKinds.threadMessage, async (raw) => {
    const p = threadMessagePayload.parse(raw);
    await cases.recordThreadMessage({ ...messageFields(p), threadTs: p.threadTs, fromTeam: p.fromTeam });
  });

  const openFromMessage = (via: 'reaction' | 'shortcut') => async (raw: unknown) => {
    const p = openFromMessagePayload.parse(raw);
    try {
      const message = p.message ?? (await fetchMessage(client, p.channel, p.ts));
      const result = await intake.openFromMessage(
        { ...messageFields({ ...p, ...message }), permalink: await permalinkOf(client, p.channel, p.ts) },
        via,
        slackActor(p.actor),
      );
      if (p.responseUrl) {
        const { key } = result.case;
        const text = result.outcome === 'opened' ? `Opened case *${key}*.` : `This message is already case *${key}*.`;
        await respondPrivately(p.responseUrl, text);
      }
    } catch (error) {
      if (p.responseUrl) await respondPrivately(p.responseUrl, userMessage(error)).catch(() => undefined);
      throw error;
    }
  };
  // The case's internal thread, mirrored to its Teams specialist thread by the bridge.
  const { bridge, directory } = deps;
  const author = (user: string) => ({ userId: user, name: directory.teamMember(user)?.name ?? user });
  const plain = (text: string) => plainFromSlack(text, (id) => directory.teamMember(id)?.name);
  inbox.on(slackInboxKinds.internalPost, async (raw) => {
    const p = internalPostPayload.parse(raw);
    await bridge.postedInSlack({ ...p, text: plain(p.text), threadId: p.threadTs, messageId: p.ts, author: author(p.user), at: tsToDate(p.ts) });
  });
  inbox.on(slackInboxKinds.internalEdit, async (raw) => {
    const p = internalEditPayload.parse(raw);
    await bridge.editedInSlack({ ...p, text: plain(p.text), threadId: p.threadTs, messageId: p.ts, author: author(p.user), files: [], at: tsToDate(p.editedAt) });
  });
  inbox.on(slackInboxKinds.internalDelete, async (raw) => {
    const p = internalThreadPayload.parse(raw);
    await bridge.deletedInSlack({ ...p, threadId: p.threadTs, messageId: p.ts });
  });

  inbox.on(slackInboxKinds.ticketReaction, openFromMessage('reaction'));
  inbox.on(slackInboxKinds.openCaseShortcut, openFromMessage('shortcut'));
}
