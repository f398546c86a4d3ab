import { formatTarget, type Mention, type NagReason, type NagView } from '../messages/index.js';
import type { OutboxMessage } from '../outbox/outbox.js';
import type { Directory } from '../people/directory.js';
import type { SlaSettings } from '../sla/settings.js';
import { scaleTarget, type SlaTarget } from '../sla/policy.js';
import { cardKey, mentionOf } from '../specialists/specialist.notifications.js';
import type { CaseDocument } from '../storage/models/index.js';
import type { DuePoint, NagSettings } from './due-points.js';

const clockNames = { firstResponse: 'first-response', resolution: 'resolution' } as const;

/**
 * The messages a due point produces. Every key is `nag:<case>:<due point>[:<where>]`, so however
 * often a due point is handled (two replicas, a retried sweep) its messages are stored once.
 */
export class NagNotifications {
  constructor(
    private readonly directory: Directory,
    private readonly sla: SlaSettings,
    private readonly nags: NagSettings,
  ) {}

  messages(doc: CaseDocument, point: DuePoint): OutboxMessage[] {
    const key = `nag:${doc._id}:${point.key}`;
    const base = { workspace: doc.workspace, platform: 'slack' as const };
    const internal = (reason: NagReason, mentions: Mention[], text: string, where: 'thread' | 'managers' | 'triage' = 'thread'): OutboxMessage => ({
      ...base,
      key: where === 'thread' ? key : `${key}:${where}`,
      view: { kind: 'nag', reason, caseId: String(doc._id), caseKey: doc.key, title: doc.title, priority: doc.priority, mentions, text } satisfies NagView,
      ...(where === 'managers'
        ? { channel: this.directory.managerChannel }
        : where === 'triage'
          ? { channel: this.directory.triageChannel }
          : { channel: this.directory.triageChannel, threadOfKey: cardKey(doc) }),
    });
    const assignee = this.assignee(doc);
    // Unassigned cases are nagged about in the triage channel itself, where someone can pick them up.
    const toAssignee = (reason: NagReason, text: string) =>
      internal(reason, assignee ? [assignee] : [], assignee ? text : `${text} Nobody is assigned.`, assignee ? 'thread' : 'triage');

    switch (point.kind) {
      case 'sla.warning': {
        const { name, target } = this.clockOf(doc, point);
        return [toAssignee('sla.warning', `75 % of the ${name} target (${formatTarget(target, 'en')}) is used: ${formatTarget(scaleTarget(target, 0.25), 'en')} left.`)];
      }
      case 'sla.breach': {
        const { name, target } = this.clockOf(doc, point);
        const text = `The ${name} target (${formatTarget(target, 'en')}) is breached.`;
        return [toAssignee('sla.breach', text), internal('sla.breach', assignee ? [assignee] : [], text, 'managers')];
      }
      case 'stale.nag': {
        const n = Number(point.key.split(':').at(-1));
        const quiet = formatTarget(scaleTarget(this.nags.staleAfter[doc.priority], n), 'en');
        return [toAssignee('stale.nag', `No activity for ${quiet} (reminder ${n} of ${this.nags.escalateAfterNags - 1} before the managers are told).`)];
      }
      case 'stale.escalation': {
        const quiet = formatTarget(scaleTarget(this.nags.staleAfter[doc.priority], this.nags.escalateAfterNags), 'en');
        const who = assignee ? `${assignee.name} was reminded` : 'the triage channel was reminded';
        return [internal('stale.escalation', assignee ? [assignee] : [], `No activity for ${quiet}; ${who} and nothing moved.`, 'managers')];
      }
      case 'specialist.ping':
        return this.specialistPing(doc, point, key);
      case 'customer.reminder':
      case 'customer.auto_resolve':
        return this.customerMessages(doc, point, key);
      case 'specialist.next':
      case 'case.auto_close':
        return []; // the new pull speaks for itself; a close is shown on the card
    }
  }

  private specialistPing(doc: CaseDocument, point: DuePoint, key: string): OutboxMessage[] {
    const specialist = doc.specialists.find((s) => s.personId === point.personId);
    const person = point.personId ? this.directory.person(point.personId) : undefined;
    if (!specialist || !person) return [];
    const view: NagView = {
      kind: 'nag',
      reason: 'specialist.ping',
      caseId: String(doc._id),
      caseKey: doc.key,
      title: doc.title,
      priority: doc.priority,
      mentions: [mentionOf(person)],
      text: `You were asked about ${specialist.tag} ${formatTarget(this.nags.specialistReplyWithin, 'en')} ago and have not replied yet. Could you take a look, or say who can?`,
    };
    const thread = doc.specialistThread;
    return specialist.platform === 'teams' && thread
      ? [{ workspace: doc.workspace, key, platform: 'teams', channel: thread.channel, threadOfKey: thread.rootKey, view }]
      : [{ workspace: doc.workspace, key, platform: 'slack', channel: this.directory.triageChannel, threadOfKey: cardKey(doc), view }];
  }

  /** In the customer's own thread and language; a case with no customer thread only tells the team. */
  private customerMessages(doc: CaseDocument, point: DuePoint, key: string): OutboxMessage[] {
    const { channel, ts, platform } = doc.source;
    const language = this.directory.account(doc.account)?.language ?? 'en';
    const reminder = point.kind === 'customer.reminder';
    const messages: OutboxMessage[] = [];
    if (channel && ts && (platform === 'teams' || this.directory.isCustomerChannel(channel))) {
      messages.push({
        workspace: doc.workspace,
        key,
        platform,
        channel,
        threadTs: ts,
        view: reminder ? { kind: 'customer.reminder', language, caseKey: doc.key } : { kind: 'customer.auto-resolved', language, caseKey: doc.key },
      });
    }
    if (!reminder) {
      const waited = formatTarget(this.nags.remindCustomerAfter, 'en');
      messages.push({
        workspace: doc.workspace,
        key: `${key}:thread`,
        platform: 'slack',
        channel: this.directory.triageChannel,
        threadOfKey: cardKey(doc),
        view: {
          kind: 'nag',
          reason: 'auto_resolved',
          caseId: String(doc._id),
          caseKey: doc.key,
          title: doc.title,
          priority: doc.priority,
          mentions: [],
          text: `Resolved automatically: the customer did not answer for ${waited} and a reminder.`,
        },
      });
    }
    return messages;
  }

  private assignee(doc: CaseDocument): Mention | null {
    if (!doc.assignee) return null;
    const person = this.directory.teamMember(doc.assignee);
    return person ? mentionOf(person) : { name: doc.assignee, slackUserId: doc.assignee, aadObjectId: null };
  }

  /** The SLA clock a point is about (its key starts `sla:<clock>:`), with its current target. */
  private clockOf(doc: CaseDocument, point: DuePoint): { name: string; target: SlaTarget } {
    const clock = point.key.split(':')[1] === 'resolution' ? 'resolution' : 'firstResponse';
    return { name: clockNames[clock], target: doc.sla?.[clock].target ?? this.sla.policyFor(doc.account, doc.priority)[clock] };
  }
}
