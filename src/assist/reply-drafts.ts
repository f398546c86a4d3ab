import { z } from 'zod';
import type { Actor } from '../cases/case.schema.js';
import type { CaseRepository } from '../cases/case.repository.js';
import type { CaseWriter } from '../cases/case.writer.js';
import { CaseNotFoundError, ValidationFailedError } from '../errors.js';
import type { Outbox } from '../outbox/outbox.js';
import type { Directory } from '../people/directory.js';
import type { Clock } from '../ports/clock.js';
import type { CaseDocument } from '../storage/models/index.js';
import type { CaseAssist } from './case-assist.js';
import { replyDraftLimit } from './prompts.js';

/** A reply an agent sends from a draft: the draft's text, or their edit of it. */
export const sendReplySchema = z.object({
  workspace: z.string().min(1),
  caseId: z.string().regex(/^[a-f0-9]{24}$/),
  draftKey: z.string().regex(/^reply-draft:[\w.:-]{1,80}$/),
  actor: z.object({ platform: z.enum(['slack', 'teams']), userId: z.string().min(1), name: z.string().optional() }),
  text: z.string().trim().min(1, 'Write the reply first.').max(replyDraftLimit, `Keep the reply under ${replyDraftLimit} characters.`).optional(),
});
export type SendReplyInput = z.infer<typeof sendReplySchema>;

export interface ReplyDraft {
  /** The timeline entry that keeps the draft until it is sent (or forgotten). */
  key: string;
  text: string;
}

/**
 * "Draft a reply": the model's next reply to the customer, kept on the case's timeline (so the
 * agent can send it with one click from a private message that cannot carry it), and sent to the
 * customer's thread only when the agent says so — once, however often the button is pressed.
 */
export class ReplyDrafts {
  constructor(private readonly deps: { assist: CaseAssist; repository: CaseRepository; writer: CaseWriter; outbox: Outbox; directory: Directory; clock: Clock }) {}

  /** Whether the case has a customer thread to answer in. */
  static canReplyTo(doc: Pick<CaseDocument, 'source'>): boolean {
    return Boolean(doc.source.channel && doc.source.ts);
  }

  /** `id` names the request (a Slack action's trigger), so a repeated delivery keeps one draft. */
  async draft(doc: CaseDocument, actor: Actor, id: string): Promise<ReplyDraft | undefined> {
    this.deps.writer.assertTeamMember(actor);
    if (!ReplyDrafts.canReplyTo(doc)) return undefined;
    const text = await this.deps.assist.reply(doc);
    if (!text) return undefined;
    const key = `reply-draft:${id}`;
    await this.deps.repository.appendEvent(doc.workspace, doc._id, { key, type: 'reply_drafted', actor, at: this.deps.clock.now(), data: { draft: text } });
    return { key, text };
  }

  async get(doc: CaseDocument, key: string): Promise<string | undefined> {
    const event = await this.deps.repository.getEvent(doc.workspace, doc._id, key);
    const draft = (event?.data as { draft?: unknown } | undefined)?.draft;
    return typeof draft === 'string' ? draft : undefined;
  }

  /**
   * Sends the draft (or the agent's edit of it) to the customer's thread as a public reply, which
   * also counts as the first response. The timeline entry goes first and both are keyed by the
   * draft, so a crash in between is finished by pressing again, and a second press sends nothing.
   */
  async send(input: SendReplyInput): Promise<CaseDocument> {
    this.deps.writer.assertTeamMember(input.actor);
    const doc = await this.deps.repository.getById(input.workspace, input.caseId);
    if (!doc) throw new CaseNotFoundError(input.caseId);
    const text = input.text ?? (await this.get(doc, input.draftKey));
    if (!text || !ReplyDrafts.canReplyTo(doc)) throw new ValidationFailedError(['That draft is gone; press *Draft a reply* on the card again.']);
    const messageKey = `case:${doc._id}:${input.draftKey.replace('reply-draft:', 'reply:')}`;
    if (await this.deps.outbox.isStored(doc.workspace, messageKey)) throw new ValidationFailedError([`That reply was sent to the customer already (${doc.key}).`]);
    const now = this.deps.clock.now();
    await this.deps.repository.appendEvent(doc.workspace, doc._id, { key: `msg:${messageKey}`, type: 'public_reply', actor: input.actor, at: now, data: { text, fromDraft: input.draftKey } });
    const from = this.deps.directory.teamMember(input.actor.userId)?.name ?? input.actor.name ?? 'Support team';
    await this.deps.outbox.enqueue([
      { workspace: doc.workspace, key: messageKey, platform: doc.source.platform, channel: doc.source.channel!, threadTs: doc.source.ts, view: { kind: 'case.reply', text, from } },
    ]);
    await this.deps.writer.touch(doc, { lastActivityAt: now }, now);
    return doc;
  }
}
