import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids } from '../fixtures/config.js';
import { FakeBotIdentity } from '../support/fake-bot-identity.js';
import { startHarness, type Harness } from '../support/harness.js';
import { channelMessage, installedInTeam, postActivity, teamsIds } from '../support/teams-activities.js';

const appId = '6f1c2c1e-8d2a-4d8e-9a43-6b1f0c6a1d11';
let h: Harness;
let identity: FakeBotIdentity;
beforeAll(async () => {
  identity = await new FakeBotIdentity().start();
  h = await startHarness({ teams: { appId, appPassword: 'not-used-for-inbound', openIdMetadataUrl: identity.metadataUrl } });
});
afterAll(async () => {
  await h?.stop();
  await identity?.stop();
});

describe('Teams with app credentials', () => {
  it('refuses a missing, forged, mis-addressed or expired token with 401 and stores nothing', async () => {
    const where = { serviceUrl: h.connector.serviceUrl, channel: teamsIds.customerChannel };
    const activity = channelMessage({ ...where, from: teamsIds.customer, text: 'please help', mentionBot: true });
    const tokens = [
      undefined,
      identity.forge(appId, where.serviceUrl),
      identity.token('some-other-bot', where.serviceUrl),
      identity.token(appId, 'https://evil.example/'),
      identity.token(appId, where.serviceUrl, { exp: Math.floor(Date.now() / 1000) - 3600, nbf: Math.floor(Date.now() / 1000) - 7200 }),
      'Bearer not.a.jwt',
    ];
    for (const token of tokens) expect(await postActivity(h.baseUrl, activity, token)).toBe(401);
    await h.settle();
    expect(await h.tugi.models.inbox.countDocuments()).toBe(0);
    expect(await h.tugi.models.cases.countDocuments()).toBe(0);
    expect(h.connector.calls).toHaveLength(0);
  });

  it('accepts a token signed by the Bot Framework key for this bot', async () => {
    const where = { serviceUrl: h.connector.serviceUrl, channel: teamsIds.specialists };
    expect(await postActivity(h.baseUrl, installedInTeam({ ...where, from: teamsIds.ann }), identity.token(appId, where.serviceUrl))).toBe(200);
    await h.settle();
    expect(await h.tugi.conversations.get(ids.team, teamsIds.specialists)).toMatchObject({ serviceUrl: h.connector.serviceUrl });
  });
});

describe('Teams without credentials or the development flag', () => {
  it('answers 503 and does nothing', async () => {
    const off = await startHarness({ teams: {} });
    try {
      const activity = channelMessage({ serviceUrl: off.connector.serviceUrl, channel: teamsIds.customerChannel, from: teamsIds.customer, text: 'hi', mentionBot: true });
      expect(await off.teams(activity)).toBe(503);
      expect(await off.tugi.models.inbox.countDocuments()).toBe(0);
    } finally {
      await off.stop();
    }
  });
});
