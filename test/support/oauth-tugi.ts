import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { startTugi, type Tugi } from '../../src/main.js';
import type { Clock } from '../../src/ports/clock.js';
import { InstallationRepository } from '../../src/storage/installation.repository.js';
import { createModels } from '../../src/storage/models/index.js';
import { Sealer } from '../../src/storage/sealer.js';
import { FakeSlack, type FakeWorkspace } from '../../adapters/sandbox/fake-slack.js';
import { FakeBotConnector } from '../../adapters/sandbox/fake-bot-connector.js';
import { openTestDatabase, type TestDatabase } from './database.js';
import { settleReplicas } from './harness.js';
import { nextTs, postToSlackEndpoint, signingSecret } from './slack-requests.js';

/** Two workspaces that reuse the same channel and user ids, as real ones do (ids are only unique within a workspace). */
export const shared = { triage: 'C0TRIAGE', managers: 'C0MANAGERS', customers: 'C0CUSTOMERS', agent: 'U0AGENT', customer: 'U0CUSTOMER' };

export const alpha: FakeWorkspace = { teamId: 'T0ALPHA', teamName: 'Alpha Support', botToken: 'xoxb-alpha-0123456789', botUserId: 'U0ALPHABOT', installer: 'U0ALICE' };
export const beta: FakeWorkspace = { teamId: 'T0BETA', teamName: 'Beta Help', botToken: 'xoxb-beta-9876543210', botUserId: 'U0BETABOT', installer: 'U0BOB' };

let counter = 0;
const next = (prefix: string) => `${prefix}-${Date.now()}-${(counter += 1)}`;

/**
 * tugi in OAuth mode (no bot token, no settings file) against the fake Slack: installs happen
 * through the install page and the OAuth callback, settings through the setup modal — as a team
 * would do it. Requests are signed and carry their workspace's team id.
 */
