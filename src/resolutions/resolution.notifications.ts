import type { Language } from '../config/workspace.js';
import type { CaseResolvedView, Mention } from '../messages/index.js';
import type { OutboxMessage } from '../outbox/outbox.js';
import type { Directory } from '../people/directory.js';
import { cardKey, mentionOf } from '../specialists/specialist.notifications.js';
import type { CaseDocument } from '../storage/models/index.js';

/**
 * The messages of a resolution and of a reopen. The customer gets cause and fix only; the
 * internal note goes to internal threads alone (the outbox's allow-list guards it again).
 */
export class ResolutionNotifications {
  constructor(private readonly directory: Directory) {}

  resolved(doc: CaseDocument, resolvedBy: string): OutboxMessage[] {
    const resolution = doc.resolution!;
    const tookMinutes = (doc.resolvedAt!.getTime() - doc.createdAt.getTime()) / 60_000;
    const key = (what: string) => `case:${doc._id}:${what}:v${doc.version}`;
    const messages: OutboxMessage[] = [];
    const thread = this.customerThread(doc);
    if (thread) {
      messages.push({
        workspace: doc.workspace,
        key: key('resolution'),
        ...thread,
        view: { kind: 'case.resolution', language: this.language(doc), caseId: String(doc._id), caseKey: doc.key, cause: resolution.cause, fix: resolution.fix, tookMinutes },
      });
    }
    const internal: CaseResolvedView = {
      kind: 'case.resolved',
      caseKey: doc.key,
      title: doc.title,
      cause: resolution.cause,
      fix: resolution.fix,
      note: resolution.note,
      by: resolvedBy,
      tookMinutes,
      specialists: doc.specialists.filter((s) => s.firstReplyAt).map((s) => this.directory.person(s.personId)?.name ?? s.personId),
    };
    messages.push({ workspace: doc.workspace, key: key('resolved'), platform: 'slack', channel: this.directory.triageChannel, threadOfKey: cardKey(doc), view: internal });
    if (doc.specialistThread) {
      const { channel, rootKey } = doc.specialistThread;
      messages.push({ workspace: doc.workspace, key: key('resolved-specialists'), platform: 'teams', channel, threadOfKey: rootKey, view: internal });
    }
    return messages;
  }

  /** The team hears that a case went back to work, the assignee by mention. */
  reopened(doc: CaseDocument, by: string, byCustomer: boolean): OutboxMessage[] {
    return [
      {
        workspace: doc.workspace,
        key: `case:${doc._id}:reopened:v${doc.version}`,
        platform: 'slack',
        channel: this.directory.triageChannel,
        threadOfKey: cardKey(doc),
        view: { kind: 'case.reopened', caseKey: doc.key, title: doc.title, by, byCustomer, assignee: this.assignee(doc) },
      },
    ];
  }

  /** A customer wrote in the thread of a recently resolved case: ask before reopening. */
  reopenPrompt(doc: CaseDocument, messageTs: string): OutboxMessage[] {
    const thread = this.customerThread(doc);
    if (!thread) return [];
    return [
      {
        workspace: doc.workspace,
        key: `case:${doc._id}:reopen-prompt:${messageTs}`,
        ...thread,
        view: { kind: 'case.reopen-prompt', language: this.language(doc), caseId: String(doc._id), caseKey: doc.key },
      },
    ];
  }

  language(doc: CaseDocument): Language {
    return this.directory.account(doc.account)?.language ?? 'en';
  }

  /** The customer's own thread, when the case has one to answer in. */
  private customerThread(doc: CaseDocument) {
    const { channel, ts, platform } = doc.source;
    if (!channel || !ts || !(platform === 'teams' || this.directory.isCustomerChannel(channel))) return undefined;
    return { platform, channel, threadTs: ts };
  }

  private assignee(doc: CaseDocument): Mention | null {
    if (!doc.assignee) return null;
    const person = this.directory.teamMember(doc.assignee);
    return person ? mentionOf(person) : { name: doc.assignee, slackUserId: doc.assignee, aadObjectId: null };
  }
}
