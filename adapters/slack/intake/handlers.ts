import { NotSetUpError } from '../../../src/errors.js';
import { userMessage } from '../../../src/messages/index.js';
import type { SlackClients } from '../clients.js';
import type { SlackDeps, SlackShared } from '../deps.js';
import { tsToDate } from '../payloads.js';
import {
  capturedMessagePayload,
  customerChangePayload,
  internalEditPayload,
  internalPostPayload,
  internalThreadPayload,
  openFromMessagePayload,
  slackInboxKinds,
  threadMessagePayload,
} from './kinds.js';
import { fetchMessage, permalinkOf, respondPrivately } from './slack-reads.js';
import { plainFromSlack } from './plain-text.js';

/**
 * Registers the inbox handlers that finish Slack intake after the acknowledgement. A record names
 * its workspace: its desk and its bot token are found from it.
 */
export function registerIntakeHandlers(shared: SlackShared, deskOf: (workspace: string) => SlackDeps | undefined, clients: SlackClients): void {
  const { inbox } = shared;
  /** The desk and Web API client of a record's workspace; a workspace gone since (uninstalled, settings removed) drops the record. */
  const forWorkspace = async (workspace: string) => {
    const deps = deskOf(workspace);
    const client = await clients.for(workspace);
    // A coded error: final, since retrying cannot bring the workspace back.
    if (!deps || !client) throw new NotSetUpError(workspace);
    return { ...deps, client };
  };
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
    const { intake, client } = await forWorkspace(p.workspace);
    await intake.captureMessage({ ...messageFields(p), permalink: await permalinkOf(client, p.channel, p.ts) });
  });

  inbox.on(slackInboxKinds.threadMessage, async (raw) => {
    const p = threadMessagePayload.parse(raw);
    const { cases } = await forWorkspace(p.workspace);
    await cases.recordThreadMessage({ ...messageFields(p), threadTs: p.threadTs, fromTeam: p.fromTeam });
  });

  const openFromMessage = (via: 'reaction' | 'shortcut') => async (raw: unknown) => {
    const p = openFromMessagePayload.parse(raw);
    try {
      const { intake, client } = await forWorkspace(p.workspace);
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
  const bridgeOf = async (workspace: string) => {
    const { bridge, directory } = await forWorkspace(workspace);
    return {
      bridge,
      author: (user: string) => ({ userId: user, name: directory.teamMember(user)?.name ?? user }),
      plain: (text: string) => plainFromSlack(text, (id) => directory.teamMember(id)?.name),
    };
  };
  inbox.on(slackInboxKinds.internalPost, async (raw) => {
    const p = internalPostPayload.parse(raw);
    const { bridge, author, plain } = await bridgeOf(p.workspace);
    await bridge.postedInSlack({ ...p, text: plain(p.text), threadId: p.threadTs, messageId: p.ts, author: author(p.user), at: tsToDate(p.ts) });
  });
  inbox.on(slackInboxKinds.internalEdit, async (raw) => {
    const p = internalEditPayload.parse(raw);
    const { bridge, author, plain } = await bridgeOf(p.workspace);
    await bridge.editedInSlack({ ...p, text: plain(p.text), threadId: p.threadTs, messageId: p.ts, author: author(p.user), files: [], at: tsToDate(p.editedAt) });
  });
  inbox.on(slackInboxKinds.internalDelete, async (raw) => {
    const p = internalThreadPayload.parse(raw);
    const { bridge } = await forWorkspace(p.workspace);
    await bridge.deletedInSlack({ ...p, threadId: p.threadTs, messageId: p.ts });
  });

  // A customer channel message edited or deleted: the case records it (keeping what it said before).
  const customerChange = async (raw: unknown) => {
    const p = customerChangePayload.parse(raw);
    const { cases } = await forWorkspace(p.workspace);
    await cases.recordMessageChange({ ...p, author: slackActor(p.user), at: tsToDate(p.at) });
  };
  inbox.on(slackInboxKinds.customerEdit, customerChange);
  inbox.on(slackInboxKinds.customerDelete, customerChange);

  inbox.on(slackInboxKinds.ticketReaction, openFromMessage('reaction'));
  inbox.on(slackInboxKinds.openCaseShortcut, openFromMessage('shortcut'));
}
