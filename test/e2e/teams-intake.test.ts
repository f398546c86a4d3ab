import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids } from '../fixtures/config.js';
import { eventually, startHarness, type Harness } from '../support/harness.js';
import { channelMessage, installedInTeam, personalMessage, removedFromTeam, teamsIds } from '../support/teams-activities.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  // Installing the app in the customer's shared channel stores its conversation reference.
  await h.teams(installedInTeam({ serviceUrl: h.connector.serviceUrl, channel: teamsIds.customerChannel, from: teamsIds.customer }));
  await h.settle();
});
afterAll(async () => {
  await h?.stop();
});

const where = () => ({ serviceUrl: h.connector.serviceUrl, channel: teamsIds.customerChannel });
const caseOf = (channel: string, id: string) => h.tugi.models.cases.findOne({ sourceKey: `${channel}:${id}` }).lean();

describe('Teams intake', () => {
  it('an @mention in a customer channel opens one case for the account, however often it is delivered, and acknowledges in the thread', async () => {
    const mention = channelMessage({ ...where(), from: teamsIds.customer, text: 'Our <b>invoices</b> export fails with error 500', mentionBot: true });
    const statuses = await Promise.all([h.teams(mention), h.teams(mention), h.teams(mention)]);
    expect(statuses).toEqual([200, 200, 200]);
    await h.settle();
    const c = await eventually(async () => (await caseOf(teamsIds.customerChannel, mention.id))!);
    expect(c).toMatchObject({
      title: 'Our invoices export fails with error 500',
      account: 'acme',
      priority: 'P2',
      requester: { platform: 'teams', userId: teamsIds.customer.aadObjectId, name: teamsIds.customer.name },
      source: { platform: 'teams', via: 'message', channel: teamsIds.customerChannel, ts: mention.id },
    });
    expect(await h.tugi.models.cases.countDocuments({ 'source.ts': mention.id })).toBe(1);

    // The customer's acknowledgement is a reply in their Teams thread; the card goes to Slack triage.
    const acks = h.connector.callsOf('send').filter((call) => call.conversationId === `${teamsIds.customerChannel};messageid=${mention.id}`);
    expect(acks).toHaveLength(1);
    expect(acks[0]!.body.text).toContain(`**${c.key}**`);
    expect(h.slack.posts(ids.triage).filter((p) => String(p.args.text).startsWith(`${c.key}:`))).toHaveLength(1);

    // The customer's reply in that thread is part of the case's conversation.
    const reply = channelMessage({ ...where(), rootId: mention.id, from: teamsIds.customer, text: 'It also fails for March' });
    await h.teams(reply);
    await h.settle();
    await eventually(async () => {
      const events = await h.tugi.models.caseEvents.find({ caseId: c._id, type: 'customer_message' }).lean();
      expect(events.map((e) => e.data.text)).toContain('It also fails for March');
    });
  });

  it('a message in a 1:1 chat opens a case for the tenant’s account and is answered in the chat', async () => {
    const chat = 'a:1customer-personal-chat';
    const message = personalMessage({ serviceUrl: h.connector.serviceUrl, conversationId: chat, from: teamsIds.customer, text: 'Hello, my VPN token expired' });
    expect(await h.teams(message)).toBe(200);
    await h.settle();
    const c = await eventually(async () => (await caseOf(chat, message.id))!);
    expect(c).toMatchObject({ account: 'acme', tags: ['network'] });
    await eventually(() => expect(h.connector.callsOf('send').filter((call) => call.conversationId === chat)).toHaveLength(1));
  });

  it('ignores channel posts without a mention, the team’s own mentions, and the specialist channel', async () => {
    const before = await h.tugi.models.cases.countDocuments();
    await h.teams(channelMessage({ ...where(), from: teamsIds.customer, text: 'just chatting' }));
    await h.teams(channelMessage({ ...where(), from: teamsIds.ann, text: 'FYI maintenance tonight', mentionBot: true }));
    await h.teams(channelMessage({ serviceUrl: h.connector.serviceUrl, channel: teamsIds.specialists, from: teamsIds.customer, text: 'help', mentionBot: true }));
    await h.settle();
    expect(await h.tugi.models.cases.countDocuments()).toBe(before);
  });

  it('honours a Bot Connector 429 Retry-After and delivers the customer’s note once', async () => {
    // More 429s than the Bot Framework client retries by itself: the outbox waits out the rest.
    h.connector.failNext({ status: 429, retryAfter: 1 }, 5);
    const mention = channelMessage({ ...where(), from: teamsIds.customer, text: 'Login page is blank', mentionBot: true }); // joins the open case: same customer, within the window
    const started = Date.now();
    await h.teams(mention);
    await h.settle();
    await eventually(() => {
      const acks = h.connector.callsOf('send').filter((call) => call.conversationId === `${teamsIds.customerChannel};messageid=${mention.id}`);
      expect(acks).toHaveLength(1);
      expect(acks[0]!.at - started).toBeGreaterThanOrEqual(5000);
    }, 15_000);
  });

  it('when removed from a team, stops writing there: messages for it fail at once, without retries', async () => {
    const channel = '19:removed-later@thread.tacv2';
    await h.teams(installedInTeam({ serviceUrl: h.connector.serviceUrl, channel, from: teamsIds.customer }));
    await h.settle();
    expect(await h.teams(removedFromTeam({ serviceUrl: h.connector.serviceUrl, channel, from: teamsIds.customer }))).toBe(200);
    await h.settle();
    await eventually(async () => expect(await h.tugi.conversations.get(ids.team, channel)).toMatchObject({ installed: false }));
    await h.tugi.desks.for(ids.team)!.outbox.enqueue([{ workspace: ids.team, key: 'after-removal', platform: 'teams', channel, view: { kind: 'case.joined', language: 'en', caseKey: 'CS-1' } }]);
    await h.settle();
    const message = await h.tugi.models.outbox.findOne({ key: 'after-removal' }).lean();
    expect(message).toMatchObject({ state: 'dead', attempts: 1, lastError: expect.stringContaining('was removed from') });
    expect(h.connector.calls.filter((call) => call.conversationId?.startsWith(channel))).toHaveLength(0);
  });

  it('a team member’s 1:1 message is a command, answered privately in the chat; it opens no case', async () => {
    const chat = 'a:1mari-personal-chat';
    const ask = async (text: string) => {
      const before = h.connector.calls.length;
      expect(await h.teams(personalMessage({ serviceUrl: h.connector.serviceUrl, conversationId: chat, from: teamsIds.mari, text }))).toBe(200);
      return h.connector.calls.slice(before).filter((call) => call.conversationId === chat).map((call) => String(call.body.text)).join('\n');
    };
    const cases = await h.tugi.models.cases.countDocuments();
    expect(await ask('help')).toContain('- `mine` — your open cases');
    expect(await ask('mine')).toContain('You have no open cases.');
    expect(await ask('/tugi kb quantum')).toContain('No resolved cases match “quantum”');
    expect(await ask('stale')).toMatch(/All open cases|Your cases/);
    expect(await ask('escalate CS-1')).toContain('In Teams, tugi answers help, mine, stale, kb, summary, report.');
    expect(await ask('frobnicate')).toContain('Unknown command `frobnicate`');
    expect(await ask('report week')).toContain('You are not allowed to see reports (managers can).');
    expect(await h.tugi.models.cases.countDocuments()).toBe(cases);
  });
});
