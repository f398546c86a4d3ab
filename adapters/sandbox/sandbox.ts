import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { DateTime } from 'luxon';
import type { Settings } from '../../src/config/index.js';
import type { Logger } from '../../src/logger.js';
import { OffsetClock } from '../../src/ports/clock.js';
import { demo, demoSettings, demoStart, personas } from './demo-workspace.js';
import { FakeBotConnector } from './fake-bot-connector.js';
import { FakeSlack } from './fake-slack.js';
import { buildSandboxPage } from './page-assets.js';
import { mountSandboxRoutes } from './routes.js';
import { SandboxEvents } from './sandbox-events.js';
import { SlackDriver } from './slack-driver.js';
import { SlackWorld } from './slack-world.js';
import { personalChat, TeamsDriver } from './teams-driver.js';
import { TeamsWorld } from './teams-world.js';

/** What the sandbox hands tugi: the demo config, its clock, and where the fake platforms are. */
export interface SandboxSetup {
  settings: Settings;
  clock: OffsetClock;
  slack: { botToken: string; signingSecret: string; apiUrl: string };
  teams: { allowUnauthenticated: true };
}

/** The running tugi, as far as the sandbox drives it. */
export interface SandboxedTugi {
  http: RequestListener;
  sweepDue(): Promise<unknown>;
  foldReports(): Promise<unknown>;
  /** Waits until what was accepted is handled and delivered. */
  settle(): Promise<void>;
  /** Stops it; `wipe` also drops the sandbox's database. */
  stop(options: { wipe: boolean }): Promise<void>;
}

export interface Sandbox {
  url: string;
  clock: OffsetClock;
  fakeSlack: FakeSlack;
  connector: FakeBotConnector;
  tugi(): SandboxedTugi;
  stop(): Promise<void>;
}

/**
 * The sandbox: tugi itself, unchanged, behind a page that plays Slack and Teams. People's actions
 * on the page become signed Slack requests and Bot Framework activities to tugi's own endpoints;
 * what tugi sends lands in the platform fakes, which the page shows live. Everything else on the
 * sandbox's port (/slack/events, /api/messages, /healthz …) is tugi's own HTTP app.
 */
export async function startSandbox(options: { port: number; host: string; logger: Logger; boot: (setup: SandboxSetup) => Promise<SandboxedTugi> }): Promise<Sandbox> {
  const clock = new OffsetClock();
  const startOffset = () => demoStart(new Date()).getTime() - Date.now();
  clock.reset(startOffset());
  const fakeSlack = await new FakeSlack(() => clock.now()).start();
  const connector = await new FakeBotConnector().start();
  const events = new SandboxEvents();
  const slackWorld = new SlackWorld(fakeSlack, events);
  const teamsWorld = new TeamsWorld(connector, events, () => clock.now());
  let url = '';
  const slack = new SlackDriver(fakeSlack, slackWorld, () => url);
  const teams = new TeamsDriver(connector, teamsWorld, () => url, () => clock.now());
  const manager = personas.find((p) => p.role === 'manager')!;

  const boot = async () => {
    const settings = demoSettings(DateTime.fromJSDate(clock.now(), { zone: demo.zone }));
    return options.boot({ settings, clock, slack: { botToken: 'xoxb-sandbox', signingSecret: slack.signingSecret, apiUrl: fakeSlack.apiUrl }, teams: { allowUnauthenticated: true } });
  };
  let current: SandboxedTugi | undefined = await boot();
  const publishClock = () => events.publish({ kind: 'clock', now: clock.now().toISOString(), offsetMs: clock.offsetMs });

  const front = express();
  front.disable('x-powered-by');
  mountSandboxRoutes(front, {
    page: await buildSandboxPage(),
    events,
    slack,
    teams,
    fakeSlack,
    connector,
    controls: {
      async advance(minutes) {
        clock.advance(minutes * 60_000);
        await current?.sweepDue();
        await current?.foldReports();
        await current?.settle();
        // Told last, so the page shows the new time once what it brought is there.
        publishClock();
      },
      async reset() {
        const stopping = current;
        current = undefined;
        await stopping?.stop({ wipe: true });
        slackWorld.clear();
        teamsWorld.clear();
        fakeSlack.forget();
        connector.forget();
        events.clear();
        clock.reset(startOffset());
        current = await boot();
        publishClock();
        await teams.install(manager);
      },
      scene: () => scene(clock),
    },
  });
  // Everything else is tugi's: its platform endpoints, health and metrics.
  front.use((req, res) => {
    if (current) return current.http(req, res);
    res.status(503).json({ error: 'tugi is restarting (sandbox reset); try again in a moment.' });
  });

  const server: Server = createServer(front);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}`;
  await teams.install(manager);
  publishClock();

  return {
    url: `http://${options.host === '127.0.0.1' || options.host === '::1' ? 'localhost' : options.host}:${port}/sandbox`,
    clock,
    fakeSlack,
    connector,
    tugi: () => current!,
    async stop() {
      events.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await current?.stop({ wipe: false });
      await fakeSlack.stop();
      await connector.stop();
    },
  };
}

/** The cast and the places, for the page to draw. */
function scene(clock: OffsetClock) {
  const c = demo.channels;
  return {
    now: clock.now().toISOString(),
    offsetMs: clock.offsetMs,
    zone: demo.zone,
    bot: demo.bot,
    personas,
    slackChannels: [
      { id: c.acme, name: 'acme-support', about: 'Slack Connect with Acme Ltd · customer channel (English)', customer: true },
      { id: c.kalev, name: 'kalev-tugi', about: 'Slack Connect with Kalev AS · customer channel (Estonian)', customer: true },
      { id: c.triage, name: 'support-triage', about: 'Internal · case cards and case threads' },
      { id: c.managers, name: 'support-managers', about: 'Internal · escalations, breaches, the weekly digest' },
    ],
    teams: {
      specialists: { id: demo.teams.specialists, name: 'Specialists', about: 'Support team › Specialists · where specialist threads start' },
      chats: Object.fromEntries(personas.filter((p) => p.teams).map((p) => [p.id, personalChat(p.teams!.aadObjectId)])),
    },
    // Slack user ids to names, so mentions read as names.
    names: Object.fromEntries([[demo.bot, 'tugi'], ...personas.filter((p) => p.slackUserId).map((p) => [p.slackUserId, p.name])]),
  };
}
