import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { personas } from './demo-workspace.js';
import type { SandboxEvents } from './sandbox-events.js';
import type { SlackDriver } from './slack-driver.js';
import { SandboxInputError } from './slack-driver.js';
import type { TeamsDriver } from './teams-driver.js';
import type { FakeSlack } from './fake-slack.js';
import type { FakeBotConnector } from './fake-bot-connector.js';
import type { SandboxPage } from './page-assets.js';

export interface SandboxControls {
  /** Moves the sandbox clock forward and runs tugi's due sweep and report fold at once, as its jobs would. */
  advance(minutes: number): Promise<void>;
  /** Wipes the sandbox's data and starts tugi afresh. */
  reset(): Promise<void>;
  /** What the page needs to draw the scene. */
  scene(): Record<string, unknown>;
}

const persona = z.string().refine((id) => personas.some((p) => p.id === id), 'is not one of the sandbox people');
const text = z.string().trim().min(1, 'Write something first.').max(4000);
const ts = z.string().regex(/^\d+\.\d+$/);
const body = {
  slackMessage: z.object({ as: persona, channel: z.string(), text, threadTs: ts.optional() }),
  slackEdit: z.object({ as: persona, channel: z.string(), ts, text }),
  slackRef: z.object({ as: persona, channel: z.string(), ts }),
  slackReaction: z.object({ as: persona, channel: z.string(), ts, reaction: z.string().regex(/^[a-z0-9_+-]+$/) }),
  slackShortcut: z.object({ as: persona, channel: z.string(), ts, callbackId: z.string() }),
  slackCommand: z.object({ as: persona, channel: z.string(), text: z.string().max(4000) }),
  slackAction: z.object({ as: persona, channel: z.string(), messageTs: ts.optional(), action: z.record(z.string(), z.unknown()) }),
  slackView: z.object({ as: persona, viewId: z.string(), view: z.record(z.string(), z.unknown()), values: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown()))) }),
  teamsMessage: z.object({ as: persona, conversation: z.string(), text, rootId: z.string().optional() }),
  teamsEdit: z.object({ as: persona, conversation: z.string(), id: z.string(), text }),
  teamsRef: z.object({ as: persona, conversation: z.string(), id: z.string() }),
  teamsSubmit: z.object({ as: persona, conversation: z.string(), rootId: z.string().optional(), value: z.record(z.string(), z.unknown()) }),
  teamsConsent: z.object({ as: persona, conversation: z.string(), action: z.enum(['accept', 'decline']), context: z.record(z.string(), z.unknown()), name: z.string().min(1).max(200) }),
  clock: z.object({ minutes: z.number().int().min(1).max(7 * 24 * 60) }),
};

type Handler<T> = (input: T & { who: (typeof personas)[number] }) => Promise<unknown>;

/** The sandbox's own endpoints under /sandbox: the page, its live event stream, and the actions a person takes in it. */
export function mountSandboxRoutes(http: Express, deps: { page: SandboxPage; events: SandboxEvents; slack: SlackDriver; teams: TeamsDriver; fakeSlack: FakeSlack; connector: FakeBotConnector; controls: SandboxControls }): void {
  const { page, events, slack, teams, controls } = deps;
  const router = express.Router();
  router.use(express.json({ limit: '256kb' }));

  router.get('/', (_req, res) => void res.type('html').send(page.html));
  router.get('/app.js', (_req, res) => void res.type('js').send(page.script));
  router.get('/app.css', (_req, res) => void res.type('css').send(page.style));
  router.get('/events', (_req, res) => events.subscribe(res));
  router.get('/api/scene', (_req, res) => void res.json(controls.scene()));
  router.get('/files/:id', (req, res) => {
    const bytes = deps.fakeSlack.uploads.get(req.params.id);
    if (!bytes) return void res.status(404).send('No such file in the sandbox.');
    const title = deps.fakeSlack.sharedFiles().find((f) => f.id === req.params.id)?.title ?? req.params.id;
    res.type(bytes.subarray(0, 4).toString('latin1') === '\x89PNG' ? 'png' : 'text/csv').setHeader('content-disposition', `inline; filename="${title.replace(/[^\w. -]/g, '_')}"`);
    res.send(bytes);
  });
  router.get('/teams-files/:name', (req, res) => {
    const upload = deps.connector.uploads.get(req.params.name);
    if (!upload) return void res.status(404).send('No such file in the sandbox.');
    res.type('text/csv').send(upload.bytes);
  });

  const action = <S extends z.ZodObject<{ as: typeof persona }>>(path: string, schema: S, handler: Handler<z.infer<S>>) => {
    router.post(path, async (req: Request, res: Response, next: NextFunction) => {
      const parsed = schema.safeParse(req.body);
      if (!parsed.success) return void res.status(400).json({ error: parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ') });
      const who = personas.find((p) => p.id === parsed.data.as)!;
      try {
        res.json({ ok: true, answer: (await handler({ ...parsed.data, who })) ?? null });
      } catch (error) {
        if (error instanceof SandboxInputError) return void res.status(400).json({ error: error.message });
        next(error);
      }
    });
  };

  action('/api/slack/message', body.slackMessage, ({ who, ...input }) => slack.post(who, input));
  action('/api/slack/edit', body.slackEdit, ({ who, ...input }) => slack.edit(who, input));
  action('/api/slack/delete', body.slackRef, ({ who, ...input }) => slack.remove(who, input));
  action('/api/slack/reaction', body.slackReaction, ({ who, ...input }) => slack.react(who, input));
  action('/api/slack/shortcut', body.slackShortcut, ({ who, ...input }) => slack.shortcut(who, input));
  action('/api/slack/command', body.slackCommand, ({ who, ...input }) => slack.command(who, input));
  action('/api/slack/action', body.slackAction, ({ who, ...input }) => slack.action(who, input));
  action('/api/slack/view', body.slackView, ({ who, ...input }) => slack.submit(who, input));
  action('/api/teams/message', body.teamsMessage, ({ who, ...input }) => teams.post(who, input));
  action('/api/teams/edit', body.teamsEdit, ({ who, ...input }) => teams.edit(who, input));
  action('/api/teams/delete', body.teamsRef, ({ who, ...input }) => teams.remove(who, input));
  action('/api/teams/submit', body.teamsSubmit, ({ who, ...input }) => teams.submit(who, input));
  action('/api/teams/consent', body.teamsConsent, ({ who, ...input }) => teams.consent(who, input));

  router.post('/api/clock', async (req, res) => {
    const parsed = body.clock.safeParse(req.body);
    if (!parsed.success) return void res.status(400).json({ error: 'minutes: a whole number from 1 to 10080' });
    await controls.advance(parsed.data.minutes);
    res.json({ ok: true });
  });
  router.post('/api/reset', async (_req, res) => {
    await controls.reset();
    res.json({ ok: true });
  });
  http.use('/sandbox', router);
}
