import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids } from '../fixtures/config.js';
import { clickCardAction, select } from '../support/card-actions.js';
import { eventually, startHarness, type Harness } from '../support/harness.js';
import { nextTs } from '../support/slack-requests.js';
import { channelMessage, installedInTeam, messageDeleted, messageEdited, teamsIds } from '../support/teams-activities.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const caseBySource = (ts: string) => h.tugi.models.cases.findOne({ sourceKey: `${ids.acme}:${ts}` }).lean();

describe('Slack ⇄ Teams: one full round', () => {
  it('intake → pull in → Teams thread with mentions → replies both ways → edits and deletions on each side', async () => {
    // The bot is installed in the team: tugi keeps the channel's conversation reference.
    const where = { serviceUrl: h.connector.serviceUrl, channel: teamsIds.specialists };
    expect(await h.teams(installedInTeam({ ...where, from: teamsIds.ann }))).toBe(200);
    await eventually(async () => expect(await h.tugi.conversations.get(ids.team, teamsIds.specialists)).toMatchObject({ serviceUrl: h.connector.serviceUrl, conversationType: 'channel' }));

    // Slack intake; the keyword rule tags it network and raises it to P2.
    const { ts } = await h.customerMessage('Our VPN drops every few minutes since this morning');
    await h.settle();
    const opened = (await caseBySource(ts))!;
    expect(opened).toMatchObject({ tags: ['network'], priority: 'P2', status: 'new' });
    const cardTs = h.slack.posts(ids.triage).find((p) => String(p.args.text).startsWith(opened.key))!.result!.ts as string;

    // The agent takes it, starts work, and pulls in specialists from the card.
    const id = String(opened._id);
    await clickCardAction(h, id, 'case.assign_me');
    await clickCardAction(h, id, 'case.set_status', select('in_progress'));
    expect((await clickCardAction(h, id, 'case.pull_specialists')).response.status).toBe(200);
    await h.settle();

    // A new Teams thread in the specialist channel (after tugi's greeting there): the case card with a real @mention of Ann.
    const thread = h.connector.callsOf('createConversation').find((call) => (call.body.activity as { attachments?: unknown[] }).attachments?.length);
    expect(thread).toBeDefined();
    const activity = thread!.body.activity as { attachments: { contentType: string; content: { body: unknown[]; msteams: { entities: unknown[] } } }[] };
    const card = activity.attachments[0]!;
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(card.content.body)).toContain('<at>Ann Specialist</at>');
    expect(card.content.msteams.entities).toEqual([
      { type: 'mention', text: '<at>Ann Specialist</at>', mentioned: { id: teamsIds.ann.aadObjectId, name: 'Ann Specialist' } },
    ]);
    expect((thread!.body.channelData as { channel: { id: string } }).channel.id).toBe(teamsIds.specialists);
    const rootId = thread!.messageId!;
    const pulled = (await h.tugi.models.cases.findById(opened._id).lean())!;
    expect(pulled).toMatchObject({ status: 'waiting_on_specialist', specialistThread: { platform: 'teams', channel: teamsIds.specialists } });
    expect(pulled.specialists.map((s) => [s.personId, s.platform, s.tag])).toEqual([['ann', 'teams', 'network']]);
    // The internal Slack thread says who was asked; the card shows it.
    const note = h.slack.posts(ids.triage).find((p) => p.args.thread_ts === cardTs && JSON.stringify(p.args.blocks).includes('network: asked Ann Specialist'));
    expect(note).toBeDefined();
    const refreshed = h.slack.callsTo('chat.update').filter((u) => u.args.ts === cardTs).at(-1)!;
    expect(JSON.stringify(refreshed.args.blocks)).toContain('Ann Specialist');

    // Ann replies in Teams (HTML, with a file): the agent sees it in the case's Slack thread.
    const annSays = channelMessage({ ...where, rootId, from: teamsIds.ann, text: 'Check the <b>MTU</b> &amp; the firewall', files: [{ name: 'trace.pcap', url: 'https://contoso.sharepoint.com/trace.pcap' }] });
    expect(await h.teams(annSays)).toBe(200);
    await h.settle();
    const mirrored = await eventually(() => {
      const found = h.slack.posts(ids.triage).find((p) => p.args.thread_ts === cardTs && String(p.args.text).startsWith('Ann Specialist:'));
      expect(found).toBeDefined();
      return found!;
    });
    const mirroredBlocks = JSON.stringify(mirrored.args.blocks);
    expect(mirroredBlocks).toContain('*Ann Specialist* (Teams)');
    expect(mirroredBlocks).toContain('Check the MTU &amp; the firewall');
    expect(mirroredBlocks).toContain('<https://contoso.sharepoint.com/trace.pcap|trace.pcap>');
    const mirroredTs = mirrored.result!.ts as string;
    const afterReply = (await h.tugi.models.cases.findById(opened._id).lean())!;
    expect(afterReply.specialists[0]!.firstReplyAt).toEqual(new Date(annSays.timestamp));
    const events = await h.tugi.models.caseEvents.find({ caseId: opened._id }).lean();
    expect(events.filter((e) => e.type === 'specialist_first_reply')).toHaveLength(1);

    // The agent answers in the Slack thread: Ann sees it in the Teams thread.
    const agentTs = nextTs();
    await h.event({ type: 'message', channel: ids.triage, user: ids.agent, text: 'Thanks <@U0SVEN>! MTU is 1500', ts: agentTs, thread_ts: cardTs });
    await h.settle();
    const toTeams = await eventually(() => {
      const found = h.connector.callsOf('send').find((c) => JSON.stringify(c.body).includes('MTU is 1500'));
      expect(found).toBeDefined();
      return found!;
    });
    expect(toTeams.conversationId).toBe(`${teamsIds.specialists};messageid=${rootId}`);
    expect(toTeams.body.text).toContain('**Mari Tamm** (Slack)');
    expect(toTeams.body.text).toContain('Thanks @Sven Billing! MTU is 1500');

    // Edits follow: Teams → Slack (chat.update of the mirror), Slack → Teams (update activity).
    await h.teams(messageEdited({ ...where, rootId, from: teamsIds.ann, id: annSays.id, text: 'Check the MTU (try 1400)' }));
    await h.event({
      type: 'message',
      subtype: 'message_changed',
      channel: ids.triage,
      ts: nextTs(),
      event_ts: nextTs(),
      message: { type: 'message', user: ids.agent, text: 'MTU is 1500 on the VPN side', ts: agentTs, thread_ts: cardTs, edited: { user: ids.agent, ts: nextTs() } },
      previous_message: { type: 'message', user: ids.agent, text: 'Thanks <@U0SVEN>! MTU is 1500', ts: agentTs, thread_ts: cardTs },
    });
    await h.settle();
    await eventually(() => {
      const edit = h.slack.callsTo('chat.update').find((u) => u.args.ts === mirroredTs);
      expect(JSON.stringify(edit?.args.blocks)).toContain('try 1400');
      expect(JSON.stringify(edit?.args.blocks)).toContain('_(edited)_');
      const teamsEdit = h.connector.callsOf('update').find((c) => c.activityId === toTeams.messageId);
      expect(teamsEdit?.body.text).toContain('MTU is 1500 on the VPN side');
    });

    // Deletions follow too.
    await h.teams(messageDeleted({ ...where, rootId, from: teamsIds.ann, id: annSays.id }));
    await h.event({ type: 'message', subtype: 'message_deleted', channel: ids.triage, ts: nextTs(), deleted_ts: agentTs, previous_message: { type: 'message', user: ids.agent, text: 'x', ts: agentTs, thread_ts: cardTs } });
    await h.settle();
    await eventually(() => {
      expect(h.slack.callsTo('chat.delete').filter((c) => c.result?.ok).map((c) => c.args.ts)).toContain(mirroredTs);
      expect(h.connector.callsOf('delete').map((c) => c.activityId)).toContain(toTeams.messageId);
    });

    // No loops: tugi's own mirror in Slack comes back as a bot message and is not sent on.
    const sendsBefore = h.connector.calls.length;
    await h.event({ type: 'message', channel: ids.triage, bot_id: 'B0TUGI', user: 'U0TUGIBOT', text: 'Ann Specialist: mirrored', ts: nextTs(), thread_ts: cardTs });
    await h.settle();
    expect(h.connector.calls.length).toBe(sendsBefore);

    // The customer saw none of it: the only post in their channel is the acknowledgement.
    const customerPosts = h.slack.posts(ids.acme);
    expect(customerPosts.map((p) => p.args.thread_ts)).toEqual([ts]);
    expect(JSON.stringify(customerPosts)).not.toMatch(/MTU|Ann|firewall/);
  });
});

