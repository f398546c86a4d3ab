import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids } from '../fixtures/config.js';
import { startHarness, type Harness } from '../support/harness.js';
import { eventEnvelope, nextTs, postToSlackEndpoint } from '../support/slack-requests.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const casesFor = (ts: string) => h.tugi.models.cases.find({ sourceKey: `${ids.acme}:${ts}` }).lean();
const acksFor = (ts: string) => h.slack.posts(ids.acme).filter((c) => c.args.thread_ts === ts);

describe('exactly once', () => {
  it('a Slack retry (X-Slack-Retry-Num) of a delivered event leaves one case and one acknowledgement', async () => {
    const ts = nextTs();
    const first = await h.customerMessage('Retry me', { ts, eventId: 'EvRetry1', user: 'U0RETRY' });
    const retry = await h.event(
      { type: 'message', channel: ids.acme, user: 'U0RETRY', text: 'Retry me', ts },
      { eventId: 'EvRetry1', headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } },
    );
    expect([first.status, retry.status]).toEqual([200, 200]);
    await h.settle();
    expect(await casesFor(ts)).toHaveLength(1);
    expect(acksFor(ts)).toHaveLength(1);
  });

  it('the same message delivered twice under different event ids still gives one case', async () => {
    const ts = nextTs();
    await h.customerMessage('Twice', { ts, user: 'U0TWICE' });
    await h.customerMessage('Twice', { ts, user: 'U0TWICE' });
    await h.settle();
    expect(await casesFor(ts)).toHaveLength(1);
    expect(acksFor(ts)).toHaveLength(1);
  });

  it('ten copies of one delivery arriving at once give one case', async () => {
    const ts = nextTs();
    const body = JSON.stringify(eventEnvelope({ type: 'message', channel: ids.acme, user: 'U0BURST', text: 'Burst', ts }, 'EvBurst'));
    const statuses = await Promise.all(Array.from({ length: 10 }, () => postToSlackEndpoint(h.baseUrl, body, 'application/json')));
    expect(statuses.every((r) => r.status === 200)).toBe(true);
    await h.settle();
    expect(await casesFor(ts)).toHaveLength(1);
    expect(acksFor(ts)).toHaveLength(1);
    expect(await h.tugi.models.inbox.countDocuments({ _id: `${ids.team}:EvBurst` })).toBe(1);
  });

  it('two replicas receiving the same event at once give one case and one acknowledgement', async () => {
    const replica = await h.startAnother();
    const ts = nextTs();
    const body = JSON.stringify(eventEnvelope({ type: 'message', channel: ids.acme, user: 'U0REPLICA', text: 'Two replicas', ts }, 'EvReplica'));
    const [a, b] = await Promise.all([
      postToSlackEndpoint(h.baseUrl, body, 'application/json'),
      postToSlackEndpoint(`http://127.0.0.1:${replica.port}`, body, 'application/json'),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await h.settle();
    expect(await casesFor(ts)).toHaveLength(1);
    expect(acksFor(ts)).toHaveLength(1);
  });

  it('two replicas with different deliveries of one message (message event and reaction) give one case', async () => {
    const replica = await h.startAnother();
    const ts = nextTs();
    h.slack.messages.set(`${ids.acme}:${ts}`, { user: 'U0RACE', text: 'Race' });
    const message = JSON.stringify(eventEnvelope({ type: 'message', channel: ids.acme, user: 'U0RACE', text: 'Race', ts }));
    const reaction = JSON.stringify(
      eventEnvelope({ type: 'reaction_added', user: ids.agent, reaction: 'ticket', item: { type: 'message', channel: ids.acme, ts } }),
    );
    await Promise.all([
      postToSlackEndpoint(h.baseUrl, message, 'application/json'),
      postToSlackEndpoint(`http://127.0.0.1:${replica.port}`, reaction, 'application/json'),
    ]);
    await h.settle();
    expect(await casesFor(ts)).toHaveLength(1);
    expect(acksFor(ts)).toHaveLength(1);
    const cards = h.slack.posts(ids.triage).filter((c) => String(c.args.text).endsWith(': Race'));
    expect(cards).toHaveLength(1);
  });

  it('case keys stay unique and gap-free under concurrent intake', async () => {
    const tss = Array.from({ length: 20 }, () => nextTs());
    await Promise.all(tss.map((ts, i) => h.customerMessage(`Parallel ${i}`, { ts, user: `U0PAR${i}` })));
    await h.settle();
    const keys = (await h.tugi.models.cases.find({ sourceKey: { $in: tss.map((ts) => `${ids.acme}:${ts}`) } }).lean()).map((c) => c.number);
    expect(new Set(keys).size).toBe(20);
    // One process served the burst from its own runs of numbers: consecutive, nothing skipped.
    const sorted = [...keys].sort((a, b) => a - b);
    expect(sorted).toEqual(Array.from({ length: 20 }, (_, i) => sorted[0]! + i));
    // Across the file, the only number not used is one the second replica took while losing a race for an existing case (it would number its next case).
    const all = (await h.tugi.models.cases.find().lean()).map((c) => c.number);
    expect(new Set(all).size).toBe(all.length);
    expect(Math.max(...all) - all.length).toBeLessThanOrEqual(1);
  });
});
