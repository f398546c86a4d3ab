import type { TrendChart } from '../reports/chart/trend.js';
import type { Language, Priority } from '../config/workspace.js';
import type { CaseStatus } from '../cases/status.js';
import type { SlaTarget } from '../sla/policy.js';

/**
 * Platform-neutral views: data only. Adapters render them (Block Kit, Adaptive Cards); the outbox
 * stores them, so a message is the same whenever and wherever it is delivered.
 */
export interface CaseAcknowledgementView {
  kind: 'case.acknowledgement';
  language: Language;
  caseKey: string;
  firstResponse: SlaTarget;
}

export interface CaseJoinedView {
  kind: 'case.joined';
  language: Language;
  caseKey: string;
}

export interface CaseSummary {
  caseId: string;
  key: string;
  title: string;
  description: string;
  status: CaseStatus;
  priority: Priority;
  assignee: string | null;
  requester: string;
  accountName: string | null;
  via: string;
  permalink: string | null;
  createdAt: string;
  /** Statuses the card's menu offers (resolving and reopening have their own buttons). */
  nextStatuses: readonly CaseStatus[];
  canResolve: boolean;
  canReopen: boolean;
  tags: string[];
  /** Every tag the workspace knows, for the card's tag picker. */
  knownTags: string[];
  /** Names of the specialists pulled in so far. */
  specialists: string[];
  /** Nags wait until then (ISO time), if snoozed. */
  snoozedUntil: string | null;
  /** A model provider drafts replies to this case's customer thread (the card offers "Draft a reply"). */
  offersReplyDraft: boolean;
  /** The model's triage suggestion, for an agent to accept or dismiss. */
  suggestion: { tags: string[]; priority: Priority | null; reason: string } | null;
}

/** A resolved case like this one: what fixed it then. */
export interface SimilarCase {
  caseKey: string;
  title: string;
  fix: string;
}

export interface CaseCardView extends CaseSummary {
  kind: 'case.card';
  /** Up to three resolved cases like this one (the knowledge search). */
  similar: SimilarCase[];
}

export interface CustomerFollowUpView {
  kind: 'case.follow-up';
  caseKey: string;
  author: string;
  text: string;
  permalink: string | null;
}

/** A person to @mention: each platform renders the identity it has. */
export interface Mention {
  name: string;
  slackUserId: string | null;
  aadObjectId: string | null;
}

/** Opens (or adds to) a specialist thread: the case in brief, who is asked, and why. */
export interface SpecialistRequestView {
  kind: 'specialists.request';
  caseId: string;
  caseKey: string;
  title: string;
  description: string;
  priority: Priority;
  accountName: string | null;
  tags: string[];
  askedBy: string;
  mentions: Mention[];
  /** One line per tag: who was asked, or why nobody was and where it went instead. */
  notes: string[];
  /** A model provider drafts for the case (Teams' card offers "Resolve with a draft"). */
  offersDraft?: boolean;
}

/** Nobody with a tag was available: the fallback group's channel or the managers are told. */
export interface SpecialistFallbackView {
  kind: 'specialists.fallback';
  caseKey: string;
  title: string;
  tag: string;
  reason: string;
  mentions: Mention[];
}

/** A consultant handed the case to an agent (or nobody was free and the managers are told). */
export interface CaseEscalatedView {
  kind: 'case.escalated';
  caseKey: string;
  title: string;
  by: string;
  agent: Mention | null;
  reason: string | null;
}

/** A message mirrored from the other platform's thread, with its author and files as links. */
export interface BridgedMessageView {
  kind: 'bridge.message';
  caseKey: string;
  author: string;
  from: 'slack' | 'teams';
  text: string;
  files: { name: string; url: string }[];
  edited: boolean;
  deleted: boolean;
}

/** Why tugi speaks up about a case on its own: the due points that produce an internal message. */
export type NagReason = 'sla.warning' | 'sla.breach' | 'stale.nag' | 'stale.escalation' | 'specialist.ping' | 'auto_resolved';

/** An internal nag about a case: what is due and for whom; adapters add the actions that move the case on. */
export interface NagView {
  kind: 'nag';
  reason: NagReason;
  caseId: string;
  caseKey: string;
  title: string;
  priority: Priority;
  /** Who is asked to act (@mentioned), if anyone is. */
  mentions: Mention[];
  /** What is due, in one sentence (internal text, English). */
  text: string;
}

/** A polite nudge to a customer the case waits on. */
export interface CustomerReminderView {
  kind: 'customer.reminder';
  language: Language;
  caseKey: string;
}

/** The case was resolved for lack of an answer; how to get it reopened. */
export interface CustomerAutoResolvedView {
  kind: 'customer.auto-resolved';
  language: Language;
  caseKey: string;
}

