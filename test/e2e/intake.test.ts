import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids } from '../fixtures/config.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('auto-capture of a customer message', () => {
  it('opens a case, answers the customer in their thread and posts a card in triage', async () => {
    const { ts, status } = await h.customerMessage('VPN drops every 5 minutes\nSince this morning, all users.');
    expect(status).toBe(200);
    await h.settle();

    const found = await h.tugi.models.cases.findOne({ sourceKey: `${ids.acme}:${ts}` }).lean();
    expect(found).toMatchObject({ title: 'VPN drops every 5 minutes', status: 'new', priority: 'P2', account: 'acme' });
    const ack = h.slack.posts(ids.acme).find((c) => c.args.thread_ts === ts);
    expect(ack?.args.text).toContain(found!.key);
    expect(ack?.args.text).toContain('within 1 hour');
    const card = h.slack.posts(ids.triage).find((c) => String(c.args.text).startsWith(found!.key));
    expect(card).toBeDefined();
  });
});
