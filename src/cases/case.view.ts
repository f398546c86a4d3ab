import type { CaseCardView, CaseSummary, SimilarCase } from '../messages/views.js';
import type { Directory } from '../people/directory.js';
import type { CaseDocument } from '../storage/models/index.js';
import { allowedTransitions, canTransition, needsOwnAction } from './status.js';

/**
 * The platform-neutral picture of a case that cards and private views render; `offersReplyDraft`
 * says whether a model provider drafts replies to its customer (see ReplyDrafts).
 */
export function toCaseSummary(doc: CaseDocument, directory: Directory, offersReplyDraft = false): CaseSummary {
  return {
    caseId: String(doc._id),
    key: doc.key,
    title: doc.title,
    description: doc.description.length > 500 ? `${doc.description.slice(0, 499)}…` : doc.description,
    status: doc.status,
    priority: doc.priority,
    assignee: doc.assignee ?? null,
    requester: doc.requester.userId ?? 'unknown',
    accountName: directory.account(doc.account)?.name ?? null,
    via: doc.source.via,
    permalink: doc.source.permalink ?? null,
    createdAt: doc.createdAt.toISOString(),
    nextStatuses: allowedTransitions(doc.status).filter((to) => !needsOwnAction(doc.status, to)),
    canResolve: canTransition(doc.status, 'resolved'),
    canReopen: doc.status === 'resolved' || doc.status === 'closed',
    tags: doc.tags ?? [],
    knownTags: directory.tags,
    specialists: (doc.specialists ?? []).map((s) => directory.person(s.personId)?.name ?? s.personId),
    snoozedUntil: doc.snoozedUntil?.toISOString() ?? null,
    offersReplyDraft,
    suggestion: doc.suggestion ? { tags: doc.suggestion.tags, priority: doc.suggestion.priority ?? null, reason: doc.suggestion.reason } : null,
  };
}

export function toCaseCard(doc: CaseDocument, directory: Directory, similar: SimilarCase[] = [], offersReplyDraft = false): CaseCardView {
  return { kind: 'case.card', ...toCaseSummary(doc, directory, offersReplyDraft), similar: similar.map(({ caseKey, title, fix }) => ({ caseKey, title, fix: fix.length > 200 ? `${fix.slice(0, 199)}…` : fix })) };
}
