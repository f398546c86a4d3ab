import type { PersonConfig } from '../config/people.js';
import type { Mention } from '../messages/views.js';
import type { OutboxMessage } from '../outbox/outbox.js';
import type { Directory } from '../people/directory.js';
import { describeSkips, type TagRoute } from '../routing/index.js';
import type { CaseDocument } from '../storage/models/index.js';

export const mentionOf = (person: PersonConfig): Mention => ({
  name: person.teams?.name ?? person.name,
  slackUserId: person.slackUserId ?? null,
  aadObjectId: person.teams?.aadObjectId ?? null,
});

/** The keys of a case's specialist messages: the card (internal Slack thread) and the Teams thread root. */
export const cardKey = (doc: CaseDocument) => `case:${doc._id}:card`;
export const specialistRootKey = (doc: CaseDocument) => `case:${doc._id}:specialists`;

/** One line per tag for the thread: who was asked, or why nobody was and where it went. */
export function routeNotes(routes: TagRoute[], alreadyOnCase: Map<string, string[]>): string[] {
  return routes.map((route) => {
    const asked = route.chosen.map((p) => p.name);
    if (asked.length > 0) return `${route.tag}: asked ${asked.join(', ')}`;
    const already = alreadyOnCase.get(route.tag);
    if (already?.length) return `${route.tag}: ${already.join(', ')} already on the case`;
    const why = route.skipped.length
      ? describeSkips(route.skipped)
      : 'nobody has this skill';
    const where = route.fallback?.kind === 'group' ? 'asked the fallback group' : 'told the managers';
    return `${route.tag}: nobody available (${why}), ${where}`;
  });
}

export interface PullMessagesInput {
  doc: CaseDocument;
  directory: Directory;
  askedBy: string;
  /** Newly asked, by where they work. */
  teams: PersonConfig[];
  slack: PersonConfig[];
  notes: string[];
  /** Tags nobody could take, with their fallback. */
  fallbacks: TagRoute[];
  /** The Teams thread existed before this pull. */
  threadExisted: boolean;
  offersDraft: boolean;
}

/**
 * The messages a pull produces: the Teams thread (opened, or added to) with real @mentions, a
 * note in the case's internal Slack thread mentioning Slack specialists, and fallback notices.
 */
export function pullMessages(input: PullMessagesInput): OutboxMessage[] {
  const { doc, directory } = input;
  const base = { workspace: doc.workspace };
  const request = (mentions: Mention[]) => ({
    kind: 'specialists.request' as const,
    caseId: String(doc._id),
    caseKey: doc.key,
    title: doc.title,
    description: doc.description.length > 1000 ? `${doc.description.slice(0, 999)}…` : doc.description,
    priority: doc.priority,
    accountName: directory.account(doc.account)?.name ?? null,
    tags: doc.tags,
    askedBy: input.askedBy,
    mentions,
    notes: input.notes,
    offersDraft: input.offersDraft,
  });
  const messages: OutboxMessage[] = [];
  const thread = doc.specialistThread;
  if (input.teams.length > 0 && thread) {
    const view = request(input.teams.map(mentionOf));
    messages.push(
      input.threadExisted
        ? { ...base, key: `case:${doc._id}:specialists:v${doc.version}`, platform: 'teams', channel: thread.channel, threadOfKey: thread.rootKey, view }
        : { ...base, key: thread.rootKey, platform: 'teams', channel: thread.channel, view, anchor: true },
    );
  }
  // The internal Slack thread always hears who was asked, and @mentions the Slack specialists.
  messages.push({
    ...base,
    key: `case:${doc._id}:pull:v${doc.version}`,
    platform: 'slack',
    channel: directory.triageChannel,
    threadOfKey: cardKey(doc),
    view: request(input.slack.map(mentionOf)),
  });
  for (const route of input.fallbacks) {
    const fallback = route.fallback!;
    const channel = fallback.slackChannel ?? directory.managerChannel;
    messages.push({
      ...base,
      key: `case:${doc._id}:fallback:${route.tag}:v${doc.version}`,
      platform: 'slack',
      channel,
      view: {
        kind: 'specialists.fallback',
        caseKey: doc.key,
        title: doc.title,
        tag: route.tag,
        reason: route.skipped.length ? describeSkips(route.skipped) : 'nobody has this skill',
        mentions: fallback.kind === 'group' ? fallback.people.map(mentionOf) : [],
      },
    });
  }
  return messages;
}
