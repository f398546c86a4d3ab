import { createHash } from 'node:crypto';
import type { CaseRepository } from '../cases/case.repository.js';
import type { CaseWriter } from '../cases/case.writer.js';
import type { Outbox, OutboxMessage } from '../outbox/outbox.js';
import type { OutboxRepository } from '../outbox/outbox.repository.js';
import type { Directory } from '../people/directory.js';
import type { CaseDocument } from '../storage/models/index.js';
import { cardKey } from './specialist.notifications.js';

/** A message in a bridged thread, as either platform's adapter reports it. */
export interface ThreadPost {
  workspace: string;
  /** The channel and the platform id of the thread's first message. */
  channel: string;
  threadId: string;
  /** The message's own platform id. */
  messageId: string;
  author: { userId: string; name: string };
  text: string;
  files: { name: string; url: string }[];
  at: Date;
}

export type ThreadEdit = Omit<ThreadPost, 'at'> & { at: Date };
export type ThreadRemoval = Pick<ThreadPost, 'workspace' | 'channel' | 'threadId' | 'messageId'>;

type MirrorChange = { updateOfKey?: string; deleteOfKey?: string };

/** The mirror of a message is keyed by where it came from, so edits and deletions find it. */
const mirrorKey = (from: 'slack' | 'teams', messageId: string) => `bridge:${from}:${messageId}`;
const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/**
 * Keeps the Teams specialist thread and the case's internal Slack thread (under the case card)
 * one conversation: posts, edits and deletions on one side follow on the other, through the
 * outbox. tugi's own posts never come back in (the adapters drop the bot's messages), and
 * nothing here is addressed to anything but the two internal threads.
 */
export class BridgeService {
  constructor(
    private readonly deps: { repository: CaseRepository; outboxRepository: OutboxRepository; outbox: Outbox; writer: CaseWriter; directory: Directory },
  ) {}

  /** A reply in a Teams specialist thread: shown in Slack, and a specialist's first reply recorded. */
  async postedInTeams(post: ThreadPost): Promise<boolean> {
    const doc = await this.caseOfAnchor(post, 'specialists');
    if (!doc) return false;
    await this.deps.outbox.enqueue([this.mirror(doc, post, 'slack', mirrorKey('teams', post.messageId))]);
    await this.recordSpecialistMessage(doc, post);
    return true;
  }

  /** An agent's reply under the case card in Slack: shown in the Teams thread, when there is one. */
  async postedInSlack(post: ThreadPost): Promise<boolean> {
    const doc = await this.caseOfAnchor(post, 'card');
    if (!doc?.specialistThread) return false;
    await this.deps.outbox.enqueue([this.mirror(doc, post, 'teams', mirrorKey('slack', post.messageId))]);
    await this.deps.repository.appendEvent(doc.workspace, doc._id, {
      key: `internal:${post.channel}:${post.messageId}`,
      type: 'internal_message',
      actor: { platform: 'slack', userId: post.author.userId, name: post.author.name },
      at: post.at,
      data: { text: post.text },
    });
    return true;
  }

  editedInTeams(edit: ThreadEdit): Promise<boolean> {
    return this.follow(edit, 'specialists', (doc) =>
      this.mirror(doc, edit, 'slack', `${mirrorKey('teams', edit.messageId)}:edit:${digest(`${edit.at.toISOString()}\n${edit.text}`)}`, { updateOfKey: mirrorKey('teams', edit.messageId) }),
    );
  }

  editedInSlack(edit: ThreadEdit): Promise<boolean> {
    return this.follow(edit, 'card', (doc) =>
      doc.specialistThread
        ? this.mirror(doc, edit, 'teams', `${mirrorKey('slack', edit.messageId)}:edit:${digest(`${edit.at.toISOString()}\n${edit.text}`)}`, { updateOfKey: mirrorKey('slack', edit.messageId) })
        : undefined,
    );
  }

  deletedInTeams(removal: ThreadRemoval): Promise<boolean> {
    const key = mirrorKey('teams', removal.messageId);
    return this.follow(removal, 'specialists', (doc) => this.mirror(doc, removed(removal), 'slack', `${key}:delete`, { deleteOfKey: key }));
  }

