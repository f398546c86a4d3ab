import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids } from '../fixtures/config.js';
import { clickCardAction, select } from '../support/card-actions.js';
import { eventually, startHarness, type Harness } from '../support/harness.js';
import { cardSubmit, channelMessage, installedInTeam, teamsIds } from '../support/teams-activities.js';
import { days, minutes, TestClock } from '../support/test-clock.js';

let h: Harness;
const clock = new TestClock();
beforeAll(async () => {
  h = await startHarness({ clock });
  for (const channel of [teamsIds.customerChannel, teamsIds.specialists]) {
    await h.teams(installedInTeam({ serviceUrl: h.connector.serviceUrl, channel, from: teamsIds.customer }));
  }
  await h.settle();
});
afterAll(async () => {
  await h?.stop();
});

const note = 'INTERNAL: firmware 4.2 is buggy, do not tell them about the vendor dispute';
const customerThread = (rootId: string) => ({ serviceUrl: h.connector.serviceUrl, channel: teamsIds.customerChannel, rootId });

/** What tugi posted into a Teams thread since `from` (cards and text). */
const postedTo = (channel: string, rootId: string, from = 0) =>
  h.connector.calls.slice(from).filter((call) => call.op === 'send' && call.conversationId === `${channel};messageid=${rootId}`).map((call) => JSON.stringify(call.body));

describe('resolve → summary → answers → reopen → resolve again → auto-close, with the customer and the specialists in Teams', () => {
  it('runs the whole round from Teams cards', async () => {
    // A Teams customer asks; the agent works it from Slack and pulls in the network specialists.
    const mention = channelMessage({ serviceUrl: h.connector.serviceUrl, channel: teamsIds.customerChannel, from: teamsIds.customer, text: 'Our VPN drops every hour', mentionBot: true });
    await h.teams(mention);
    await h.settle();
    const c = await eventually(async () => (await h.tugi.models.cases.findOne({ sourceKey: `${teamsIds.customerChannel}:${mention.id}` }).lean())!);
    const id = String(c._id);
    await clickCardAction(h, id, 'case.assign_me');
    await clickCardAction(h, id, 'case.set_status', select('in_progress'));
    await clickCardAction(h, id, 'case.pull_specialists');
    await h.settle();
    const thread = h.connector.callsOf('createConversation').at(-1)!;
    // The specialist thread's card can resolve the case, with cause and fix required in the card.
    expect(JSON.stringify(thread.body)).toContain('"tugi":"case.resolve"');
    const rootId = thread.messageId!;
    const specialists = { serviceUrl: h.connector.serviceUrl, channel: teamsIds.specialists, rootId };
    const helper = (await h.tugi.models.cases.findById(id).lean())!.specialists[0]!.personId === 'ann' ? teamsIds.ann : teamsIds.tom;
    await h.teams(channelMessage({ ...specialists, from: helper, text: 'Firmware bug, rolling back' }));
    await h.settle();

    // A specialist may not resolve; an agent must give the cause and the fix. The thread hears why, nothing changes.
    const resolve = (from: typeof teamsIds.ann, fields: Record<string, string>) => h.teams(cardSubmit({ ...specialists, from, value: { tugi: 'case.resolve', caseId: id, ...fields } }));
    await resolve(helper, { cause: 'Firmware bug', fix: 'Rolled back' });
    await resolve(teamsIds.mari, { cause: '', fix: 'Rolled back the firmware' });
    await h.settle();
    expect(h.connector.postsContaining('You are not allowed to resolve')).toHaveLength(1);
    expect(h.connector.postsContaining('Describe the cause')).toHaveLength(1);
    expect((await h.tugi.models.cases.findById(id).lean())!.status).toBe('waiting_on_specialist');

    clock.advance(minutes(50));
    const before = h.connector.calls.length;
    await resolve(teamsIds.mari, { cause: 'A firmware update on your VPN gateway had a bug.', fix: 'We rolled the gateway back to the previous firmware.', note });
    await h.settle();
    expect((await h.tugi.models.cases.findById(id).lean())!).toMatchObject({ status: 'resolved', resolution: { note, by: { platform: 'teams', userId: teamsIds.mari.aadObjectId } } });

    // The customer's thread gets the summary card with the answers; the specialist thread the team's copy, crediting the helper.
    const summary = postedTo(teamsIds.customerChannel, mention.id, before).find((body) => body.includes('is resolved'))!;
    expect(summary).toContain('application/vnd.microsoft.card.adaptive');
    for (const part of ['it took 50 minutes', 'A firmware update on your VPN gateway had a bug.', 'We rolled the gateway back', '"verdict":"solved"', '"verdict":"still_broken"', '"rating":5']) expect(summary).toContain(part);
    expect(summary).not.toContain('INTERNAL');
    const teamCopy = postedTo(teamsIds.specialists, rootId, before).find((body) => body.includes('resolved by Mari Tamm'))!;
    expect(teamCopy).toContain(`Thanks to ${helper.name} for the help`);
    expect(teamCopy).toContain('firmware 4.2 is buggy');

    // The customer rates it, then says it is still broken: each answer is recorded and acknowledged in their thread.
    const answer = (value: object) => h.teams(cardSubmit({ ...customerThread(mention.id), from: teamsIds.customer, value: { tugi: 'case.answer', caseId: id, ...value } }));
    await answer({ rating: 5 });
    await answer({ rating: 11 });
    await h.settle();
    await eventually(() => expect(postedTo(teamsIds.customerChannel, mention.id).filter((b) => b.includes('Thanks for rating our help: 5/5.'))).toHaveLength(1));
    expect(postedTo(teamsIds.customerChannel, mention.id).filter((b) => b.includes('That answer was not understood'))).toHaveLength(1);
    expect((await h.tugi.models.cases.findById(id).lean())!.customerAnswer).toMatchObject({ rating: 5, by: { platform: 'teams', userId: teamsIds.customer.aadObjectId } });

    await answer({ verdict: 'still_broken' });
    await h.settle();
    expect((await h.tugi.models.cases.findById(id).lean())!).toMatchObject({ status: 'in_progress', reopenCount: 1 });
    await eventually(() => expect(postedTo(teamsIds.customerChannel, mention.id).filter((b) => b.includes('reopened'))).toHaveLength(1));

    // Resolved again from Slack; a week later it closes, and the old buttons say so.
    expect((await h.command(`resolve ${c.key} cause: The rollback did not reach the second gateway. fix: We rolled back both gateways.`)).json().text).toContain('is resolved');
    clock.advance(days(7) + minutes(1));
    await h.tugi.sweepDue();
    await h.settle();
    expect((await h.tugi.models.cases.findById(id).lean())!.status).toBe('closed');
    await answer({ verdict: 'solved' });
    await h.settle();
    await eventually(() => expect(postedTo(teamsIds.customerChannel, mention.id).filter((b) => b.includes('is closed, so these buttons no longer work'))).toHaveLength(1));
    // Nothing internal in the customer's channel, ever (the harness checks every call again at stop).
    expect(h.connector.calls.filter((call) => call.conversationId?.startsWith(teamsIds.customerChannel)).every((call) => !JSON.stringify(call.body).includes('INTERNAL'))).toBe(true);
    expect(h.slack.calls.every((call) => call.args.channel !== ids.acme)).toBe(true);
  });
});
