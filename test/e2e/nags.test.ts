import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids } from '../fixtures/config.js';
import { clickCardAction, select } from '../support/card-actions.js';
import { eventually, startHarness, type Harness } from '../support/harness.js';
import { nextTs } from '../support/slack-requests.js';
import { cardSubmit, installedInTeam, teamsIds } from '../support/teams-activities.js';
import { hours, minutes, TestClock } from '../support/test-clock.js';

let h: Harness;
const clock = new TestClock();
beforeAll(async () => {
  h = await startHarness({ clock });
});
afterAll(async () => {
  await h?.stop();
});

/** Moves time on, lets both the scheduled sweep and an extra one run, and waits for delivery. */
async function after(ms: number) {
  clock.advance(ms);
  await h.tugi.sweepDue();
  await new Promise((resolve) => setTimeout(resolve, 1_200)); // one scheduled sweep too
  await h.settle();
}

const nagsAbout = (key: string, channel = ids.triage) => h.slack.posts(channel).filter((p) => String(p.args.text).startsWith(`${key}: `) && JSON.stringify(p.args.blocks ?? '').includes(key));
const nagTexts = (key: string, channel?: string) => nagsAbout(key, channel).map((p) => String(p.args.text).slice(key.length + 2));

async function openCase(text: string, user: string) {
  const { ts } = await h.customerMessage(text, { user, ts: nextTs(clock.now().getTime()) });
  await h.settle();
  return (await h.tugi.models.cases.findOne({ sourceKey: `${ids.acme}:${ts}` }).lean())!;
}

