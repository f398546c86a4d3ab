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
  nextStatuses: readonly CaseStatus[];
}

export interface CaseCardView extends CaseSummary {
  kind: 'case.card';
}

export interface CustomerFollowUpView {
  kind: 'case.follow-up';
  caseKey: string;
  author: string;
  text: string;
  permalink: string | null;
}

export type View = CaseAcknowledgementView | CaseJoinedView | CaseCardView | CustomerFollowUpView;
export type ViewKind = View['kind'];

/** Who may see a view: the one place that decides what can reach a customer channel. */
export const viewAudience: Record<ViewKind, 'customer' | 'internal'> = {
  'case.acknowledgement': 'customer',
  'case.joined': 'customer',
  'case.card': 'internal',
  'case.follow-up': 'internal',
};
