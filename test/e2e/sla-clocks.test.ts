import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids } from '../fixtures/config.js';
import { clickCardAction, select } from '../support/card-actions.js';
import { startHarness, type Harness } from '../support/harness.js';
import { tsToDate } from '../../adapters/slack/payloads.js';
import { nextTs } from '../support/slack-requests.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('SLA clocks on a case, through real requests', () => {
  it('start at intake, stop at the first public reply, pause while waiting on the customer, follow the priority', async () => {
    const { ts } = await h.customerMessage('Cannot print invoices', { user: 'U0CLOCKS' });
    await h.settle();
    const opened = (await h.tugi.models.cases.findOne({ sourceKey: `${ids.acme}:${ts}` }).lean())!;
    // Acme's default priority is P2: 1 hour to the first response, 8 hours to resolve, on the wall clock.
    expect(opened.sla).toMatchObject({
      firstResponse: { target: { minutes: 60, business: false }, usedMinutes: 0, runningSince: tsToDate(ts), stoppedAt: null },
      resolution: { target: { minutes: 480, business: false }, runningSince: tsToDate(ts) },
    });

    const replyTs = nextTs();
    await h.customerMessage('Looking into it now', { user: ids.agent, threadTs: ts, ts: replyTs });
    await h.settle();
    const answered = (await h.tugi.models.cases.findById(opened._id).lean())!;
    expect(answered.sla!.firstResponse).toMatchObject({ stoppedAt: tsToDate(replyTs), runningSince: null });

    const id = String(opened._id);
    await clickCardAction(h, id, 'case.set_status', select('in_progress'));
    await clickCardAction(h, id, 'case.set_status', select('waiting_on_customer'));
    await h.settle();
    const waiting = (await h.tugi.models.cases.findById(opened._id).lean())!;
    expect(waiting.status).toBe('waiting_on_customer');
    expect(waiting.sla!.resolution.runningSince).toBeNull();

    await clickCardAction(h, id, 'case.set_priority', select('P1'));
    await clickCardAction(h, id, 'case.set_status', select('in_progress'));
    await h.settle();
    const resumed = (await h.tugi.models.cases.findById(opened._id).lean())!;
    expect(resumed.sla!.resolution).toMatchObject({ target: { minutes: 240, business: false }, stoppedAt: null });
    expect(resumed.sla!.resolution.runningSince).not.toBeNull();
    expect(resumed.sla!.resolution.usedMinutes).toBeGreaterThan(0);
  });

  it('keeps the earliest team reply as the first response, whatever order replies are handled in; activity only moves forward', async () => {
    const { ts } = await h.customerMessage('Login page is blank', { user: 'U0ORDER' });
    await h.settle();
    const c = (await h.tugi.models.cases.findOne({ sourceKey: `${ids.acme}:${ts}` }).lean())!;
    const earlier = nextTs();
    const later = nextTs();
    await h.customerMessage('Second look: cache cleared', { user: ids.agent, threadTs: ts, ts: later });
    await h.settle();
    await h.customerMessage('First look: checking', { user: ids.agent, threadTs: ts, ts: earlier });
    await h.settle();
    const stored = (await h.tugi.models.cases.findById(c._id).lean())!;
    expect(stored.firstResponseAt).toEqual(tsToDate(earlier));
    expect(stored.sla!.firstResponse.stoppedAt).toEqual(tsToDate(earlier));
    expect(stored.lastActivityAt).toEqual(tsToDate(later));
  });

  it('snoozes by command and from the card, records who and until when, and refuses bad input privately', async () => {
    const { ts } = await h.customerMessage('Dashboard is slow', { user: 'U0SNOOZE' });
    await h.settle();
    const c = (await h.tugi.models.cases.findOne({ sourceKey: `${ids.acme}:${ts}` }).lean())!;
    const answer = await h.command(`snooze ${c.key} 2h`);
    expect(answer.json().text).toContain(`Nags about ${c.key} are snoozed until`);
    const snoozed = (await h.tugi.models.cases.findById(c._id).lean())!;
    expect(snoozed.snoozedUntil!.getTime() - Date.now()).toBeGreaterThan(119 * 60_000);

    const bad = await h.command(`snooze ${c.key} someday`);
    expect(bad.json().text).toContain('Snooze for a time like');
    expect((await h.tugi.models.cases.findById(c._id).lean())!.version).toBe(snoozed.version);

    await clickCardAction(h, String(c._id), 'case.snooze', select('tomorrow'));
    await h.settle();
    const events = await h.tugi.models.caseEvents.find({ caseId: c._id, type: 'snoozed' }).sort({ at: 1 }).lean();
    expect(events.map((e) => e.actor?.userId)).toEqual([ids.agent, ids.agent]);
    expect(new Date(events[1]!.data.until as string).getUTCHours()).toBe(9); // the agent's zone is UTC in the fixture
  });

  it('/tugi stale lists breaching and quiet cases: the asker’s own, everyone’s for managers', async () => {
    const threeHoursAgo = (Date.now() / 1000 - 3 * 3600).toFixed(6);
    const { ts } = await h.customerMessage('Exports fail since the morning', { user: 'U0STALE', ts: threeHoursAgo });
    await h.settle();
    const c = (await h.tugi.models.cases.findOne({ sourceKey: `${ids.acme}:${ts}` }).lean())!;
    const listed = async (user: string) => JSON.stringify((await h.command('stale', { user })).json());

    const managers = await listed(ids.manager);
    expect(managers).toContain('All open cases needing attention');
    expect(managers).toContain(`*${c.key}*`);
    expect(managers).toContain('first response target breached');
    expect(managers).toContain('no activity for 3 h');
    expect(await listed(ids.agent)).toContain('Your cases: nothing is breaching or stale');

    await clickCardAction(h, String(c._id), 'case.assign_me');
    await h.settle();
    // Assigning is activity: the case is no longer quiet, but its first response is still late.
    const mine = await listed(ids.agent);
    expect(mine).toContain(`*${c.key}*`);
    expect(mine).not.toContain('no activity');
    expect((await h.command('stale now')).json().text).toContain('takes nothing more');
  });
});

describe('/tugi mine', () => {
  it('lists the asker’s open cases, assigned or asked as a specialist, most urgent first; others are refused', async () => {
    const { ts } = await h.customerMessage('Mobile app crashes on login', { user: 'U0MINE' });
    await h.settle();
    const c = (await h.tugi.models.cases.findOne({ sourceKey: `${ids.acme}:${ts}` }).lean())!;
    await clickCardAction(h, String(c._id), 'case.assign_me');
    await h.settle();
    const mine = JSON.stringify((await h.command('mine')).json());
    expect(mine).toContain('Your open cases');
    expect(mine).toContain(`*${c.key}* · Mobile app crashes on login`);
    expect(JSON.stringify((await h.command('mine', { user: ids.manager })).json())).not.toContain(c.key);
    expect((await h.command('mine', { user: ids.customer })).json().text).toContain('they are for the support team');
    expect((await h.command('mine please')).json().text).toContain('`/tugi mine` takes nothing more.');
  });
});
