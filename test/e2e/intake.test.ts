import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids } from '../fixtures/config.js';
import { eventually, startHarness, type Harness } from '../support/harness.js';
import { nextTs } from '../support/slack-requests.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const caseFor = (channel: string, ts: string) => h.tugi.models.cases.findOne({ sourceKey: `${channel}:${ts}` }).lean();

describe('auto-capture of customer messages', () => {
  it('opens a case, answers the customer in their thread and posts a card in triage', async () => {
    const { ts, status } = await h.customerMessage('VPN drops every 5 minutes\nSince this morning, all users.');
    expect(status).toBe(200);
    await h.settle();

    const found = await caseFor(ids.acme, ts);
    expect(found).toMatchObject({
      title: 'VPN drops every 5 minutes',
      description: 'VPN drops every 5 minutes\nSince this morning, all users.',
      status: 'new',
      priority: 'P2',
      account: 'acme',
      requester: { platform: 'slack', userId: ids.customer },
      source: { platform: 'slack', via: 'message', channel: ids.acme, ts },
    });
    expect(found!.key).toMatch(/^CS-\d+$/);
    expect(found!.source.permalink).toContain(ts.replace('.', ''));
    const ack = h.slack.posts(ids.acme).find((c) => c.args.thread_ts === ts);
    expect(ack?.args.text).toBe(`Thanks — we've logged this as *${found!.key}*. A support specialist will reply here within 1 hour.`);
    const card = h.slack.posts(ids.triage).find((c) => c.args.text === `${found!.key}: VPN drops every 5 minutes`);
    expect(card?.args.blocks).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'actions' })]));

    const events = await h.tugi.models.caseEvents.find({ caseId: found!._id }).lean();
    expect(events.map((e) => e.type)).toEqual(['opened']);
    expect(events[0]!.actor).toMatchObject({ userId: ids.customer });
  });

  it('answers Estonian accounts in Estonian, with the business-hours target', async () => {
    const { ts } = await h.customerMessage('Arved ei laadi', { channel: ids.kalev });
    await h.settle();
    const found = await caseFor(ids.kalev, ts);
    const ack = h.slack.posts(ids.kalev).find((c) => c.args.thread_ts === ts);
    expect(ack?.args.text).toBe(
      `Aitäh! Registreerisime teie pöördumise numbriga *${found!.key}*. Tugispetsialist vastab siin 4 tööajatunni jooksul.`,
    );
  });

  it('groups a follow-up within the window into the open case, and tells the customer so', async () => {
    const first = await h.customerMessage('Printer offline', { user: ids.customer2 });
    const second = await h.customerMessage('It shows error E42', { user: ids.customer2 });
    await h.settle();
    const opened = await caseFor(ids.acme, first.ts);
    expect(await caseFor(ids.acme, second.ts)).toBeNull();
    const timeline = await h.tugi.models.caseEvents.find({ caseId: opened!._id }).sort({ at: 1 }).lean();
    expect(timeline.map((e) => e.type)).toEqual(['opened', 'customer_message']);
    expect(timeline[1]!.data).toMatchObject({ text: 'It shows error E42', joined: true });
    const note = h.slack.posts(ids.acme).find((c) => c.args.thread_ts === second.ts);
    expect(note?.args.text).toBe(`Added to your open case *${opened!.key}*.`);
    const internal = h.slack.posts(ids.triage).find((c) => String(c.args.text).includes('It shows error E42'));
    expect(internal?.args.thread_ts).toBeDefined();
  });

  it('opens a new case when the follow-up comes after the grouping window', async () => {
    const old = `${Math.floor(Date.now() / 1000) - 11 * 60}.000100`;
    await h.customerMessage('Old problem', { user: 'U0LATECOMER', ts: old });
    const fresh = await h.customerMessage('New problem', { user: 'U0LATECOMER' });
    await h.settle();
    expect(await caseFor(ids.acme, old)).not.toBeNull();
    expect(await caseFor(ids.acme, fresh.ts)).not.toBeNull();
  });

  it('does not capture the team, bots, edits, or channels with auto-capture off', async () => {
    const before = await h.tugi.models.cases.countDocuments();
    await h.customerMessage('Maintenance tonight at 22:00', { user: ids.agent });
    await h.event({ type: 'message', channel: ids.acme, bot_id: 'B0OTHER', text: 'beep', ts: nextTs() });
    await h.event({ type: 'message', subtype: 'message_changed', channel: ids.acme, ts: nextTs(), message: {} });
    await h.customerMessage('Please help', { channel: ids.quiet });
    await h.customerMessage('Random chatter', { channel: ids.random });
    await h.settle();
    expect(await h.tugi.models.cases.countDocuments()).toBe(before);
  });
});

