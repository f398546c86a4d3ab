import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSettings } from '../../src/config/index.js';
import { configYaml } from '../fixtures/config.js';
import { startHarness, type Harness } from '../support/harness.js';
import { installedInTeam, personalMessage, teamsIds } from '../support/teams-activities.js';
import { teamsActivities } from '../../adapters/sandbox/teams-activities.js';

let h: Harness;
beforeAll(async () => {
  // Our organisation's tenant is set: other tenants must be a customer account's to be served.
  h = await startHarness({ settings: readSettings(configYaml.replace(/teams:\n/, `teams:\n  tenantId: "${teamsIds.tenant}"\n`)) });
});
afterAll(async () => {
  await h?.stop();
});

const textsTo = (channel: string) =>
  [...h.connector.callsOf('createConversation'), ...h.connector.callsOf('send'), ...h.connector.callsOf('reply')]
    .filter((call) => JSON.stringify(call.body).includes(channel))
    .map((call) => String((call.body.activity as { text?: string } | undefined)?.text ?? (call.body as { text?: string }).text ?? ''));

describe('Teams, across tenants', () => {
  it('greets the team once where it is added, even when Teams delivers the install twice', async () => {
    expect(h.tugi.desks.all()[0]!.config.teams.tenantId).toBe(teamsIds.tenant);
    const where = { serviceUrl: h.connector.serviceUrl, channel: teamsIds.specialists };
    const install = installedInTeam({ ...where, from: teamsIds.ann });
    expect(await h.teams(install)).toBe(200);
    expect(await h.teams(install)).toBe(200);
    expect(await h.teams(installedInTeam({ ...where, from: teamsIds.ann }))).toBe(200);
    await h.settle();
    const greetings = textsTo(teamsIds.specialists).filter((text) => text.includes("I'm tugi"));
    expect(greetings).toHaveLength(1);
    expect(greetings[0]).toContain('@mention me');
  });

  it('points a team member who asks for setup in Teams to Slack, where the settings are', async () => {
    const mark = h.connector.calls.length;
    const ask = personalMessage({ serviceUrl: h.connector.serviceUrl, conversationId: 'a:1-liis-chat', from: teamsIds.liis, text: 'setup' });
    expect(await h.teams(ask)).toBe(200);
    const replies = h.connector.calls.slice(mark).map((call) => JSON.stringify(call.body));
    expect(replies.join('\n')).toContain('tugi is set up from Slack: run `/tugi setup` there.');
  });

  it('tells a tenant no workspace has connected how to connect it, and takes nothing from it', async () => {
    const stranger = '11111111-2222-3333-4444-555555555555';
    const { installedInTeam: strangerInstall } = teamsActivities({ tenant: stranger, team: '19:stranger-team@thread.tacv2', bot: teamsIds.bot });
    expect(await h.teams(strangerInstall({ serviceUrl: h.connector.serviceUrl, channel: '19:stranger-general@thread.tacv2', from: { id: '29:someone', aadObjectId: '99999999-0000-0000-0000-000000000001', name: 'Someone' } }))).toBe(200);
    await h.settle();
    const note = textsTo('19:stranger-general@thread.tacv2').join('\n');
    expect(note).toContain('not connected to a tugi workspace yet');
    expect(note).toContain(stranger);
    expect(await h.tugi.conversations.get(h.tugi.desks.all()[0]!.workspace, '19:stranger-general@thread.tacv2')).toBeNull();
  });
});
