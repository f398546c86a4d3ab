import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tugi } from '../../src/main.js';
import type { CaseService } from '../../src/cases/index.js';
import { ids } from '../fixtures/config.js';
import { eventually, startHarness, type Harness } from '../support/harness.js';
import { minutes, TestClock } from '../support/test-clock.js';

let h: Harness;
let replica: Tugi;
const clock = new TestClock();
beforeAll(async () => {
  h = await startHarness({ clock });
  replica = await h.startAnother();
});
afterAll(async () => {
  await h?.stop();
});

const cases = 500;
const warnings = () => h.slack.posts(ids.triage).filter((p) => String(p.args.text).includes('75 % of the first-response target'));

describe('exactly one nag per due point, with two replicas running Agenda on one database', () => {
  it(`${cases} due cases → ${cases} SLA warnings, none doubled by concurrent sweeps`, { timeout: 240_000 }, async () => {
    // Opened on both replicas in bursts, as a load balancer would spread them; Acme's P2 wants a first response within the hour.
    const opened: Awaited<ReturnType<CaseService['open']>>[] = [];
    const burst = 20;
    for (let start = 0; start < cases; start += burst) {
      opened.push(...(await Promise.all(Array.from({ length: burst }, (_, j) => open(start + j)))));
    }
    function open(i: number) {
      return (i % 2 ? replica : h.tugi).desks.for(ids.team)!.cases.open({
          workspace: ids.team,
          title: `Case ${i}`,
          description: '',
          requester: { platform: 'slack', userId: 'U0LOAD' },
          openedBy: { platform: 'slack', userId: ids.agent },
          account: 'acme',
          via: 'command',
          source: { platform: 'slack', channel: null, ts: null, permalink: null },
          sourceKey: `command:load-${i}`,
          at: clock.now(),
        });
    }
    expect(new Set(opened.map((o) => o.case.key)).size).toBe(cases);
    await h.settle();

    // 46 minutes later every case is past its 75 % point. Both replicas' Agenda sweeps run every second,
    // and each replica also sweeps by hand at the same time, so sweeps overlap on every slot.
    clock.advance(minutes(46));
    await Promise.all([h.tugi.sweepDue(), replica.sweepDue()]);
    await eventually(async () => {
      await h.settle();
      expect(warnings().length).toBeGreaterThanOrEqual(cases);
    }, 120_000);
    // More sweeps find nothing left to say.
    await Promise.all([h.tugi.sweepDue(), replica.sweepDue()]);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await h.settle();

    const keys = warnings().map((p) => String(p.args.text).split(':')[0]);
    expect(keys).toHaveLength(cases);
    expect(new Set(keys)).toEqual(new Set(opened.map((o) => o.case.key)));
    const done = await h.tugi.models.cases.countDocuments({ dueDone: { $elemMatch: { $regex: /^sla:firstResponse:.*:warning$/ } } });
    expect(done).toBe(cases);
  });
});
