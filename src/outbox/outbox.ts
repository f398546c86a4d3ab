import type { Clock } from '../ports/clock.js';
import { viewAudience, type View } from '../messages/views.js';
import type { NewOutboxEntry, OutboxRepository } from './outbox.repository.js';

export interface OutboxMessage {
  workspace: string;
  /** Idempotency key: the same key is stored and delivered once. */
  key: string;
  platform: 'slack' | 'teams';
  channel: string;
  view: View;
  threadTs?: string | null;
  threadOfKey?: string | null;
  /** Set to edit the message another entry delivered, instead of posting a new one. */
  updateOfKey?: string | null;
  /** Set to remove the message another entry delivered (the view is kept for the record). */
  deleteOfKey?: string | null;
  /** Other messages will thread under or edit this one: keep it past the purge. */
  anchor?: boolean;
}

/** Thrown when internal content is addressed anywhere but an internal channel: a bug, never sent. */
export class InternalContentLeakError extends Error {
  constructor(channel: string, kind: string) {
    super(`Refusing to send internal view ${kind} to ${channel}, which is not an internal channel`);
  }
}

/**
 * Durable outbound messages: `enqueue` stores them, and the delivery loop sends them at once.
 * It is also the single gate that keeps internal content out of customer channels.
 */
export class Outbox {
  constructor(
    private readonly repository: OutboxRepository,
    /** The internal channels (triage, managers, specialist threads); internal views go nowhere else. */
    private readonly isInternalChannel: (channel: string) => boolean,
    private readonly clock: Clock,
    private readonly onEnqueued: () => void = () => {},
  ) {}

  async enqueue(messages: OutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.enqueuePrepared(this.prepare(messages));
  }

  /** The messages as stored entries, each checked for where it may go (throws on a leak, a bug). */
  prepare(messages: OutboxMessage[]): NewOutboxEntry[] {
    return messages.map((message) => {
      const audience = viewAudience[message.view.kind];
      // An allow-list, not a block-list: a customer's 1:1 chat or a channel added tomorrow is safe too.
      if (audience === 'internal' && !this.isInternalChannel(message.channel)) {
        throw new InternalContentLeakError(message.channel, message.view.kind);
      }
      return {
        workspace: message.workspace,
        key: message.key,
        platform: message.platform,
        op: message.deleteOfKey ? ('delete' as const) : message.updateOfKey ? ('update' as const) : ('post' as const),
        channel: message.channel,
        audience,
        threadTs: message.threadTs ?? null,
        threadOfKey: message.threadOfKey ?? null,
        targetKey: message.deleteOfKey ?? message.updateOfKey ?? null,
        view: JSON.stringify(message.view),
        anchor: message.anchor ?? false,
      };
    });
  }

  /** Whether a message with this key is stored already (sent, pending or given up). */
  async isStored(workspace: string, key: string): Promise<boolean> {
    return (await this.repository.getByKey(workspace, key)) !== null;
  }

  /** Stores prepared entries (again, harmlessly: keys already stored are skipped). */
  async enqueuePrepared(entries: NewOutboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.repository.insertMany(entries, this.clock.now());
    this.onEnqueued();
  }
}
