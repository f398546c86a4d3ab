import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSettings } from '../../src/config/index.js';
import { clickCardAction, select } from '../support/card-actions.js';
import { configYaml, ids } from '../fixtures/config.js';
import { startHarness, type Harness } from '../support/harness.js';
import { nextTs } from '../support/slack-requests.js';
import { hours, minutes, TestClock } from '../support/test-clock.js';

let h: Harness;
const clock = new TestClock();
beforeAll(async () => {
  // Sven (billing, Slack only) works around the clock here, so he can be asked.
  const always = '{ mon: ["00:00-24:00"], tue: ["00:00-24:00"], wed: ["00:00-24:00"], thu: ["00:00-24:00"], fri: ["00:00-24:00"], sat: ["00:00-24:00"], sun: ["00:00-24:00"] }';
  const settings = readSettings(configYaml.replace('workingHours: { mon: [], sat: [] }', `workingHours: ${always}`), 'test config');
  h = await startHarness({ clock, settings });
});
afterAll(async () => {
  await h?.stop();
});

describe('a specialist asked in Slack', () => {
  it('is mentioned in the case thread, and their reply there stops the specialist nag', async () => {
    const { ts } = await h.customerMessage('We were charged twice this month', { user: 'U0BILL', ts: nextTs(clock.now().getTime()) });
    await h.settle();
    const c = (await h.tugi.models.cases.findOne({ sourceKey: `${ids.acme}:${ts}` }).lean())!;
    const id = String(c._id);
    await clickCardAction(h, id, 'case.set_tags', { type: 'multi_static_select', selected_options: [{ value: 'billing' }] });
    await clickCardAction(h, id, 'case.set_status', select('in_progress'));
    await clickCardAction(h, id, 'case.pull_specialists');
    await h.settle();
    const cardTs = h.slack.posts(ids.triage).find((p) => String(p.args.text).startsWith(`${c.key}:`) && p.args.thread_ts === undefined)!.result!.ts as string;
    const asked = h.slack.posts(ids.triage).find((p) => p.args.thread_ts === cardTs && JSON.stringify(p.args.blocks).includes(`<@${ids.sven}>`));
    expect(asked).toBeDefined();

    // Sven answers under the card after 20 minutes: his first reply is on the case.
    clock.advance(minutes(20));
    const replyTs = nextTs(clock.now().getTime());
    await h.event({ type: 'message', channel: ids.triage, user: ids.sven, text: 'Looking at the invoice run now', ts: replyTs, thread_ts: cardTs, channel_type: 'channel' });
    await h.settle();
    const replied = (await h.tugi.models.cases.findById(c._id).lean())!;
    expect(replied.specialists.find((s) => s.personId === 'sven')!.firstReplyAt).not.toBeNull();

    // An hour later (the fixture's reply window) nobody pings him, and nobody else is pulled in.
    clock.advance(hours(1));
    await h.tugi.sweepDue();
    await h.settle();
    expect(h.slack.posts(ids.triage).filter((p) => String(p.args.text).includes('have not replied yet'))).toHaveLength(0);
    expect((await h.tugi.models.cases.findById(c._id).lean())!.specialists.map((s) => s.personId)).toEqual(['sven']);
  });
});
