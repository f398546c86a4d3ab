import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alpha, beta, shared, startOAuthTugi, type OAuthTugi } from '../support/oauth-tugi.js';
import { minutes, TestClock } from '../support/test-clock.js';

let t: OAuthTugi;
const clock = new TestClock();

beforeAll(async () => {
  t = await startOAuthTugi({ clock });
  // Both workspaces use the same channel and user ids, and each has its own account and agent.
  await t.installAndSetUp(alpha, 'Acme');
  await t.installAndSetUp(beta, 'Bravo');
});

afterAll(async () => {
  await t?.stop();
});

const caseIn = (workspace: { teamId: string }, key: string) => t.tugi.models.cases.findOne({ workspace: workspace.teamId, key }).lean();
const answer = async (workspace: typeof alpha, text: string, user = shared.agent) => JSON.stringify((await t.command(workspace, text, { user })).json());
const sentWith = (workspace: typeof alpha, channel: string) => t.slack.callsFrom(workspace.botToken).filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel);

describe('two workspaces on one tugi', () => {
  it('keeps cases, keys, commands, cards and searches in their own workspace, with their own bot token', async () => {
    await t.customerMessage(alpha, 'The printer in Alpha prints blank pages');
    await t.customerMessage(beta, 'Beta cannot reach the VPN');
    await t.settle();
    const [a1, b1] = [(await caseIn(alpha, 'CS-1'))!, (await caseIn(beta, 'CS-1'))!];
    expect(a1).toMatchObject({ title: expect.stringContaining('printer'), account: 'acme' });
    expect(b1).toMatchObject({ title: expect.stringContaining('VPN'), account: 'bravo' });
    // Each acknowledgement and card went out with its own workspace's token, to the same channel ids.
    expect(sentWith(alpha, shared.customers).map((c) => String(c.args.text))).toEqual([expect.stringContaining('CS-1')]);
    expect(sentWith(beta, shared.customers).map((c) => String(c.args.text))).toEqual([expect.stringContaining('CS-1')]);
    expect(sentWith(alpha, shared.triage).some((c) => String(c.args.text).includes('printer'))).toBe(true);
    expect(sentWith(beta, shared.triage).some((c) => String(c.args.text).includes('printer'))).toBe(false);

    // The same command, the same user id, two workspaces: two answers.
    expect(await answer(alpha, 'case CS-1')).toContain('printer');
    expect(await answer(beta, 'case CS-1')).toContain('VPN');
    expect(await answer(beta, 'case CS-1')).not.toContain('printer');
    // A case opened by command is numbered and kept in its own workspace.
    expect(await answer(beta, 'new Beta printer jam logged by phone --via phone')).toContain('Opened case CS-2');
    expect(await caseIn(alpha, 'CS-2')).toBeNull();
    // Alpha's manager is nobody in Beta.
    expect(await answer(beta, 'case CS-1', alpha.installer)).toContain('they are for the support team');

    // A card button from Beta naming Alpha's case finds no such case in Beta, and changes nothing.
    const click = await t.interaction({
      type: 'block_actions',
      team: { id: beta.teamId },
      user: { id: shared.agent },
      trigger_id: 'trigger-cross',
      response_url: t.slack.responseUrl('cross'),
      container: { type: 'message', channel_id: shared.triage },
      actions: [{ action_id: 'case.assign_me', block_id: `case:${String(a1._id)}`, type: 'button' }],
    });
    expect(click.status).toBe(200);
    await t.settle();
    expect(JSON.stringify(t.slack.responses.find((r) => r.path === '/respond/cross')?.body)).toContain('no case');
    expect((await caseIn(alpha, 'CS-1'))!.assignee).toBeNull();

    // Alpha resolves its case; Beta's knowledge search does not find it.
    await t.interaction({ type: 'block_actions', team: { id: alpha.teamId }, user: { id: shared.agent }, trigger_id: 'tr-status', response_url: t.slack.responseUrl('status'), container: { type: 'message', channel_id: shared.triage }, actions: [{ action_id: 'case.set_status', block_id: `case:${String(a1._id)}`, type: 'static_select', selected_option: { value: 'in_progress' } }] });
    expect(await answer(alpha, 'resolve CS-1 cause: The toner cartridge was empty. fix: Replaced the toner.')).toContain('is resolved');
    expect(await answer(alpha, 'kb toner')).toContain('printer');
    expect(await answer(beta, 'kb toner')).not.toContain('printer');

    // Reports count their own workspace only.
    await t.customerMessage(alpha, 'Alpha again: the scanner jams', 'U0SCANNER');
    await t.settle();
    clock.advance(minutes(10));
    await t.tugi.foldReports();
    const day = clock.now().toISOString().slice(0, 10);
    expect((await t.tugi.desks.for(alpha.teamId)!.reports.figures(day, day)).opened).toBe(2);
    expect((await t.tugi.desks.for(beta.teamId)!.reports.figures(day, day)).opened).toBe(2);
    expect(await answer(alpha, 'report today', alpha.installer)).toContain('*Backlog now*: 1 open');
    expect(await answer(beta, 'report today', beta.installer)).toContain('*Backlog now*: 2 open');
    expect(await answer(beta, 'report today', beta.installer)).not.toContain('Acme');
  });

  it('uses settings changed on one replica on another within seconds, without a restart', async () => {
    const replica = await t.startAnother();
    expect(replica.desks.for(alpha.teamId)!.directory.tags).toEqual([]);
    await t.command(alpha, 'setup', { user: alpha.installer });
    await t.clickInView(alpha, alpha.installer, 'V0ROOT', 'setup.skill.add');
    expect((await t.submitView(alpha, alpha.installer, t.lastView(alpha, 'views.push')!, { tag: { value: 'network' } })).status).toBe(200);
    // This replica uses it at once; the other within its settings refresh.
    expect(t.tugi.desks.for(alpha.teamId)!.directory.tags).toEqual(['network']);
    await expect.poll(() => replica.desks.for(alpha.teamId)!.directory.tags, { timeout: 5_000 }).toEqual(['network']);
    const tagged = (await t.command(alpha, 'tag CS-2 +network', { replica })).json();
    expect(tagged.text).toBe('CS-2 is tagged network.');
    // Beta's desk knows no such tag.
    expect((await t.command(beta, 'tag CS-1 +network', { replica })).json().text).toContain('No tags are configured yet');
  });

  it('drops what was waiting for a workspace that uninstalls, keeps the others going, and works again after a reinstall', async () => {
    // A message to Beta is held back by a 429 when Beta uninstalls tugi.
    t.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1, channel: shared.customers });
    await t.customerMessage(beta, 'Beta: the wifi is slow', 'U0WIFI');
    await t.settle();
    const waiting = await t.tugi.models.outbox.find({ workspace: beta.teamId, state: 'pending' }).lean();
    expect(waiting.length).toBeGreaterThan(0);
    t.slack.revoke(beta.botToken);
    expect((await t.event(beta, { type: 'app_uninstalled' })).status).toBe(200);
    expect(await t.tugi.models.installations.countDocuments({ _id: beta.teamId as never })).toBe(0);
    // The scheduled jobs (nags, digests, folds) leave the uninstalled workspace alone.
    const visited: string[] = [];
    await t.tugi.desks.each('test', async (desk) => visited.push(desk.workspace));
    expect(visited).toEqual([alpha.teamId]);

    clock.advance(minutes(1));
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await t.settle();
    const dropped = await t.tugi.models.outbox.find({ _id: { $in: waiting.map((w) => w._id) } }).lean();
    expect(dropped.map((m) => m.state)).toEqual(waiting.map(() => 'dead'));
    expect(dropped[0]!.lastError).toContain(`tugi is not installed in Slack workspace ${beta.teamId}`);
    // New requests from Beta are not authorised any more; Alpha carries on.
    expect((await t.customerMessage(beta, 'Beta: anyone?', 'U0ANYONE')).status).toBe(200);
    await t.customerMessage(alpha, 'Alpha: the monitor flickers', 'U0MONITOR');
    await t.settle();
    expect(sentWith(alpha, shared.customers).at(-1)!.args.text).toContain('CS-3');
    expect(await t.tugi.models.cases.countDocuments({ workspace: beta.teamId })).toBe(3);

    // Reinstalled (a new token): the settings are still there, and cases flow again.
    const reinstalled = { ...beta, botToken: 'xoxb-beta-reinstalled-1' };
    expect((await t.install(reinstalled)).callback.status).toBe(200);
    await t.customerMessage(reinstalled, 'Beta is back: printer offline', 'U0BACK');
    await t.settle();
    expect(sentWith(reinstalled, shared.customers).map((c) => String(c.args.text))).toEqual([expect.stringContaining('CS-4')]);
  });
});
