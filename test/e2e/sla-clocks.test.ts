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
});
