import type { Language } from '../config/workspace.js';
import type { OutboxMessage } from '../outbox/outbox.js';
import type { Directory } from '../people/directory.js';
import type { SlaSettings } from '../sla/settings.js';
import type { CaseDocument } from '../storage/models/index.js';
import { toCaseCard } from './case.view.js';
import type { SimilarCase } from '../messages/views.js';

/** Internal messages go to the Slack triage channel; customer ones name their platform. */
type MessageFields = Omit<OutboxMessage, 'workspace' | 'key' | 'platform'> & { platform?: OutboxMessage['platform'] };

/**
 * The outbox messages each case change produces. Keys are derived from the case and the change,
 * so producing the same messages twice (a replayed event) stores them once.
 */
export class CaseNotifications {
  constructor(
    private readonly directory: Directory,
    private readonly sla: SlaSettings,
    /** Resolved cases like this one, shown on its card (the knowledge search). */
    private readonly similarTo: (doc: CaseDocument) => SimilarCase[] = () => [],
    /** Whether a model provider drafts replies to the case's customer (its card offers one). */
    private readonly offersReplyDraft: (doc: CaseDocument) => boolean = () => false,
  ) {}

  opened(doc: CaseDocument): OutboxMessage[] {
    const messages = [
      this.message(doc, 'card', { channel: this.directory.triageChannel, view: this.card(doc), anchor: true }),
    ];
    const { channel, ts, platform } = doc.source;
    // The customer hears back in the thread of their own message, when there is one to answer:
    // in a Slack customer channel, or wherever they asked the bot in Teams (channel or 1:1 chat).
    if (channel && ts && (platform === 'teams' || this.directory.isCustomerChannel(channel))) {
      messages.push(
        this.message(doc, 'ack', {
          platform,
          channel,
          threadTs: ts,
          view: {
            kind: 'case.acknowledgement',
            language: this.language(doc),
            caseKey: doc.key,
            firstResponse: this.sla.policyFor(doc.account, doc.priority).firstResponse,
          },
        }),
      );
    }
    return messages;
  }

  changed(doc: CaseDocument): OutboxMessage[] {
    return [
      this.message(doc, `card:v${doc.version}`, {
        channel: this.directory.triageChannel,
        updateOfKey: this.cardKey(doc),
        view: this.card(doc),
      }),
    ];
  }

  /** A customer's follow-up joined the case: tell them where it went, and show it to the team. */
  followUp(doc: CaseDocument, message: { channel: string; ts: string; author: string; text: string; permalink: string | null }): OutboxMessage[] {
    return [
      this.message(doc, `joined:${message.ts}`, {
        platform: doc.source.platform,
        channel: message.channel,
        threadTs: message.ts,
        view: { kind: 'case.joined', language: this.language(doc), caseKey: doc.key },
      }),
      this.message(doc, `follow-up:${message.ts}`, {
        channel: this.directory.triageChannel,
        threadOfKey: this.cardKey(doc),
        view: { kind: 'case.follow-up', caseKey: doc.key, author: message.author, text: message.text, permalink: message.permalink },
      }),
    ];
  }

  /** Only an open case's card suggests earlier resolutions. */
  private card(doc: CaseDocument) {
    const open = doc.status !== 'resolved' && doc.status !== 'closed';
    return toCaseCard(doc, this.directory, open ? this.similarTo(doc) : [], this.offersReplyDraft(doc));
  }

  /** Every message about a case is keyed `case:<id>:<what>`. */
  private message(doc: CaseDocument, what: string, fields: MessageFields): OutboxMessage {
    return { workspace: doc.workspace, key: `case:${doc._id}:${what}`, ...fields, platform: fields.platform ?? 'slack' };
  }

  private cardKey(doc: CaseDocument): string {
    return `case:${doc._id}:card`;
  }

  private language(doc: CaseDocument): Language {
    return this.directory.account(doc.account)?.language ?? 'en';
  }
}