/** The resolution summary in the customer's thread: what was wrong, what was done, and the answers they can give. */
export interface CaseResolutionView {
  kind: 'case.resolution';
  language: Language;
  caseId: string;
  caseKey: string;
  cause: string;
  fix: string;
  /** Wall-clock minutes from opening to resolution. */
  tookMinutes: number;
}

/** The same resolution for the team (internal and specialist threads): with the note, crediting the specialists. */
export interface CaseResolvedView {
  kind: 'case.resolved';
  caseKey: string;
  title: string;
  cause: string;
  fix: string;
  note: string | null;
  by: string;
  tookMinutes: number;
  specialists: string[];
}

/** What tugi tells a customer about their answer (or why it could not take it), in their language. */
export type AnswerOutcome = 'solved' | 'rated' | 'updated' | 'reopened' | 'closed' | 'not_resolved' | 'not_allowed' | 'invalid';
export interface CustomerAnswerNoteView {
  kind: 'case.answer-note';
  language: Language;
  caseKey: string;
  outcome: AnswerOutcome;
  rating: number | null;
}

/** A customer wrote in the thread of a recently resolved case: reopen it? */
export interface ReopenPromptView {
  kind: 'case.reopen-prompt';
  language: Language;
  caseId: string;
  caseKey: string;
}

/** A case went back to work: who reopened it and why; mentions the assignee. */
export interface CaseReopenedView {
  kind: 'case.reopened';
  caseKey: string;
  title: string;
  by: string;
  byCustomer: boolean;
  assignee: Mention | null;
}

/** The weekly report for the manager channel: lines of the shared report text. */
export interface ReportDigestView {
  kind: 'report.digest';
  heading: string;
  sections: string[][];
  footnote: string;
}

/** A report's trend chart, sent as an image: to a manager privately, or to the manager channel with the digest. */
export interface ReportChartView {
  kind: 'report.chart';
  chart: TrendChart;
  comment: string | null;
}

/** The cases behind a report's numbers, as a CSV file for the manager who asked. */
export interface ReportExportView {
  kind: 'report.export';
  filename: string;
  title: string;
  csv: string;
  comment: string;
}

/** A short internal note in a thread: what a button press did, or why it did nothing. */
export interface CaseNoticeView {
  kind: 'case.notice';
  text: string;
}

/** A reply an agent sent the customer from a draft ("Draft a reply"), in the customer's thread. */
export interface CaseReplyView {
  kind: 'case.reply';
  text: string;
  /** The agent who sent it. */
  from: string;
}

/** The model's brief of a case for the specialists pulled in (team only). */
export interface CaseBriefView {
  kind: 'case.brief';
  caseKey: string;
  summary: string;
  nextStep: string;
}

/** The Resolve form in a Teams thread, its cause and fix drafted (Teams' cards cannot be filled once sent). */
export interface ResolveFormView {
  kind: 'case.resolve-form';
  caseId: string;
  caseKey: string;
  title: string;
  cause: string;
  fix: string;
}

/** Said once where tugi was added in Teams: what it does there. */
export interface AppGreetingView {
  kind: 'app.greeting';
  setUp: boolean;
}

export type View =
  | AppGreetingView
  | CaseAcknowledgementView
  | CaseJoinedView
  | CaseCardView
  | CustomerFollowUpView
  | SpecialistRequestView
  | SpecialistFallbackView
  | CaseEscalatedView
  | BridgedMessageView
  | NagView
  | CustomerReminderView
  | CustomerAutoResolvedView
  | CaseNoticeView
  | CaseReplyView
  | CaseBriefView
  | ResolveFormView
  | CaseResolutionView
  | CaseResolvedView
  | CustomerAnswerNoteView
  | ReopenPromptView
  | CaseReopenedView
  | ReportDigestView
  | ReportChartView
  | ReportExportView;
export type ViewKind = View['kind'];

/** Who may see a view: the one place that decides what can reach a customer channel. */
export const viewAudience: Record<ViewKind, 'customer' | 'internal'> = {
  // Fit for anyone: it says what tugi does, nothing about any case.
  'app.greeting': 'customer',
  'case.acknowledgement': 'customer',
  'case.joined': 'customer',
  'case.card': 'internal',
  'case.follow-up': 'internal',
  'specialists.request': 'internal',
  'specialists.fallback': 'internal',
  'case.escalated': 'internal',
  'bridge.message': 'internal',
  nag: 'internal',
  'customer.reminder': 'customer',
  'customer.auto-resolved': 'customer',
  'case.notice': 'internal',
  // Written by a person (from a draft that lost every sentence repeating internal text).
  'case.reply': 'customer',
  'case.brief': 'internal',
  'case.resolve-form': 'internal',
  'case.resolution': 'customer',
  'case.resolved': 'internal',
  'case.answer-note': 'customer',
  'case.reopen-prompt': 'customer',
  'case.reopened': 'internal',
  'report.digest': 'internal',
  'report.chart': 'internal',
  'report.export': 'internal',
};