describe('pulling in specialists: routing, fallbacks and bad input', () => {
  it('refuses an untagged case with a private note and changes nothing', async () => {
    const { ts } = await h.customerMessage('Printer is jammed', { user: 'U0PRINTER' });
    await h.settle();
    const c = (await caseBySource(ts))!;
    const { responsePath } = await clickCardAction(h, String(c._id), 'case.pull_specialists');
    const answer = await eventually(() => {
      const found = h.slack.responses.find((r) => r.path === responsePath);
      expect(found).toBeDefined();
      return found!.body;
    });
    expect(answer.text).toContain(`Tag ${c.key} first`);
    expect(await h.tugi.models.cases.findById(c._id).lean()).toMatchObject({ version: 1, specialists: [] });
  });

  it('tags by command and spreads two tags over two specialists; an unavailable tag goes to its fallback group', async () => {
    const { ts } = await h.customerMessage('Invoices are missing from the database export', { user: 'U0INVOICE' });
    await h.settle();
    const c = (await caseBySource(ts))!;
    const tagged = await h.command(`tag ${c.key} +database +billing`);
    expect(tagged.status).toBe(200);
    expect(tagged.json().text).toContain(`${c.key} is tagged database, billing`);
    const bad = await h.command(`tag ${c.key} +astrology`);
    expect(bad.json().text).toContain('Unknown tag `astrology`');

    await h.command(`pull ${c.key}`);
    await h.settle();
    const after = (await h.tugi.models.cases.findById(c._id).lean())!;
    // Tom is the only database specialist; Sven (billing) is off today, so billing falls back.
    expect(after.specialists.map((s) => [s.personId, s.tag])).toEqual([['tom', 'database']]);
    expect(after.status).toBe('new'); // new → waiting_on_specialist is not a transition
    const fallback = h.slack.posts(ids.billingChannel).find((p) => String(p.args.text).includes(c.key));
    expect(JSON.stringify(fallback?.args.blocks)).toContain('Sven Billing is outside working hours');
    const pulledEvent = await h.tugi.models.caseEvents.findOne({ caseId: c._id, type: 'specialists_pulled' }).lean();
    expect(pulledEvent!.data.routes).toEqual([
      { tag: 'database', chosen: ['tom'], skipped: [], fallback: null },
      { tag: 'billing', chosen: [], skipped: [{ person: 'sven', reason: 'off_hours' }], fallback: 'group' },
    ]);
  });

  it('escalates to the available agent and records who escalated', async () => {
    const { ts } = await h.customerMessage('Cannot log in', { user: 'U0LOGIN' });
    await h.settle();
    const c = (await caseBySource(ts))!;
    const answer = await h.command(`escalate ${c.key}`, { user: ids.consultant });
    expect(answer.json().text).toContain(`escalated to <@${ids.agent}>`);
    await h.settle();
    expect(await h.tugi.models.cases.findById(c._id).lean()).toMatchObject({ assignee: ids.agent });
    const event = await h.tugi.models.caseEvents.findOne({ caseId: c._id, type: 'escalated' }).lean();
    expect(event).toMatchObject({ actor: { userId: ids.consultant }, data: { to: 'mari' } });
  });
});
