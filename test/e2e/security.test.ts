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

const messageBody = (ts: string) =>
  JSON.stringify(eventEnvelope({ type: 'message', channel: ids.acme, user: ids.customer, text: 'Forged?', ts }));

async function nothingStored(ts: string) {
  await h.settle();
  expect(await h.tugi.models.cases.countDocuments({ sourceKey: `${ids.acme}:${ts}` })).toBe(0);
  expect(await h.tugi.models.inbox.countDocuments()).toBe(0);
  expect(h.slack.calls.filter((c) => c.method.startsWith('chat.'))).toHaveLength(0);
}

describe('forged and stale requests', () => {
  it('refuses a request signed with the wrong secret with 401 and stores nothing', async () => {
    const ts = nextTs();
    const response = await postToSlackEndpoint(h.baseUrl, messageBody(ts), 'application/json', { secret: 'not-the-secret-at-all' });
    expect(response.status).toBe(401);
    await nothingStored(ts);
  });

  it('refuses an unsigned request', async () => {
    const ts = nextTs();
    expect((await postToSlackEndpoint(h.baseUrl, messageBody(ts), 'application/json', { unsigned: true })).status).toBe(401);
    await nothingStored(ts);
  });

  it('refuses a replay of a correctly signed request older than five minutes', async () => {
    const ts = nextTs();
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await postToSlackEndpoint(h.baseUrl, messageBody(ts), 'application/json', { timestamp: old })).status).toBe(401);
    await nothingStored(ts);
  });

  it('refuses a forged slash command and a forged button click', async () => {
    const form = new URLSearchParams({ command: '/tugi', text: 'new Forged case', team_id: ids.team, channel_id: ids.triage, user_id: ids.agent, trigger_id: 't-forged' });
    expect((await postToSlackEndpoint(h.baseUrl, form.toString(), 'application/x-www-form-urlencoded', { secret: 'wrong-secret-123' })).status).toBe(401);
    const click = new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', team: { id: ids.team }, user: { id: ids.agent }, actions: [] }) });
    expect((await postToSlackEndpoint(h.baseUrl, click.toString(), 'application/x-www-form-urlencoded', { secret: 'wrong-secret-123' })).status).toBe(401);
    expect(await h.tugi.models.cases.countDocuments()).toBe(0);
  });

  it('ignores events from another workspace', async () => {
    const ts = nextTs();
    const body = JSON.stringify({ ...eventEnvelope({ type: 'message', channel: ids.acme, user: ids.customer, text: 'Hi', ts }), team_id: 'T0OTHER' });
    expect((await postToSlackEndpoint(h.baseUrl, body, 'application/json')).status).toBe(200);
    await nothingStored(ts);
  });

  it('survives malformed payloads without crashing or storing anything', async () => {
    const ts = nextTs();
    const weird = JSON.stringify(eventEnvelope({ type: 'message', channel: 42, user: ['x'], ts: null }));
    expect((await postToSlackEndpoint(h.baseUrl, weird, 'application/json')).status).toBe(200);
    const garbage = await postToSlackEndpoint(h.baseUrl, 'payload=%7Bnot-json', 'application/x-www-form-urlencoded');
    expect(garbage.status).toBeGreaterThanOrEqual(400);
    await nothingStored(ts);
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
  });
});