export async function startOAuthTugi(options: { clock?: Clock } = {}) {
  const db: TestDatabase = await openTestDatabase();
  const slack = await new FakeSlack().start();
  const connector = await new FakeBotConnector().start();
  const key = randomBytes(32);
  const replicas: Tugi[] = [];
  const boot = async (connection = db.connection) => {
    const tugi = await startTugi({
      connection,
      port: 0,
      logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
      slack: {
        signingSecret,
        apiUrl: slack.apiUrl,
        oauth: { clientId: slack.app.clientId, clientSecret: slack.app.clientSecret, stateSecret: 'test-state-secret', installations: new InstallationRepository(createModels(connection), new Sealer(key), 0) },
      },
      teams: { allowUnauthenticated: true },
      channelIntervalMs: 0,
      processEvery: 200,
      sweepEvery: false,
      settingsEveryMs: 200,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    replicas.push(tugi);
    return tugi;
  };
  const tugi = await boot();
  const baseUrl = (replica = tugi) => `http://127.0.0.1:${replica.port}`;

  const post = (body: string, type: string, replica = tugi) => postToSlackEndpoint(baseUrl(replica), body, type);
  const form = (fields: Record<string, string>, replica = tugi) => post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', replica);
  const interaction = (payload: Record<string, unknown>, replica = tugi) => form({ payload: JSON.stringify(payload) }, replica);

  return {
    db,
    slack,
    connector,
    tugi,
    baseUrl,
    key,
    /** Another replica on the same database. */
    startAnother: async () => boot(await db.connectAgain()),
    /** The install page, then Slack's redirect back with a granted code and the state cookie, as a browser does it. */
    async install(workspace: FakeWorkspace, options: { state?: string } = {}) {
      const page = await fetch(`${baseUrl()}/slack/install`);
      const html = await page.text();
      const state = new URL(/href="([^"]+)"/.exec(html)![1]!.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)))).searchParams.get('state')!;
      const cookie = page.headers.get('set-cookie')?.split(';')[0] ?? '';
      const code = slack.grant(workspace);
      const callback = await fetch(`${baseUrl()}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(options.state ?? state)}`, { headers: { cookie } });
      return { page: { status: page.status, html }, callback: { status: callback.status, html: await callback.text() } };
    },
    command(workspace: FakeWorkspace, text: string, options: { user?: string; channel?: string; replica?: Tugi } = {}) {
      const triggerId = next('trigger');
      return form(
        {
          command: '/tugi',
          text,
          team_id: workspace.teamId,
          channel_id: options.channel ?? shared.triage,
          user_id: options.user ?? shared.agent,
          user_name: 'someone',
          trigger_id: triggerId,
          response_url: slack.responseUrl(triggerId),
        },
        options.replica,
      );
    },
    event(workspace: FakeWorkspace, event: Record<string, unknown>, replica?: Tugi) {
      const envelope = { token: 'legacy', team_id: workspace.teamId, api_app_id: slack.app.appId, type: 'event_callback', event_id: next('Ev'), event_time: Math.floor(Date.now() / 1000), event };
      return post(JSON.stringify(envelope), 'application/json', replica);
    },
    async customerMessage(workspace: FakeWorkspace, text: string, user = shared.customer) {
      const ts = nextTs();
      const response = await this.event(workspace, { type: 'message', channel: shared.customers, user, text, ts, channel_type: 'channel' });
      return { ts, status: response.status };
    },
    interaction,
    /** A button in a modal (the setup modal's Add and Edit buttons). */
    clickInView(workspace: FakeWorkspace, user: string, viewId: string, actionId: string, value?: string, replica?: Tugi) {
      return interaction(
        { type: 'block_actions', team: { id: workspace.teamId }, user: { id: user }, trigger_id: next('trigger'), view: { id: viewId, root_view_id: viewId, private_metadata: '' }, actions: [{ action_id: actionId, block_id: 'b', type: 'button', ...(value ? { value } : {}) }] },
        replica,
      );
    },
    /** Submits a modal the fake saw opened or pushed: its callback id and metadata, with the given input values. */
    submitView(workspace: FakeWorkspace, user: string, view: { callback_id: string; private_metadata: string }, values: Record<string, Record<string, unknown>>, replica?: Tugi) {
      const state = Object.fromEntries(Object.entries(values).map(([block, value]) => [block, { value: { type: 'x', ...value }, pick: { type: 'x', ...value } }]));
      return interaction(
        { type: 'view_submission', team: { id: workspace.teamId }, user: { id: user }, view: { id: 'V0FORM', root_view_id: 'V0ROOT', callback_id: view.callback_id, private_metadata: view.private_metadata, state: { values: state } } },
        replica,
      );
    },
    /** The last view tugi opened, pushed or updated with a workspace's token. */
    lastView(workspace: FakeWorkspace, method: 'views.open' | 'views.push' | 'views.update' | 'views.publish') {
      const call = slack.callsFrom(workspace.botToken).filter((c) => c.method === method).at(-1);
      return call?.args.view as { callback_id: string; private_metadata: string; blocks: Array<Record<string, unknown>> } | undefined;
    },
    /**
     * Installs a workspace and sets it up through the modal as its installer would: the shared
     * channel ids, one account on the customer channel, and the agent (its manager is the installer).
     */
    async installAndSetUp(workspace: FakeWorkspace, account: string, replica = tugi) {
      await this.install(workspace);
      slack.users.set(workspace.installer, { name: `${workspace.teamName} Manager` });
      await this.command(workspace, 'setup', { user: workspace.installer, replica });
      const conversation = (id: string) => ({ selected_conversation: id });
      await this.submitView(workspace, workspace.installer, this.lastView(workspace, 'views.open')!, { triage: conversation(shared.triage), manager: conversation(shared.managers) }, replica);
      await this.clickInView(workspace, workspace.installer, 'V0ROOT', 'setup.account.add', undefined, replica);
      await this.submitView(workspace, workspace.installer, this.lastView(workspace, 'views.push')!, { name: { value: account }, language: { selected_option: { value: 'en' } }, defaultPriority: { selected_option: { value: 'P3' } }, channels: { selected_conversations: [shared.customers] } }, replica);
      await this.clickInView(workspace, workspace.installer, 'V0ROOT', 'setup.person.add', undefined, replica);
      await this.submitView(workspace, workspace.installer, this.lastView(workspace, 'views.push')!, { slackUserId: { selected_user: shared.agent }, name: { value: `${account} agent` }, roles: { selected_options: [{ value: 'agent' }] } }, replica);
    },
    settle: () => settleReplicas(replicas),
    async stop() {
      for (const replica of replicas) await replica.stop();
      await slack.stop();
      await connector.stop();
      await db.drop();
    },
  };
}

export type OAuthTugi = Awaited<ReturnType<typeof startOAuthTugi>>;
