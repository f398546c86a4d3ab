import type { App } from '@slack/bolt';
import { userMessage } from '../../src/messages/index.js';
import { NotSetUpError } from '../../src/errors.js';
import type { SlackDeps } from './deps.js';

/** A listener written for one workspace: given that workspace's desk, it handles the request. */
type Listener<A> = (deps: SlackDeps) => (args: A) => Promise<void>;
type Args = { body: unknown; ack: (answer?: object) => Promise<void> };

/** The workspace a Slack request comes from: events and commands say `team_id`, interactions `team.id`. */
export function teamOf(body: unknown): string | undefined {
  const b = body as { team_id?: unknown; team?: { id?: unknown } | null; user?: { team_id?: unknown } };
  const team = b.team_id ?? b.team?.id ?? b.user?.team_id;
  return typeof team === 'string' ? team : undefined;
}

/**
 * Registers listeners once on the Bolt app and hands each request the desk of the workspace it
 * comes from, so one tugi serves many workspaces and a listener can only reach its own
 * workspace's data. A workspace with no settings yet (installed, not set up) is told so, privately.
 */
export class SlackRouter {
  constructor(
    readonly app: App,
    private readonly deskOf: (workspace: string | undefined) => SlackDeps | undefined,
  ) {}

  /** `first` may take a command before it is routed (setup, which a workspace needs before it has a desk). */
  command(name: string, listener: Listener<never>, first?: (args: never) => Promise<boolean>): void {
    const routed = this.route(listener, async (args) => args.ack({ response_type: 'ephemeral', text: notSetUp(args.body) }));
    this.app.command(name, (async (args: Args) => {
      if (!(await first?.(args as never))) await routed(args);
    }) as never);
  }

  action(id: string, listener: Listener<never>): void {
    this.app.action(id, this.route(listener, (args) => args.ack()) as never);
  }

  shortcut(id: string, listener: Listener<never>): void {
    this.app.shortcut(id, this.route(listener, (args) => args.ack()) as never);
  }

  view(id: string, listener: Listener<never>): void {
    this.app.view(id, this.route(listener, (args) => args.ack()) as never);
  }

  event(name: string, listener: Listener<never>): void {
    this.app.event(name, this.route(listener, async () => {}) as never);
  }

  private route(listener: Listener<never>, notFound: (args: Args) => Promise<void>) {
    return async (args: Args): Promise<void> => {
      const deps = this.deskOf(teamOf(args.body));
      if (!deps) return notFound(args);
      return listener(deps)(args as never);
    };
  }
}

const notSetUp = (body: unknown) => userMessage(new NotSetUpError(teamOf(body) ?? '?'));