  deletedInSlack(removal: ThreadRemoval): Promise<boolean> {
    const key = mirrorKey('slack', removal.messageId);
    return this.follow(removal, 'card', (doc) =>
      doc.specialistThread ? this.mirror(doc, removed(removal), 'teams', `${key}:delete`, { deleteOfKey: key }) : undefined,
    );
  }

  private async follow(
    ref: ThreadRemoval,
    anchor: 'card' | 'specialists',
    build: (doc: CaseDocument) => OutboxMessage | undefined,
  ): Promise<boolean> {
    const doc = await this.caseOfAnchor(ref, anchor);
    const message = doc && build(doc);
    if (!message) return false;
    await this.deps.outbox.enqueue([message]);
    return true;
  }

  /** The case whose card (Slack) or specialist thread (Teams) starts the thread `ref` is in. */
  private async caseOfAnchor(ref: Pick<ThreadPost, 'workspace' | 'channel' | 'threadId'>, anchor: 'card' | 'specialists'): Promise<CaseDocument | null> {
    const key = await this.deps.outboxRepository.keyOfAnchor(ref.workspace, ref.channel, ref.threadId);
    const match = key ? /^case:([a-f0-9]{24}):(card|specialists)$/.exec(key) : null;
    if (!match || match[2] !== anchor) return null;
    return this.deps.repository.getById(ref.workspace, match[1]!);
  }

  /** The copy of `post` on the other side: under the case card in Slack, or in the Teams specialist thread. */
  private mirror(doc: CaseDocument, post: Omit<ThreadPost, 'at'>, to: 'slack' | 'teams', key: string, extra: MirrorChange = {}): OutboxMessage {
    const target = to === 'slack' ? { channel: this.deps.directory.triageChannel, threadOfKey: cardKey(doc) } : { channel: doc.specialistThread!.channel, threadOfKey: doc.specialistThread!.rootKey };
    return {
      workspace: doc.workspace,
      key,
      platform: to,
      ...target,
      updateOfKey: extra.updateOfKey ?? null,
      deleteOfKey: extra.deleteOfKey ?? null,
      // Posts are kept past the purge: a later edit or deletion must still find them.
      anchor: !extra.updateOfKey && !extra.deleteOfKey,
      view: {
        kind: 'bridge.message',
        caseKey: doc.key,
        author: post.author.name,
        from: to === 'slack' ? 'teams' : 'slack',
        text: post.text,
        files: post.files,
        edited: Boolean(extra.updateOfKey),
        deleted: Boolean(extra.deleteOfKey),
      },
    };
  }

  /** Timeline entry, and the first reply of a pulled-in specialist (for the specialist nag and reports). */
  private async recordSpecialistMessage(doc: CaseDocument, post: ThreadPost): Promise<void> {
    const person = this.deps.directory.teamsMember(post.author.userId);
    await this.deps.repository.appendEvent(doc.workspace, doc._id, {
      key: `internal:${post.channel}:${post.messageId}`,
      type: 'specialist_message',
      actor: { platform: 'teams', userId: post.author.userId, name: post.author.name },
      at: post.at,
      data: { text: post.text },
    });
    const pulled = person && doc.specialists.find((s) => s.personId === person.id);
    if (!pulled || (pulled.firstReplyAt && pulled.firstReplyAt <= post.at)) return;
    await this.deps.writer.withCase(doc._id, async () => {
      const current = await this.deps.repository.getById(doc.workspace, doc._id);
      const entry = current?.specialists.find((s) => s.personId === person.id);
      if (!current || !entry || (entry.firstReplyAt && entry.firstReplyAt <= post.at)) return;
      const specialists = current.specialists.map((s) => (s.personId === person.id ? { ...s, firstReplyAt: post.at } : s));
      await this.deps.repository.update(current, { specialists });
      await this.deps.repository.appendEvent(doc.workspace, doc._id, {
        key: `specialist-first-reply:${person.id}`,
        type: 'specialist_first_reply',
        actor: { platform: 'teams', userId: post.author.userId, name: post.author.name },
        at: post.at,
        data: { person: person.id, pulledAt: entry.pulledAt },
      });
    });
  }
}

function removed(ref: ThreadRemoval): Omit<ThreadPost, 'at'> {
  return { ...ref, author: { userId: '', name: '' }, text: '', files: [] };
}
