import type { FakeSlack, RecordedCall } from './fake-slack.js';
import type { SandboxEvents } from './sandbox-events.js';

/** A message as the page shows it: from a person (`user`) or from tugi (`bot`). */
export interface SlackMessage {
  kind: 'slack.message';
  channel: string;
  ts: string;
  threadTs?: string;
  user?: string;
  bot?: boolean;
  text: string;
  blocks?: unknown[];
  files?: Array<{ id: string; title: string; url: string }>;
  edited?: boolean;
  deleted?: boolean;
  reactions?: string[];
}

/** Only the person it is for sees it ("Only visible to you"). */
export interface SlackEphemeral {
  kind: 'slack.ephemeral';
  id: string;
  user: string;
  channel: string;
  text: string;
  blocks?: unknown[];
}

export interface SlackModal {
  kind: 'slack.modal';
  id: string;
  user: string;
  view: Record<string, unknown>;
  closed?: boolean;
}

/** Who an interaction's trigger id or response_url belongs to, so what tugi answers reaches that person. */
export interface Asker {
  user: string;
  channel: string;
}

/**
 * The simulated Slack workspace: what people posted through the page and what tugi did through
 * the fake Web API (posts, updates, deletions, files, modals, private answers).
 */
export class SlackWorld {
  private readonly messages = new Map<string, SlackMessage>();
  private readonly askers = new Map<string, Asker>();
  /** Whose each open modal is, so an update (a draft filled in) reaches them. */
  private readonly modalOwners = new Map<string, string>();
  private ephemerals = 0;

  constructor(
    private readonly fake: FakeSlack,
    private readonly events: SandboxEvents,
  ) {
    fake.onCall((call) => this.apply(call));
  }

  /** Remembers who a trigger id or response_url id belongs to. */
  asked(id: string, asker: Asker): void {
    this.askers.set(id, asker);
  }

  message(channel: string, ts: string): SlackMessage | undefined {
    return this.messages.get(`${channel}:${ts}`);
  }

  /** A person's message (or their edit of one): shown, and readable through conversations.history as Slack would. */
  put(message: Omit<SlackMessage, 'kind'>): SlackMessage {
    const stored: SlackMessage = { kind: 'slack.message', ...message };
    this.messages.set(`${stored.channel}:${stored.ts}`, stored);
    if (stored.user) this.fake.messages.set(`${stored.channel}:${stored.ts}`, { user: stored.user, text: stored.text });
    this.events.publish(stored);
    return stored;
  }

  ephemeral(asker: Asker, reply: { text?: unknown; blocks?: unknown }): void {
    this.events.publish({
      kind: 'slack.ephemeral',
      id: `e${(this.ephemerals += 1)}`,
      user: asker.user,
      channel: asker.channel,
      text: typeof reply.text === 'string' ? reply.text : '',
      ...(Array.isArray(reply.blocks) ? { blocks: reply.blocks } : {}),
    } satisfies SlackEphemeral);
  }

  closeModal(id: string, user: string): void {
    this.events.publish({ kind: 'slack.modal', id, user, view: {}, closed: true } satisfies SlackModal);
  }

  clear(): void {
    this.messages.clear();
    this.askers.clear();
    this.fake.messages.clear();
  }

  private apply(call: RecordedCall): void {
    const args = call.args;
    const text = typeof args.text === 'string' ? args.text : '';
    const blocks = Array.isArray(args.blocks) ? args.blocks : undefined;
    switch (call.method) {
      case 'chat.postMessage':
        this.put({ channel: String(args.channel), ts: String(call.result?.ts), ...(args.thread_ts ? { threadTs: String(args.thread_ts) } : {}), bot: true, text, ...(blocks ? { blocks } : {}) });
        return;
      case 'chat.update': {
        const old = this.message(String(args.channel), String(args.ts));
        if (old) this.put({ ...old, text, blocks, edited: true });
        return;
      }
      case 'chat.delete': {
        const old = this.message(String(args.channel), String(args.ts));
        if (old) this.put({ ...old, text: '', blocks: undefined, deleted: true });
        return;
      }
      case 'files.completeUploadExternal': {
        const files = (args.files as Array<{ id: string; title: string }>).map((f) => ({ id: f.id, title: f.title, url: `/sandbox/files/${f.id}` }));
        const comment = typeof args.initial_comment === 'string' ? args.initial_comment : '';
        this.put({ channel: String(args.channel_id), ts: this.fake.nextTs(), ...(args.thread_ts ? { threadTs: String(args.thread_ts) } : {}), bot: true, text: comment, files });
        return;
      }
      case 'views.open': {
        const asker = this.askers.get(String(args.trigger_id));
        const id = String((call.result?.view as { id?: string } | undefined)?.id);
        if (asker) this.modalOwners.set(id, asker.user);
        if (asker) this.events.publish({ kind: 'slack.modal', id, user: asker.user, view: args.view as Record<string, unknown> } satisfies SlackModal);
        return;
      }
      case 'views.update': {
        const id = String(args.view_id);
        const user = this.modalOwners.get(id);
        if (user) this.events.publish({ kind: 'slack.modal', id, user, view: args.view as Record<string, unknown> } satisfies SlackModal);
        return;
      }
      case 'response_url': {
        const asker = this.askers.get(String(call.result?.path).replace('/respond/', ''));
        if (asker) this.ephemeral(asker, args);
        return;
      }
    }
  }
}
