import type { Directory } from '../people/directory.js';
import type { Clock } from '../ports/clock.js';
import type { CaseDocument } from '../storage/models/index.js';
import { ChannelNotConfiguredError, ValidationFailedError } from '../errors.js';
import { openCaseSchema, titleFromText, truncateDescription, type Actor, type IntakeVia } from './case.schema.js';
import type { CaseService } from './case.service.js';
import type { CaseRepository } from './case.repository.js';
import { joinsOpenCase } from './grouping.js';
import type { LeaseLock } from '../storage/lease-lock.js';
import { KeyedQueue } from '../util/keyed-queue.js';

export interface SourceMessage {
  workspace: string;
  channel: string;
  ts: string;
  author: Actor;
  text: string;
  permalink: string | null;
  at: Date;
  /** Set by adapters that know the account another way (a Teams channel or tenant); else from the Slack channel. */
  accountId?: string | null;
}

export type IntakeResult = { outcome: 'opened' | 'existing' | 'joined'; case: CaseDocument };

/** Flow 1 of PRODUCT.md: which messages become cases, and which join one. */
export class IntakeService {
  private readonly arrivalOrder = new KeyedQueue();

  constructor(
    private readonly cases: CaseService,
    private readonly directory: Directory,
    private readonly clock: Clock,
    private readonly lock: LeaseLock,
    private readonly repository: CaseRepository,
    /** Told of each case a message or command opened (the model's triage suggestion follows it). */
    private readonly opened: (doc: CaseDocument) => void = () => {},
  ) {}

  /**
   * Auto-capture of a top-level customer message; the adapter has checked it is one. One
   * requester's messages in one channel are handled one at a time (in arrival order on this
   * replica, under a lease across replicas), so two quick messages give one case, not two.
   */
  captureMessage(message: SourceMessage): Promise<IntakeResult> {
    const key = `intake:${message.workspace}:${message.channel}:${message.author.userId}`;
    return this.arrivalOrder.run(key, () => this.lock.withLock(key, () => this.openOrJoin(message)));
  }

  private async openOrJoin(message: SourceMessage): Promise<IntakeResult> {
    const windowMinutes = this.directory.config.intake.groupingWindowMinutes;
    const joined = await this.cases.joinFollowUp({
      ...message,
      isWithinWindow: (last) => joinsOpenCase(last, message.at, windowMinutes),
    });
    if (joined) return { outcome: 'joined', case: joined };
    const opened = await this.openFromMessage(message, 'message', message.author);
    // Also when a retried event finds the case it opened before: the pointer may not be set yet.
    if (opened.case.sourceKey === `${message.channel}:${message.ts}`) {
      await this.repository.setRequesterCase(message.workspace, message.channel, message.author.userId, opened.case._id);
    }
    return opened;
  }

  /** The 🎫 reaction or the "Open case" shortcut on any message in a channel tugi may use. */
  async openFromMessage(message: SourceMessage, via: IntakeVia, openedBy: Actor): Promise<IntakeResult> {
    const account = message.accountId !== undefined ? message.accountId : (this.directory.customerChannel(message.channel)?.account.id ?? null);
    if (!account && !this.directory.config.intake.anyChannel) throw new ChannelNotConfiguredError(message.channel);
    const input = openCaseSchema.parse({
      workspace: message.workspace,
      title: titleFromText(message.text, `Message from ${message.author.name ?? message.author.userId}`),
      description: truncateDescription(message.text),
      requester: message.author,
      openedBy,
      account,
      via,
      source: { platform: message.author.platform, channel: message.channel, ts: message.ts, permalink: message.permalink },
      sourceKey: `${message.channel}:${message.ts}`,
      at: message.at,
    });
    return this.outcomeOf(await this.cases.open(input));
  }

  /** `/tugi new <title> [--via phone|email]`: logged by a team member for a customer. */
  async openFromCommand(args: {
    workspace: string;
    title: string;
    via: 'command' | 'phone' | 'email';
    actor: Actor;
    channel: string;
    /** The platform's unique id of this invocation, so a repeated delivery opens one case. */
    invocationId: string;
  }): Promise<IntakeResult> {
    const account = this.directory.customerChannel(args.channel)?.account.id ?? null;
    const parsed = openCaseSchema.safeParse({
      workspace: args.workspace,
      title: args.title,
      description: '',
      requester: args.actor,
      openedBy: args.actor,
      account,
      via: args.via,
      source: { platform: args.actor.platform, channel: null, ts: null, permalink: null },
      sourceKey: `command:${args.invocationId}`,
      at: this.clock.now(),
    });
    if (!parsed.success) throw new ValidationFailedError(parsed.error.issues.map((issue) => issue.message));
    return this.outcomeOf(await this.cases.open(parsed.data));
  }

  private outcomeOf(result: { created: boolean; case: CaseDocument }): IntakeResult {
    if (result.created) this.opened(result.case);
    return { outcome: result.created ? 'opened' : 'existing', case: result.case };
  }
}
