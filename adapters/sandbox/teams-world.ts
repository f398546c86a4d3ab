import type { ConnectorCall, FakeBotConnector } from './fake-bot-connector.js';
import type { SandboxEvents } from './sandbox-events.js';

/** A Teams message as the page shows it: in a channel thread (`rootId`, none for the thread's first message) or in a 1:1 chat. */
export interface TeamsActivity {
  kind: 'teams.activity';
  /** The channel id, or the 1:1 chat's conversation id. */
  conversation: string;
  id: string;
  rootId?: string;
  /** When it was posted, on the sandbox clock, and its place in the order of posts. */
  at: string;
  seq: number;
  from: { name: string; bot?: boolean; aadObjectId?: string };
  text: string;
  attachments?: unknown[];
  edited?: boolean;
  deleted?: boolean;
}

const split = (conversationId: string | null) => {
  const [conversation = '', root] = (conversationId ?? '').split(';messageid=');
  return { conversation, root };
};

/** The simulated Teams team and chats: what people posted through the page and what tugi sent through the fake Bot Connector. */
export class TeamsWorld {
  private readonly activities = new Map<string, TeamsActivity>();
  private seq = 0;

  constructor(
    connector: FakeBotConnector,
    private readonly events: SandboxEvents,
    private readonly now: () => Date,
  ) {
    connector.onCall((call) => this.apply(call));
  }

  get(conversation: string, id: string): TeamsActivity | undefined {
    return this.activities.get(`${conversation}|${id}`);
  }

  put(activity: Omit<TeamsActivity, 'kind' | 'at' | 'seq'> & Partial<Pick<TeamsActivity, 'at' | 'seq'>>): TeamsActivity {
    const stored: TeamsActivity = { kind: 'teams.activity', at: this.now().toISOString(), seq: (this.seq += 1), ...activity };
    this.activities.set(`${stored.conversation}|${stored.id}`, stored);
    this.events.publish(stored);
    return stored;
  }

  clear(): void {
    this.activities.clear();
  }

  private apply(call: ConnectorCall): void {
    const body = call.body;
    const bot = { name: 'tugi', bot: true };
    const content = (activity: Record<string, unknown>) => ({
      text: typeof activity.text === 'string' ? activity.text : '',
      ...(Array.isArray(activity.attachments) ? { attachments: activity.attachments } : {}),
    });
    const { conversation, root } = split(call.conversationId);
    switch (call.op) {
      case 'createConversation': {
        const channel = (body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id ?? 'unknown';
        this.put({ conversation: channel, id: call.messageId!, from: bot, ...content((body.activity ?? {}) as Record<string, unknown>) });
        return;
      }
      case 'send':
      case 'reply': {
        // An in-turn reply names the message it answers; in a channel, that message's thread.
        const answered = call.activityId ? this.get(conversation, call.activityId) : undefined;
        const rootId = root ?? answered?.rootId ?? answered?.id;
        // Teams channel ids begin with 19: (1:1 chats with a:); a chat has no threads.
        const personal = !conversation.startsWith('19:');
        this.put({ conversation, id: call.messageId!, ...(personal || !rootId ? {} : { rootId }), from: bot, ...content(body) });
        return;
      }
      case 'update': {
        const old = this.get(conversation, call.activityId!);
        if (old) this.put({ ...old, ...content(body), edited: true });
        return;
      }
      case 'delete': {
        const old = this.get(conversation, call.activityId!);
        if (old) this.put({ ...old, text: '', attachments: [], deleted: true });
        return;
      }
      case 'members':
        return;
    }
  }
}
