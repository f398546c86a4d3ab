import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alpha, shared, startOAuthTugi, type OAuthTugi } from '../support/oauth-tugi.js';

let t: OAuthTugi;

beforeEach(async () => {
  t = await startOAuthTugi();
});

afterEach(async () => {
  await t.stop();
});

const setupOf = (view: { private_metadata: string } | undefined) => JSON.parse(view!.private_metadata) as { version: number; key?: string | null };
const conversation = (id: string) => ({ selected_conversation: id });

describe('installing through "Add to Slack" and setting up in chat', () => {
  it('installs from the install page: Slack’s OAuth code is exchanged, and the bot token is stored sealed', async () => {
    const { page, callback } = await t.install(alpha);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Add to Slack');
    expect(page.html).toMatch(/https:\/\/slack\.com\/oauth\/v2\/authorize\?[^"]*scope=[^"]*chat%3Awrite/);
    expect(callback.status).toBe(200);
    expect(callback.html).toContain('tugi is installed in Alpha Support');
    expect(callback.html).toContain('/tugi setup');

    const stored = await t.tugi.models.installations.collection.findOne({ _id: alpha.teamId as never });
    expect(stored).toMatchObject({ botUserId: alpha.botUserId, installerUserId: alpha.installer, teamName: 'Alpha Support' });
    // Nothing in the document holds the token in clear text; the sealed value is AES-GCM under the test key.
    expect(JSON.stringify(stored)).not.toContain(alpha.botToken);
    expect(JSON.stringify(stored)).not.toContain('xoxb-');
    expect(String(stored!.sealed).split(':')).toHaveLength(4);
  });

  it('refuses a callback whose state this tugi did not sign, and an org-wide install, storing nothing', async () => {
    const forged = await t.install(alpha, { state: 'forged-state' });
    expect(forged.callback.status).toBe(500);
    expect(forged.callback.html).toContain('tugi was not installed');
    const grid = await t.install({ ...alpha, teamId: 'T0GRID', enterpriseId: 'E0GRID', orgWide: true });
    expect(grid.callback.status).toBe(400);
    expect(grid.callback.html).toContain('not org-wide');
    expect(await t.tugi.models.installations.countDocuments()).toBe(0);
  });

  it('sets a new workspace up from /tugi setup: channels, then an account, a person and a skill tag, each checked and recorded', async () => {
    await t.install(alpha);
    t.slack.users.set(alpha.installer, { name: 'Alice Admin', tz: 'Europe/Tallinn' });

    // Before setup, commands say what to do; setup is for the installer (no manager exists yet).
    const early = await t.command(alpha, 'mine', { user: alpha.installer });
    expect(early.json().text).toContain('not set up in this workspace yet');
    const stranger = await t.command(alpha, 'setup', { user: 'U0STRANGER' });
    expect(stranger.json().text).toContain('Only managers change tugi’s settings');
    expect(t.lastView(alpha, 'views.open')).toBeUndefined();
    const setupCommand = await t.command(alpha, 'setup', { user: alpha.installer });
    expect(setupCommand.json().text).toBe('Opening tugi’s setup…');
    const main = t.lastView(alpha, 'views.open')!;
    expect(main.callback_id).toBe('setup.main');

    // A missing channel is shown under its field, and nothing is saved.
    const missing = await t.submitView(alpha, alpha.installer, main, { triage: conversation(shared.triage), manager: {} });
    expect(missing.json()).toMatchObject({ response_action: 'errors', errors: { manager: expect.any(String) } });
    expect(await t.tugi.settings.get(alpha.teamId)).toBeUndefined();

    const saved = await t.submitView(alpha, alpha.installer, main, { triage: conversation(shared.triage), manager: conversation(shared.managers) });
    expect(saved.json()).toMatchObject({ response_action: 'update', view: { callback_id: 'setup.main' } });
    const first = (await t.tugi.settings.get(alpha.teamId))!;
    expect(first.config.workspace).toEqual({ slackTeamId: alpha.teamId, triageChannel: shared.triage, managerChannel: shared.managers });
    // The installer became the first manager, with the time zone of their Slack profile.
    expect(first.config.people).toEqual([expect.objectContaining({ name: 'Alice Admin', slackUserId: alpha.installer, roles: ['manager', 'agent'], timeZone: 'Europe/Tallinn' })]);

    // Add an account: its channels become customer channels at once, on this replica.
    await t.clickInView(alpha, alpha.installer, 'V0ROOT', 'setup.account.add');
    const accountForm = t.lastView(alpha, 'views.push')!;
    expect(accountForm.callback_id).toBe('setup.account');
    const badTarget = await t.submitView(alpha, alpha.installer, accountForm, { name: { value: 'Acme Ltd' }, language: { selected_option: { value: 'en' } }, defaultPriority: { selected_option: { value: 'P2' } }, channels: { selected_conversations: [shared.customers] }, firstResponse: { value: 'P1 soon' } });
    expect(badTarget.json()).toMatchObject({ response_action: 'errors', errors: { firstResponse: expect.stringContaining('must be a duration') } });
    // Drafts by a model provider are on for a new account; unticking keeps its cases from the provider.
    expect(JSON.stringify(accountForm.blocks)).toMatch(/"block_id":"ai".*"initial_options":\[\{[^\]]*"value":"on"/);
    const account = await t.submitView(alpha, alpha.installer, accountForm, { name: { value: 'Acme Ltd' }, language: { selected_option: { value: 'en' } }, defaultPriority: { selected_option: { value: 'P2' } }, channels: { selected_conversations: [shared.customers] }, firstResponse: { value: 'P1 15 minutes, P2 2 business hours' }, ai: { selected_options: [] } });
    expect(account.status).toBe(200);
    expect(account.text).toBe('');
    const root = t.lastView(alpha, 'views.update')!;
    expect(JSON.stringify(root.blocks)).toContain('Acme Ltd');
    expect(JSON.stringify(root.blocks)).toContain('P2 · no drafts');
    expect(t.tugi.desks.for(alpha.teamId)!.directory.customerChannel(shared.customers)?.account).toMatchObject({ id: 'acme-ltd', defaultPriority: 'P2', ai: false, sla: { P1: { firstResponse: { minutes: 15, business: false } } } });

    // A skill tag, and a person with it; a tag nobody declared cannot be given.
    await t.clickInView(alpha, alpha.installer, 'V0ROOT', 'setup.skill.add');
    const skillForm = t.lastView(alpha, 'views.push')!;
    const badTag = await t.submitView(alpha, alpha.installer, skillForm, { tag: { value: 'Net Work' } });
    expect(badTag.json()).toMatchObject({ response_action: 'errors', errors: { tag: expect.stringContaining('lowercase') } });
    expect((await t.submitView(alpha, alpha.installer, skillForm, { tag: { value: 'network' }, specialistsPerPull: { value: '2' } })).status).toBe(200);
    await t.clickInView(alpha, alpha.installer, 'V0ROOT', 'setup.person.add');
    const personForm = t.lastView(alpha, 'views.push')!;
    t.slack.users.set(shared.agent, { name: 'Mari Tamm', tz: 'Europe/Helsinki' });
    const badHours = await t.submitView(alpha, alpha.installer, personForm, { slackUserId: { selected_user: shared.agent }, roles: { selected_options: [{ value: 'agent' }] }, workingHours: { value: 'weekdays 9-5' } });
    expect(badHours.json()).toMatchObject({ response_action: 'errors', errors: { workingHours: expect.stringContaining('mon-fri 09:00-17:00') } });
    const person = await t.submitView(alpha, alpha.installer, personForm, {
      slackUserId: { selected_user: shared.agent },
      roles: { selected_options: [{ value: 'agent' }, { value: 'specialist' }] },
      skills: { selected_options: [{ value: 'network' }] },
      workingHours: { value: 'mon-thu 08:00-16:00; fri 08:00-12:00' },
    });
    expect(person.status).toBe(200);
    const mari = t.tugi.desks.for(alpha.teamId)!.directory.teamMember(shared.agent)!;
    expect(mari).toMatchObject({ name: 'Mari Tamm', roles: ['agent', 'specialist'], skills: ['network'], timeZone: 'Europe/Helsinki', workingHours: { fri: [{ from: 480, to: 720 }] } });

    // Removing the skill while Mari has it is refused with the reason, and nothing changes.
    await t.clickInView(alpha, alpha.installer, 'V0ROOT', 'setup.skill.edit', 'network');
    const editSkill = t.lastView(alpha, 'views.push')!;
    expect(setupOf(editSkill).key).toBe('network');
    const stillUsed = await t.submitView(alpha, alpha.installer, editSkill, { tag: { value: 'network' }, remove: { selected_options: [{ value: 'remove' }] } });
    expect(JSON.stringify(stillUsed.json())).toContain('skill network is not declared under skills');
    const before = (await t.tugi.settings.get(alpha.teamId))!;
    expect(before.config.skills.map((s) => s.tag)).toEqual(['network']);

    // Mari (an agent, not a manager) cannot change settings, even with a form in hand.
    const refused = await t.submitView(alpha, shared.agent, editSkill, { tag: { value: 'network' }, description: { value: 'hijacked' } });
    expect(JSON.stringify(refused.json())).toContain('You are not allowed to change tugi');
    expect((await t.tugi.settings.get(alpha.teamId))!.version).toBe(before.version);

    // Every change is in the log: who, when, what.
    const changes = await t.tugi.settings.changes(alpha.teamId);
    expect(changes.map((c) => c.summary)).toEqual(['added person Mari Tamm', 'added skill tag network', 'added account Acme Ltd', 'chose the triage and manager channels; added Alice Admin as the first manager']);
    expect(changes.every((c) => c.by === alpha.installer)).toBe(true);
    expect(changes[2]!.changes).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'accounts[acme-ltd]', after: expect.stringContaining(shared.customers) })]));

    // The desk works on the new settings with no restart: a customer message opens a case with the account's target.
    const { status } = await t.customerMessage(alpha, 'Our invoices fail to send');
    expect(status).toBe(200);
    await t.settle();
    const opened = await t.tugi.models.cases.findOne({ workspace: alpha.teamId }).lean();
    expect(opened).toMatchObject({ key: 'CS-1', account: 'acme-ltd', priority: 'P2' });
    const ack = t.slack.callsFrom(alpha.botToken).find((c) => c.method === 'chat.postMessage' && c.args.channel === shared.customers);
    expect(String(ack?.args.text)).toContain('CS-1');
  });

  it('shows the setup state on the Home tab, with the way in for those who may change it', async () => {
    await t.install(alpha);
    await t.event(alpha, { type: 'app_home_opened', user: alpha.installer, channel: 'D0HOME', tab: 'home' });
    const home = t.lastView(alpha, 'views.publish')!;
    expect(JSON.stringify(home.blocks)).toContain('not set up yet');
    expect(JSON.stringify(home.blocks)).toContain('setup.open');
    await t.event(alpha, { type: 'app_home_opened', user: shared.agent, channel: 'D0HOME2', tab: 'home' });
    expect(JSON.stringify(t.lastView(alpha, 'views.publish')!.blocks)).not.toContain('setup.open');
  });

  it('flags channels tugi is not in, and joins a public one in one click', async () => {
    await t.install(alpha);
    t.slack.channels.set(shared.triage, { isMember: false, isPrivate: false });
    t.slack.channels.set(shared.managers, { isMember: false, isPrivate: true });
    await t.command(alpha, 'setup', { user: alpha.installer });
    await t.submitView(alpha, alpha.installer, t.lastView(alpha, 'views.open')!, { triage: conversation(shared.triage), manager: conversation(shared.managers) });
    await t.command(alpha, 'setup', { user: alpha.installer });
    const view = JSON.stringify(t.lastView(alpha, 'views.open')!.blocks);
    expect(view).toContain(`tugi is not in <#${shared.triage}>`);
    expect(view).toContain(`<#${shared.managers}>. It is private: invite tugi there with`);
    await t.clickInView(alpha, alpha.installer, 'V0MAIN', 'setup.join', shared.triage);
    expect(t.slack.callsFrom(alpha.botToken).filter((c) => c.method === 'conversations.join').map((c) => c.args.channel)).toEqual([shared.triage]);
    expect(JSON.stringify(t.lastView(alpha, 'views.update')!.blocks)).not.toContain(`tugi is not in <#${shared.triage}>`);
  });
});
