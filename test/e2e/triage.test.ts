import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids } from '../fixtures/config.js';
import { clickCardAction, select } from '../support/card-actions.js';
import { eventually, startHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

async function openCase(text: string) {
  const { ts } = await h.customerMessage(text, { user: `U0T${Date.now()}` });
  await h.settle();
  return (await h.tugi.models.cases.findOne({ sourceKey: `${ids.acme}:${ts}` }).lean())!;
}

const click = (caseId: string, actionId: string, extra: Record<string, unknown> = {}, user = ids.agent) => clickCardAction(h, caseId, actionId, extra, user);
const privateAnswer = (path: string) => eventually(() => {
  const found = h.slack.responses.find((r) => r.path === path);
  expect(found).toBeDefined();
  return found!.body;
});

describe('case card actions', () => {
  it('assign to me, priority and a valid status change update the case, the timeline and the card', async () => {
    const c = await openCase('Build pipeline stuck');
    const id = String(c._id);
    expect((await click(id, 'case.assign_me')).response.status).toBe(200);
    await click(id, 'case.set_priority', select('P1'));
    await click(id, 'case.set_status', select('in_progress'));
    await h.settle();

    const updated = await h.tugi.models.cases.findById(c._id).lean();
    expect(updated).toMatchObject({ assignee: ids.agent, priority: 'P1', status: 'in_progress', version: 4 });
    const timeline = await h.tugi.models.caseEvents.find({ caseId: c._id }).sort({ at: 1, _id: 1 }).lean();
    expect(timeline.map((e) => [e.type, e.actor?.userId ?? null])).toEqual([
      ['opened', c.requester.userId],
      ['assigned', ids.agent],
      ['priority_changed', ids.agent],
      ['status_changed', ids.agent],
    ]);
    expect(timeline[3]!.data).toEqual({ from: 'new', to: 'in_progress' });

    const card = h.slack.posts(ids.triage).find((p) => p.args.text === `${c.key}: Build pipeline stuck`)!;
    const updates = h.slack.callsTo('chat.update').filter((u) => String(u.args.text).startsWith(c.key));
    expect(updates).toHaveLength(3);
    expect(updates.every((u) => u.args.ts === card.result!.ts && u.args.channel === ids.triage)).toBe(true);
    const last = JSON.stringify(updates[2]!.args.blocks);
    expect(last).toContain(`<@${ids.agent}>`);
    expect(last).toContain('P1 · Urgent');
    expect(last).toContain('In progress');
  });

  it('refuses an invalid transition privately and changes nothing', async () => {
    const c = await openCase('Wrong move');
    const { responsePath } = await click(String(c._id), 'case.set_status', select('closed'));
    const answer = await privateAnswer(responsePath);
    expect(answer).toMatchObject({ response_type: 'ephemeral' });
    expect(answer.text).toBe(`${c.key} cannot go from New to Closed. From New it can go to: Triaged, In progress. Nothing was changed.`);
    await h.settle();
    expect(await h.tugi.models.cases.findById(c._id).lean()).toMatchObject({ status: 'new', version: 1 });
    expect(await h.tugi.models.caseEvents.countDocuments({ caseId: c._id })).toBe(1);
  });

  it('refuses people outside the support team', async () => {
    const c = await openCase('Stranger danger');
    const { responsePath } = await click(String(c._id), 'case.assign_me', {}, ids.customer);
    expect((await privateAnswer(responsePath)).text).toMatch(/not allowed/);
    expect(await h.tugi.models.cases.findById(c._id).lean()).toMatchObject({ assignee: null, version: 1 });
  });

  it('refuses an unknown priority value and an unknown case', async () => {
    const c = await openCase('Bad values');
    const bad = await click(String(c._id), 'case.set_priority', select('P9'));
    expect((await privateAnswer(bad.responsePath)).text).toMatch(/not understood/);
    const missing = await click('0123456789abcdef01234567', 'case.assign_me');
    expect((await privateAnswer(missing.responsePath)).text).toMatch(/There is no case/);
    expect(await h.tugi.models.cases.findById(c._id).lean()).toMatchObject({ priority: 'P2', version: 1 });
  });

  it('two agents clicking at once both land, one after the other', async () => {
    const c = await openCase('Busy case');
    await Promise.all([click(String(c._id), 'case.assign_me'), click(String(c._id), 'case.set_priority', select('P4'))]);
    await h.settle();
    expect(await h.tugi.models.cases.findById(c._id).lean()).toMatchObject({ assignee: ids.agent, priority: 'P4', version: 3 });
  });
});

describe('/tugi', () => {
  it('/tugi new opens a case (logged as a phone call) and answers privately; a repeated delivery opens no second case', async () => {
    const first = await h.command('new Printer on floor 3 is jammed --via phone', { triggerId: 'trig-new-1' });
    const again = await h.command('new Printer on floor 3 is jammed --via phone', { triggerId: 'trig-new-1' });
    const body = first.json();
    expect(body).toMatchObject({ response_type: 'ephemeral' });
    expect(body.text).toMatch(/^Opened case CS-\d+\.$/);
    expect(again.json().text).toBe(body.text);
    const found = await h.tugi.models.cases.find({ sourceKey: 'command:trig-new-1' }).lean();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ title: 'Printer on floor 3 is jammed', source: { via: 'phone' }, requester: { userId: ids.agent } });
    await h.settle();
    expect(h.slack.posts(ids.triage).some((p) => p.args.text === `${found[0]!.key}: Printer on floor 3 is jammed`)).toBe(true);
  });

  it('/tugi case shows a case privately', async () => {
    const c = await openCase('Show me');
    const body = (await h.command(`case ${c.key.toLowerCase()}`)).json();
    expect(body).toMatchObject({ response_type: 'ephemeral', text: `${c.key}: Show me` });
    expect(JSON.stringify(body.blocks)).toContain('Show me');
  });

  it.each([
    ['case CS-99999', 'There is no case CS-99999.'],
    ['case banana', 'Name one case key, like `/tugi case CS-12`.'],
    ['frobnicate', 'Unknown command `frobnicate`. Try `/tugi help`.'],
    ['new', 'Give the case a title: `/tugi new Printer offline at HQ`.'],
    ['new Call from Bob --via fax', '--via takes phone or email, not `fax`.'],
    [`new ${'x'.repeat(201)}`, 'Keep the title under 200 characters.'],
  ])('answers `/tugi %s` with a clear private error and changes nothing', async (text, message) => {
    const before = await h.tugi.models.cases.countDocuments();
    const body = (await h.command(text)).json();
    expect(body).toEqual({ response_type: 'ephemeral', text: message });
    expect(await h.tugi.models.cases.countDocuments()).toBe(before);
  });

  it('keeps case details from people outside the team (a customer in a shared channel)', async () => {
    const c = await openCase('Private details');
    const body = (await h.command(`case ${c.key}`, { user: ids.customer, channel: ids.acme })).json();
    expect(body.text).toBe('You are not allowed to use tugi commands (they are for the support team).');
  });

  it('lists the commands for /tugi and /tugi help', async () => {
    expect((await h.command('')).json().text).toContain('/tugi new <title>');
    expect((await h.command('help')).json().text).toContain('/tugi case CS-12');
  });
});
