import { MongoServerError } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeSlack } from '../../adapters/sandbox/fake-slack.js';
import { ids } from '../fixtures/config.js';
import { FakeSocketMode } from '../support/fake-socket-mode.js';
import { startHarness, type Harness } from '../support/harness.js';
import { eventEnvelope, nextTs } from '../support/slack-requests.js';

let h: Harness;
let socket: FakeSocketMode;
beforeAll(async () => {
  socket = await new FakeSocketMode().start();
  const slack = await new FakeSlack().start();
  slack.socketModeUrl = socket.url;
  h = await startHarness({ slack, appToken: 'xapp-1-A0TUGI-socket-test' });
  await socket.connected();
});
afterAll(async () => {
  await h?.stop();
  await socket?.stop();
});

const message = (text: string, user: string) => {
  const ts = nextTs();
  return { ts, body: eventEnvelope({ type: 'message', channel: ids.acme, user, text, ts, channel_type: 'channel' }) };
};
const casesFor = (ts: string) => h.tugi.models.cases.countDocuments({ sourceKey: `${ids.acme}:${ts}` });
const acksFor = (ts: string) => h.slack.posts(ids.acme).filter((p) => p.args.thread_ts === ts).length;

describe('Socket Mode, against a local fake of Slack’s WebSocket endpoint', () => {
  it('takes an event over the socket: acknowledged once stored, a case and its acknowledgement', async () => {
    const { ts, body } = message('Socket: the VPN is down', 'U0SOCK1');
    expect(await socket.deliver('events_api', body)).toEqual({});
    await h.settle();
    expect(await casesFor(ts)).toBe(1);
    expect(acksFor(ts)).toBe(1);
    expect(h.slack.callsTo('apps.connections.open')).toHaveLength(1);
  });

  it('answers a slash command over the socket with the private answer as the acknowledgement’s payload', async () => {
    const answer = await socket.deliver('slash_commands', { command: '/tugi', text: 'help', team_id: ids.team, channel_id: ids.triage, user_id: ids.agent, user_name: 'agent', trigger_id: 'sock-trigger', response_url: h.slack.responseUrl('sock') });
    expect(answer).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('tugi commands') });
  });

  it('reconnects when Slack asks (disconnect), and keeps taking events', async () => {
    const before = socket.connections;
    socket.disconnect();
    await socket.connected(before + 1);
    const { ts, body } = message('Socket: after the refresh', 'U0SOCK2');
    expect(await socket.deliver('events_api', body)).toEqual({});
    await h.settle();
    expect(await casesFor(ts)).toBe(1);
  });

  it('exactly once over a dropped connection: the redelivered envelope opens no second case and sends no second acknowledgement', async () => {
    const { ts, body } = message('Socket: printer jam, then the line drops', 'U0SOCK3');
    const first = socket.deliver('events_api', body, { envelopeId: 'env-dropped', waitMs: 300 });
    socket.drop();
    await first;
    await socket.connected(socket.connections + 1);
    // Slack sends an envelope it has no acknowledgement for again, on the new connection.
    expect(await socket.deliver('events_api', body, { envelopeId: 'env-dropped', retryAttempt: 1 })).toEqual({});
    await h.settle();
    expect(await casesFor(ts)).toBe(1);
    expect(acksFor(ts)).toBe(1);
  });

  it('acknowledges an event only once it is stored: a write the database refused is not acknowledged, so Slack sends it again', async () => {
    const { ts, body } = message('Socket: the database blinks', 'U0SOCK4');
    const collection = h.tugi.models.inbox.collection;
    const spy = vi.spyOn(collection, 'insertMany').mockImplementationOnce((() => Promise.reject(new MongoServerError({ message: 'not primary', code: 10107 }))) as never);
    expect(await socket.deliver('events_api', body, { envelopeId: 'env-refused', waitMs: 1_000 })).toBeUndefined();
    spy.mockRestore();
    expect(await casesFor(ts)).toBe(0);
    expect(await socket.deliver('events_api', body, { envelopeId: 'env-refused', retryAttempt: 1 })).toEqual({});
    await h.settle();
    expect(await casesFor(ts)).toBe(1);
    expect(acksFor(ts)).toBe(1);
  });
});
