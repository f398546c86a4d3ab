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

export type ThreadRemoval = Pick<ThreadPost, 'workspace' | 'channel' | 'threadId' | 'messageId'>;

type Platform = 'slack' | 'teams';
type MirrorChange = { updateOfKey?: string; deleteOfKey?: string };
const otherThan = (platform: Platform): Platform => (platform === 'slack' ? 'teams' : 'slack');

/** The mirror of a message is keyed by where it came from, so edits and deletions find it. */
const mirrorKey = (from: Platform, messageId: string) => `bridge:${from}:${messageId}`;
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
    await this.recordSpecialistMessage(doc, post, 'teams');
    return true;
  }

  /**
   * A reply under the case card in Slack: shown in the Teams thread, when there is one, and the
   * first reply of a specialist asked in Slack recorded (it stops their nag).
   */
  async postedInSlack(post: ThreadPost): Promise<boolean> {
    const doc = await this.caseOfAnchor(post, 'card');
    if (!doc) return false;
    const person = this.deps.directory.teamMember(post.author.userId);
    const specialist = person && doc.specialists.some((s) => s.personId === person.id && s.platform === 'slack');
    // The team's discussion under the card is part of the case's record (and of its drafts, as internal text).
    if (specialist) await this.recordSpecialistMessage(doc, post, 'slack');
    else await this.recordOnTimeline(doc, post, 'slack', 'internal_message');
    if (!doc.specialistThread) return false;
    await this.deps.outbox.enqueue([this.mirror(doc, post, 'teams', mirrorKey('slack', post.messageId))]);
    return true;
  }

  editedInTeams(edit: ThreadPost): Promise<boolean> {
    return this.followEdit(edit, 'teams');
  }

  editedInSlack(edit: ThreadPost): Promise<boolean> {
    return this.followEdit(edit, 'slack');
  }

  deletedInTeams(removal: ThreadRemoval): Promise<boolean> {
    return this.followDeletion(removal, 'teams');
  }

  deletedInSlack(removal: ThreadRemoval): Promise<boolean> {
    return this.followDeletion(removal, 'slack');
  }

  /** An edit updates the copy; each edit is its own outbox entry (keyed by its time and text). */
  private followEdit(edit: ThreadPost, from: Platform): Promise<boolean> {
    const original = mirrorKey(from, edit.messageId);
    const key = `${original}:edit:${digest(`${edit.at.toISOString()}\n${edit.text}`)}`;
    return this.follow(edit, from, (doc) => this.mirror(doc, edit, otherThan(from), key, { updateOfKey: original }));
  }

  private followDeletion(removal: ThreadRemoval, from: Platform): Promise<boolean> {
    const original = mirrorKey(from, removal.messageId);
    const blank = { ...removal, author: { userId: '', name: '' }, text: '', files: [] };
    return this.follow(removal, from, (doc) => this.mirror(doc, blank, otherThan(from), `${original}:delete`, { deleteOfKey: original }));
  }

  private async follow(ref: ThreadRemoval, from: Platform, build: (doc: CaseDocument) => OutboxMessage): Promise<boolean> {
    const doc = await this.caseOfAnchor(ref, from === 'teams' ? 'specialists' : 'card');
    // Slack threads of cases without a Teams thread have nothing to follow.
    if (!doc || (from === 'slack' && !doc.specialistThread)) return false;
    await this.deps.outbox.enqueue([build(doc)]);
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
  private mirror(doc: CaseDocument, post: Omit<ThreadPost, 'at'>, to: Platform, key: string, extra: MirrorChange = {}): OutboxMessage {
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

  /** The thread's messages are part of the case's timeline (keyed by message, so a replay adds nothing). */
  private async recordOnTimeline(doc: CaseDocument, post: ThreadPost, platform: Platform, type: string): Promise<void> {
    await this.deps.repository.appendEvent(doc.workspace, doc._id, {
      key: `internal:${post.channel}:${post.messageId}`,
      type,
      actor: { platform, userId: post.author.userId, name: post.author.name },
      at: post.at,
      data: { text: post.text },
    });
  }

  /** Timeline entry, and the first reply of a pulled-in specialist (for the specialist nag and reports). */
  private async recordSpecialistMessage(doc: CaseDocument, post: ThreadPost, platform: Platform): Promise<void> {
    const { directory } = this.deps;
    const person = platform === 'teams' ? directory.teamsMember(post.author.userId) : directory.teamMember(post.author.userId);
    await this.recordOnTimeline(doc, post, platform, 'specialist_message');
    const pulled = person && doc.specialists.find((s) => s.personId === person.id);
    if (!pulled || (pulled.firstReplyAt && pulled.firstReplyAt <= post.at)) return;
    await this.deps.writer.withCase(doc._id, async () => {
      const current = await this.deps.repository.getById(doc.workspace, doc._id);
      const entry = current?.specialists.find((s) => s.personId === person.id);
      if (!current || !entry || (entry.firstReplyAt && entry.firstReplyAt <= post.at)) return;
      const specialists = current.specialists.map((s) => (s.personId === person.id ? { ...s, firstReplyAt: post.at } : s));
      await this.deps.writer.setHeld(current, { specialists });
      await this.deps.repository.appendEvent(doc.workspace, doc._id, {
        key: `specialist-first-reply:${person.id}`,
        type: 'specialist_first_reply',
        actor: { platform, userId: post.author.userId, name: post.author.name },
        at: post.at,
        data: { person: person.id, pulledAt: entry.pulledAt },
      });
    });
  }
}