describe('SLA notices and stale nags, by the scheduled sweep', () => {
  it('warns, announces a breach to the assignee and the managers, nags a quiet case and escalates it once — each exactly once', async () => {
    const c = await openCase('Invoices page shows an error', 'U0NAG1');
    const id = String(c._id);
    await clickCardAction(h, id, 'case.assign_me');
    await h.settle();
    const cardTs = h.slack.posts(ids.triage).find((p) => String(p.args.text).startsWith(`${c.key}:`) && p.args.thread_ts === undefined)!.result!.ts;

    // 50 minutes in (P2: first response within 1 hour): the 75 % warning, in the case thread, mentioning the
    // assignee — sent by Agenda's scheduled sweep alone.
    clock.advance(minutes(50));
    await eventually(async () => {
      await h.settle();
      expect(nagsAbout(c.key).filter((p) => String(p.args.text).includes('75 %'))).toHaveLength(1);
    });
    await after(0);
    const warnings = nagsAbout(c.key).filter((p) => String(p.args.text).includes('75 %'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.args.thread_ts).toBe(cardTs);
    expect(JSON.stringify(warnings[0]!.args.blocks)).toContain(`<@${ids.agent}>`);
    // Every nag has buttons that act on the case.
    expect(JSON.stringify(warnings[0]!.args.blocks)).toContain(`"block_id":"case:${id}"`);

    // Past the hour: the breach, to the thread and to the managers; no second warning.
    await after(minutes(15));
    expect(nagTexts(c.key).filter((t) => t.includes('breached'))).toHaveLength(1);
    expect(nagTexts(c.key, ids.managers)).toEqual(['The first-response target (1 hour) is breached.']);

    // Two hours after the last activity (the assignment): the first stale nag.
    await after(minutes(60));
    expect(nagTexts(c.key).filter((t) => t.startsWith('No activity'))).toEqual(['No activity for 2 hours (reminder 1 of 2 before the managers are told).']);

    // Tugi was down for hours: nag 2 is superseded by the escalation and the resolution warning speaks once.
    await after(hours(4));
    await after(minutes(1));
    expect(nagTexts(c.key).filter((t) => t.startsWith('No activity'))).toHaveLength(1);
    expect(nagTexts(c.key, ids.managers)).toEqual([
      'The first-response target (1 hour) is breached.',
      'No activity for 6 hours; Mari Tamm was reminded and nothing moved.',
    ]);
    expect(nagTexts(c.key).filter((t) => t.includes('resolution target'))).toEqual(['75 % of the resolution target (8 hours) is used: 2 hours left.']);

    const stored = (await h.tugi.models.cases.findById(c._id).lean())!;
    expect(stored.dueDone).toEqual(expect.arrayContaining([expect.stringMatching(/^sla:firstResponse:.*:warning$/), expect.stringMatching(/^stale:.*:3$/)]));
    // Nags are not activity: the case's last activity is still the assignment.
    expect(stored.lastActivityAt.getTime()).toBeLessThan(clock.now().getTime() - hours(6));
  });

  it('an unassigned case is nagged in the triage channel itself; snoozing from the nag postpones the next one', async () => {
    const c = await openCase('Report export is empty', 'U0NAG2');
    const id = String(c._id);
    await after(hours(2) + minutes(1));
    const stale = nagsAbout(c.key).filter((p) => String(p.args.text).includes('No activity'));
    expect(stale).toHaveLength(1);
    expect(stale[0]!.args.thread_ts).toBeUndefined();
    expect(String(stale[0]!.args.text)).toContain('Nobody is assigned.');

    // The nag's snooze menu (same action as the card's): no nag until then, and the timeline says who and until when.
    await clickCardAction(h, id, 'case.snooze', select('4h'));
    await after(hours(2) + minutes(1));
    expect(nagTexts(c.key).filter((t) => t.startsWith('No activity'))).toHaveLength(1);
    const snoozed = await h.tugi.models.caseEvents.find({ caseId: c._id, type: 'snoozed' }).lean();
    expect(snoozed.map((e) => e.actor?.userId)).toEqual([ids.agent]);
    await after(hours(2));
    expect(nagTexts(c.key).filter((t) => t.startsWith('No activity'))).toHaveLength(2);
  });
});

describe('specialist and customer nags', () => {
  it('pings a silent specialist in the Teams thread, then pulls in the next one with the tag and says why', async () => {
    expect(await h.teams(installedInTeam({ serviceUrl: h.connector.serviceUrl, channel: teamsIds.specialists, from: teamsIds.ann }))).toBe(200);
    const c = await openCase('VPN tunnel keeps dropping', 'U0NAG3');
    const id = String(c._id);
    await clickCardAction(h, id, 'case.assign_me');
    await clickCardAction(h, id, 'case.set_status', select('in_progress'));
    await clickCardAction(h, id, 'case.pull_specialists');
    await h.settle();
    const first = (await h.tugi.models.cases.findById(c._id).lean())!.specialists[0]!;
    const firstName = first.personId === 'ann' ? teamsIds.ann.name : teamsIds.tom.name;

    // One hour without a reply (the fixture's specialistReplyWithin): a ping in the Teams thread with a real mention.
    await after(hours(1) + minutes(1));
    const pings = h.connector.postsContaining('have not replied yet');
    expect(pings).toHaveLength(1);
    expect(JSON.stringify(pings[0]!.body)).toContain(`<at>${firstName}</at>`);
    expect(JSON.stringify(pings[0]!.body)).toContain('"tugi":"case.snooze"');

    // A stranger's press on the card's snooze button changes nothing, and the thread says why.
    const rootId = h.connector.callsOf('createConversation').at(-1)!.messageId!;
    const where = { serviceUrl: h.connector.serviceUrl, channel: teamsIds.specialists, rootId };
    const stranger = { id: '29:stranger', name: 'Stranger', aadObjectId: '00000000-0000-0000-0000-00000000dead' };
    expect(await h.teams(cardSubmit({ ...where, from: stranger, value: { tugi: 'case.snooze', caseId: id, choice: '4h' } }))).toBe(200);
    await h.settle();
    expect(h.connector.postsContaining('You are not allowed to change cases')).toHaveLength(1);
    expect((await h.tugi.models.cases.findById(c._id).lean())!.snoozedUntil).toBeNull();

    // Another hour: the next specialist with the tag is pulled in, and the thread says why.
    await after(hours(1));
    const now = (await h.tugi.models.cases.findById(c._id).lean())!;
    expect(now.specialists.map((s) => s.personId).sort()).toEqual(['ann', 'tom']);
    await eventually(() => expect(h.connector.postsContaining(`has not replied in 2 hours`)).toHaveLength(1));
    const pulls = await h.tugi.models.caseEvents.find({ caseId: c._id, type: 'specialists_pulled' }).lean();
    expect(pulls.map((e) => e.actor?.userId)).toEqual([ids.agent, 'tugi']);

    // A specialist snoozes from the card in Teams: the case is snoozed and the thread hears until when.
    expect(await h.teams(cardSubmit({ ...where, from: teamsIds.tom, value: { tugi: 'case.snooze', caseId: id, choice: 'tomorrow' } }))).toBe(200);
    await h.settle();
    expect((await h.tugi.models.cases.findById(c._id).lean())!.snoozedUntil).not.toBeNull();
    await eventually(() => expect(h.connector.postsContaining('Tom Network snoozed nags about')).toHaveLength(1));
  });

  it('reminds a quiet customer in their thread, then resolves the case politely and says how to reopen', async () => {
    const c = await openCase('Need a copy of last month’s invoice', 'U0NAG4');
    const id = String(c._id);
    await clickCardAction(h, id, 'case.assign_me');
    await clickCardAction(h, id, 'case.set_status', select('in_progress'));
    await clickCardAction(h, id, 'case.set_status', select('waiting_on_customer'));
    await h.settle();
    const thread = (p: { args: Record<string, unknown> }) => p.args.thread_ts === c.source.ts;

    await after(hours(3 * 24) + minutes(1));
    const reminders = h.slack.posts(ids.acme).filter(thread).filter((p) => String(p.args.text).includes("we're waiting to hear back"));
    expect(reminders).toHaveLength(1);
    expect(String(reminders[0]!.args.text)).toContain(c.key);

    await after(hours(4 * 24));
    const resolved = (await h.tugi.models.cases.findById(c._id).lean())!;
    expect(resolved.status).toBe('resolved');
    expect(h.slack.posts(ids.acme).filter(thread).filter((p) => String(p.args.text).includes('If you still need help, just reply here.'))).toHaveLength(1);
    expect(nagTexts(c.key), JSON.stringify(nagTexts(c.key))).toContain('Resolved automatically: the customer did not answer for 3 days and a reminder.');
    const change = await h.tugi.models.caseEvents.findOne({ caseId: c._id, type: 'status_changed', 'data.automatic': true }).lean();
    expect(change).toMatchObject({ actor: { userId: 'tugi' }, data: { from: 'waiting_on_customer', to: 'resolved' } });
    // Nothing internal ever reached the customer's channel.
    expect(h.slack.posts(ids.acme).every((p) => !JSON.stringify(p.args).includes('Resolved automatically'))).toBe(true);

    // The customer's reply is answered with the question whether to reopen; "Still broken" reopens it, with a fresh resolution clock.
    await h.customerMessage('Sorry, was away — still need it', { user: 'U0NAG4', threadTs: c.source.ts!, ts: nextTs(clock.now().getTime()) });
    await h.settle();
    const prompt = h.slack.posts(ids.acme).filter(thread).find((p) => String(p.args.text).includes('still a problem'))!;
    expect(JSON.stringify(prompt.args.blocks)).toContain('case.answer_broken');
    await h.interaction({
      type: 'block_actions',
      team: { id: ids.team },
      user: { id: 'U0NAG4' },
      trigger_id: 'nag4-reopen',
      response_url: h.slack.responseUrl('nag4-reopen'),
      channel: { id: ids.acme },
      actions: [{ action_id: 'case.answer_broken', block_id: `answer:${id}`, type: 'button', value: id }],
    });
    await h.settle();
    const reopened = (await h.tugi.models.cases.findById(c._id).lean())!;
    expect(reopened.status).toBe('in_progress');
    expect(reopened.sla!.resolution).toMatchObject({ usedMinutes: 0, stoppedAt: null });
    const reason = await h.tugi.models.caseEvents.findOne({ caseId: c._id, type: 'reopened' }).lean();
    expect(reason).toMatchObject({ actor: { userId: 'U0NAG4' }, data: { from: 'resolved', to: 'in_progress', byCustomer: true } });
  });

  it('a customer who answers while the case waits on them puts it back to work, and no reminder goes out', async () => {
    const c = await openCase('Which plan are we on?', 'U0NAG5');
    const id = String(c._id);
    await clickCardAction(h, id, 'case.set_status', select('in_progress'));
    await clickCardAction(h, id, 'case.set_status', select('waiting_on_customer'));
    await h.settle();
    await after(hours(24));
    await h.customerMessage('Here is our account number', { user: 'U0NAG5', threadTs: c.source.ts!, ts: nextTs(clock.now().getTime()) });
    await h.settle();
    expect((await h.tugi.models.cases.findById(c._id).lean())!.status).toBe('in_progress');
    await after(hours(3 * 24));
    expect(h.slack.posts(ids.acme).filter((p) => p.args.thread_ts === c.source.ts && String(p.args.text).includes('waiting to hear back'))).toHaveLength(0);
  });
});
