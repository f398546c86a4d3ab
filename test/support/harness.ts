import { pino } from 'pino';
import type { AssistProvider } from '../../src/assist/assistant.js';
import { startTugi, type Tugi } from '../../src/main.js';
import type { TeamsOptions } from '../../adapters/teams/app.js';
import type { Settings, WorkspaceConfig } from '../../src/config/index.js';
import type { Clock } from '../../src/ports/clock.js';
import { Directory } from '../../src/people/index.js';
import { testSettings, ids } from '../fixtures/config.js';
import { openTestDatabase, type TestDatabase } from './database.js';
import { FakeSlack } from '../../adapters/sandbox/fake-slack.js';
import { FakeBotConnector } from '../../adapters/sandbox/fake-bot-connector.js';
import { postActivity } from './teams-activities.js';
import { eventEnvelope, nextTs, postToSlackEndpoint, signingSecret, type SendOptions } from './slack-requests.js';

/**
 * Waits until the replicas have handled what they accepted and delivered what that enqueued, a
 * few rounds over, since handling on one replica can enqueue work that another delivers.
 */
export async function settleReplicas(replicas: Tugi[]): Promise<void> {
  for (let i = 0; i < 3; i += 1) {
    await Promise.all(replicas.map((r) => r.inbox.idle()));
    await Promise.all(replicas.map((r) => r.deliverer.kick()));
  }
}

export interface Harness {
  tugi: Tugi;
  slack: FakeSlack;
  /** The Bot Connector Teams activities name as their serviceUrl. */
  connector: FakeBotConnector;
  db: TestDatabase;
  baseUrl: string;
  event(event: Record<string, unknown>, options?: SendOptions & { eventId?: string }): ReturnType<typeof postToSlackEndpoint>;
  customerMessage(text: string, options?: { channel?: string; user?: string; ts?: string; threadTs?: string; eventId?: string }): Promise<{ ts: string; status: number }>;
  command(text: string, options?: { user?: string; channel?: string; triggerId?: string }): ReturnType<typeof postToSlackEndpoint>;
  interaction(payload: Record<string, unknown>, options?: SendOptions): ReturnType<typeof postToSlackEndpoint>;
  /** Posts a Bot Framework activity to /api/messages; returns the HTTP status. */
  teams(activity: object): Promise<number>;
  /** Waits until background intake and outbox delivery are done. */
  settle(): Promise<void>;
  /** Starts another tugi on the same database (a restart, or a second replica). */
  startAnother(): Promise<Tugi>;
  stop(): Promise<void>;
}

export async function startHarness(
  options: { settings?: Settings; db?: TestDatabase; slack?: FakeSlack; teams?: TeamsOptions; clock?: Clock; appToken?: string; assist?: AssistProvider } = {},
): Promise<Harness> {
  const db = options.db ?? (await openTestDatabase());
  const slack = options.slack ?? (await new FakeSlack().start());
  const connector = await new FakeBotConnector().start();
  const settings = options.settings ?? testSettings;
  const config = settings.config;
  const others: Tugi[] = [];
  const boot = async (connection = db.connection) =>
    startTugi({
      settings: { ...settings, origin: 'the test' },
      connection,
      port: 0,
      logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
      slack: { botToken: 'xoxb-test-token', signingSecret, apiUrl: slack.apiUrl, ...(options.appToken ? { appToken: options.appToken } : {}) },
      // Tests post activities without Bot Framework tokens (security tests configure credentials).
      teams: options.teams ?? { allowUnauthenticated: true },
      channelIntervalMs: 0,
      processEvery: 200,
      sweepEvery: '1 second',
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.assist ? { assist: options.assist } : {}),
    });
  const tugi = await boot();
  const baseUrl = `http://127.0.0.1:${tugi.port}`;
  let triggers = 0;

  const harness: Harness = {
    tugi,
    slack,
    connector,
    db,
    baseUrl,
    teams: (activity) => postActivity(baseUrl, activity),
    event: (event, opts = {}) => postToSlackEndpoint(baseUrl, JSON.stringify(eventEnvelope(event, opts.eventId)), 'application/json', opts),
    async customerMessage(text, opts = {}) {
      const ts = opts.ts ?? nextTs();
      const event = {
        type: 'message',
        channel: opts.channel ?? ids.acme,
        user: opts.user ?? ids.customer,
        text,
        ts,
        ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}),
        channel_type: 'channel',
      };
      const response = await harness.event(event, { eventId: opts.eventId });
      return { ts, status: response.status };
    },
    command(text, opts = {}) {
      const form = new URLSearchParams({
        command: '/tugi',
        text,
        team_id: ids.team,
        channel_id: opts.channel ?? ids.triage,
        user_id: opts.user ?? ids.agent,
        user_name: 'someone',
        trigger_id: opts.triggerId ?? `trigger-${Date.now()}-${(triggers += 1)}`,
        response_url: slack.responseUrl('command'),
      });
      return postToSlackEndpoint(baseUrl, form.toString(), 'application/x-www-form-urlencoded');
    },
    interaction(payload, opts = {}) {
      const form = new URLSearchParams({ payload: JSON.stringify(payload) });
      return postToSlackEndpoint(baseUrl, form.toString(), 'application/x-www-form-urlencoded', opts);
    },
    settle: () => settleReplicas([tugi, ...others]),
    async startAnother() {
      const another = await boot(await db.connectAgain());
      others.push(another);
      return another;
    },
    async stop() {
      for (const t of [...others, tugi]) await t.stop();
      await assertNoInternalNoteLeaked(harness, config);
      await slack.stop();
      await connector.stop();
      await db.drop();
    },
  };
  return harness;
}

/**
 * The rule that no internal note reaches a customer: every note any resolution in this test file
 * stored is looked for in every call the fakes recorded to a channel that is not internal.
 */
async function assertNoInternalNoteLeaked(h: Harness, config: WorkspaceConfig): Promise<void> {
  const notes = (await h.tugi.models.caseEvents.find({ type: 'resolved' }).lean()).map((e) => e.data.note).filter((note): note is string => typeof note === 'string' && note.length > 0);
  if (notes.length === 0) return;
  const internal = new Directory(config).isInternalChannel;
  const slackLeaks = h.slack.calls.filter((call) => typeof call.args.channel === 'string' && !internal(call.args.channel) && notes.some((note) => JSON.stringify(call.args).includes(note)));
  const teamsLeaks = h.connector.calls.filter((call) => {
    const conversation = call.conversationId?.split(';')[0] ?? (call.body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id ?? '';
    return !internal(conversation) && notes.some((note) => JSON.stringify(call.body).includes(note));
  });
  if (slackLeaks.length + teamsLeaks.length > 0) {
    throw new Error(`An internal note reached a customer: ${JSON.stringify([...slackLeaks.map((c) => c.args), ...teamsLeaks.map((c) => c.body)]).slice(0, 500)}`);
  }
}

/** Polls until `check` passes or the time runs out; for effects that happen after an acknowledgement. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  let lastError: unknown;
  while (Date.now() - started < timeoutMs) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw lastError;
}