describe('operations', () => {
  it('counts cases, events and deliveries at /metrics, and reports health', async () => {
    await h.customerMessage('Count me', { user: 'U0METRICS' });
    await h.settle();
    const text = await (await fetch(`${h.baseUrl}/metrics`)).text();
    expect(text).toMatch(/tugi_cases_opened_total\{via="message"\} [1-9]/);
    expect(text).toMatch(/tugi_inbox_events_total\{kind="slack.message.captured",outcome="done"\} [1-9]/);
    expect(text).toMatch(/tugi_outbox_deliveries_total\{platform="slack",outcome="sent"\} [1-9]/);
    expect(await (await fetch(`${h.baseUrl}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${h.baseUrl}/readyz`)).json()).toEqual({ status: 'ready' });
  });
});

describe('conversation in the customer thread', () => {
  it('records team replies as public replies (the first is the first response) and customer replies as activity', async () => {
    const { ts } = await h.customerMessage('Cannot log in', { user: 'U0THREADS' });
    await h.settle();
    await h.customerMessage('Looking into it now', { user: ids.agent, threadTs: ts });
    await h.customerMessage('Thanks!', { user: 'U0THREADS', threadTs: ts });
    await h.customerMessage('Try resetting the token', { user: ids.consultant, threadTs: ts });
    await h.event({ type: 'message', channel: ids.acme, bot_id: 'B0TUGI', text: 'bot says hi', ts: nextTs(), thread_ts: ts });
    await h.settle();

    const found = await caseFor(ids.acme, ts);
    const timeline = await h.tugi.models.caseEvents.find({ caseId: found!._id }).sort({ at: 1 }).lean();
    expect(timeline.map((e) => e.type)).toEqual(['opened', 'public_reply', 'customer_message', 'public_reply']);
    const firstReply = timeline.find((e) => e.type === 'public_reply')!;
    expect(found!.firstResponseAt?.getTime()).toBe(firstReply.at.getTime());
  });
});

describe('the 🎫 reaction and the "Open case" shortcut', () => {
  const shortcut = (channel: string, ts: string, triggerId: string, text = 'Disk full on build server') => ({
    type: 'message_action',
    callback_id: 'case.open_from_message',
    trigger_id: triggerId,
    team: { id: ids.team },
    channel: { id: channel },
    user: { id: ids.consultant },
    message: { ts, user: ids.customer, text, type: 'message' },
    response_url: h.slack.responseUrl(triggerId),
  });

  it('opens one case for a message that gets both a reaction and a shortcut, linked on the timeline', async () => {
    const ts = nextTs();
    h.slack.messages.set(`${ids.random}:${ts}`, { user: ids.customer, text: 'Disk full on build server' });
    const reaction = await h.event({ type: 'reaction_added', user: ids.agent, reaction: 'ticket', item: { type: 'message', channel: ids.random, ts } });
    expect(reaction.status).toBe(200);
    await h.settle();
    const viaShortcut = await h.interaction(shortcut(ids.random, ts, 'trig-a'));
    expect(viaShortcut.status).toBe(200);
    await h.settle();

    const all = await h.tugi.models.cases.find({ sourceKey: `${ids.random}:${ts}` }).lean();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ title: 'Disk full on build server', account: null, source: { via: 'reaction' } });
    const types = (await h.tugi.models.caseEvents.find({ caseId: all[0]!._id }).lean()).map((e) => e.type);
    expect(types).toEqual(['opened', 'requested_again']);
    const answer = h.slack.responses.find((r) => r.path.endsWith('trig-a'));
    expect(answer?.body).toMatchObject({ response_type: 'ephemeral', text: `This message is already case *${all[0]!.key}*.` });
    // Not a customer channel: nothing is posted there.
    expect(h.slack.posts(ids.random)).toHaveLength(0);
  });

  it('the shortcut opens a case and answers privately with its key', async () => {
    const ts = nextTs();
    expect((await h.interaction(shortcut(ids.acme, ts, 'trig-b', 'Email bounces'))).status).toBe(200);
    await h.settle();
    const found = await caseFor(ids.acme, ts);
    expect(found).toMatchObject({ title: 'Email bounces', source: { via: 'shortcut' }, requester: { userId: ids.customer } });
    expect(h.slack.responses.find((r) => r.path.endsWith('trig-b'))?.body.text).toBe(`Opened case *${found!.key}*.`);
  });

  it('refuses the shortcut privately where the channel switched it off', async () => {
    const ts = nextTs();
    await h.interaction(shortcut(ids.quiet, ts, 'trig-c'));
    await eventually(() => expect(h.slack.responses.find((r) => r.path.endsWith('trig-c'))?.body.text).toMatch(/switched off/));
    expect(await caseFor(ids.quiet, ts)).toBeNull();
  });

  it('ignores other reactions', async () => {
    const ts = nextTs();
    await h.event({ type: 'reaction_added', user: ids.agent, reaction: 'eyes', item: { type: 'message', channel: ids.random, ts } });
    await h.settle();
    expect(await caseFor(ids.random, ts)).toBeNull();
  });
});
