import type { AllMiddlewareArgs, App, SlackActionMiddlewareArgs, SlackEventMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { userMessage } from '../../src/messages/index.js';
import { NotSetUpError } from '../../src/errors.js';
import type { SlackDeps } from './deps.js';

/** A listener written for one workspace: given that workspace's desk, it handles the request. */
type Listener<A> = (deps: SlackDeps) => (args: A) => Promise<void>;
type Args = { body: unknown; ack: (answer?: object) => Promise<void> };
type Handler = (args: Args) => Promise<void>;
export type RequestKind = 'event' | 'action' | 'view' | 'shortcut' | 'command';

/** The workspace a Slack request comes from: events and commands say `team_id`, interactions `team.id`. */
export function teamOf(body: unknown): string | undefined {
  const b = body as { team_id?: unknown; team?: { id?: unknown } | null; user?: { team_id?: unknown } };
  const team = b.team_id ?? b.team?.id ?? b.user?.team_id;
  return typeof team === 'string' ? team : undefined;
}

type Body = { event?: { type?: unknown }; actions?: Array<{ action_id?: unknown }>; view?: { callback_id?: unknown }; callback_id?: unknown; command?: unknown };
const all = /.*/;

/**
 * Per kind of request: what names the listener it is for (event type, action id, callback id,
 * command), and the one Bolt listener that takes them all — block actions and view submissions
 * only, as `app.action(id)` and `app.view(id)` take.
 */
const kinds: Record<RequestKind, { keyOf: (body: Body) => unknown; listen: (app: App, dispatch: never) => void }> = {
  event: { keyOf: (b) => b.event?.type, listen: (app, dispatch) => app.event(all, dispatch) },
  action: { keyOf: (b) => b.actions?.[0]?.action_id, listen: (app, dispatch) => app.action({ type: 'block_actions' }, dispatch) },
  view: { keyOf: (b) => b.view?.callback_id, listen: (app, dispatch) => app.view({ type: 'view_submission' }, dispatch) },
  shortcut: { keyOf: (b) => b.callback_id, listen: (app, dispatch) => app.shortcut({}, dispatch) },
  command: { keyOf: (b) => b.command, listen: (app, dispatch) => app.command(all, dispatch) },
};

/**
 * Registers listeners once on the Bolt app and hands each request the desk of the workspace it
 * comes from, so one tugi serves many workspaces and a listener can only reach its own
 * workspace's data. A workspace with no settings yet (installed, not set up) is told so, privately.
 *
 * Bolt runs every listener's matching middleware on every request, so each of tugi's dozens of
 * buttons and forms would cost every customer message its turn. The router gives Bolt one
 * listener a kind and finds the one a request is for by its id. A request no listener takes is
 * left unanswered here; `answerEveryRequest` answers it.
 */
export class SlackRouter {
  private readonly tables = new Map<RequestKind, Map<string, Handler[]>>();

  constructor(
    private readonly app: App,
    private readonly deskOf: (workspace: string | undefined) => SlackDeps | undefined,
  ) {}

  /** `first` may take a command before it is routed (setup, which a workspace needs before it has a desk). */
  command(name: string, listener: Listener<never>, first?: (args: never) => Promise<boolean>): void {
    const routed = this.route(listener, async (args) => args.ack({ response_type: 'ephemeral', text: notSetUp(args.body) }));
    this.add('command', name, async (args) => {
      if (!(await first?.(args as never))) await routed(args);
    });
  }

  action(id: string, listener: Listener<never>): void {
    this.add('action', id, this.route(listener, (args) => args.ack()));
  }

  shortcut(id: string, listener: Listener<never>): void {
    this.add('shortcut', id, this.route(listener, (args) => args.ack()));
  }

  view(id: string, listener: Listener<never>): void {
    this.add('view', id, this.route(listener, (args) => args.ack()));
  }

  event(name: string, listener: Listener<never>): void {
    this.add('event', name, this.route(listener, async () => {}));
  }

  /** Listeners that need no desk, handed Bolt's own arguments: setup (a new workspace has no desk yet) and uninstalls. */
  readonly withoutDesk = {
    action: (id: string, listener: (args: SlackActionMiddlewareArgs & AllMiddlewareArgs) => Promise<void>) => this.add('action', id, listener as never),
    view: (id: string, listener: (args: SlackViewMiddlewareArgs & AllMiddlewareArgs) => Promise<void>) => this.add('view', id, listener as never),
    event: <E extends string>(name: E, listener: (args: SlackEventMiddlewareArgs<E> & AllMiddlewareArgs) => Promise<void>) => this.add('event', name, listener as never),
  };

  /** The ids listened to, of one kind (the manifest must declare them). */
  keys(kind: RequestKind): string[] {
    return [...(this.tables.get(kind)?.keys() ?? [])];
  }

  private add(kind: RequestKind, key: string, handler: Handler): void {
    let table = this.tables.get(kind);
    if (!table) {
      table = new Map();
      this.tables.set(kind, table);
      this.listen(kind, table);
    }
    table.set(key, [...(table.get(key) ?? []), handler]);
  }

  private listen(kind: RequestKind, table: Map<string, Handler[]>): void {
    const { keyOf, listen } = kinds[kind];
    const dispatch = async (args: Args): Promise<void> => {
      const key = keyOf(args.body as Body);
      const handlers = typeof key === 'string' ? table.get(key) : undefined;
      if (handlers) await Promise.all(handlers.map((handler) => handler(args)));
    };
    listen(this.app, dispatch as never);
  }

  private route(listener: Listener<never>, notFound: (args: Args) => Promise<void>): Handler {
    return async (args: Args): Promise<void> => {
      const deps = this.deskOf(teamOf(args.body));
      if (!deps) return notFound(args);
      return listener(deps)(args as never);
    };
  }
}

const notSetUp = (body: unknown) => userMessage(new NotSetUpError(teamOf(body) ?? '?'));
