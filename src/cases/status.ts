/** The case lifecycle from PRODUCT.md flow 2, as data so it can be tested as a table. */
export const caseStatuses = [
  'new',
  'triaged',
  'in_progress',
  'waiting_on_customer',
  'waiting_on_specialist',
  'resolved',
  'closed',
] as const;

export type CaseStatus = (typeof caseStatuses)[number];

const transitions: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ['triaged', 'in_progress'],
  triaged: ['in_progress'],
  in_progress: ['waiting_on_customer', 'waiting_on_specialist', 'resolved'],
  waiting_on_customer: ['in_progress', 'resolved'],
  waiting_on_specialist: ['in_progress', 'resolved'],
  // Reopened when the customer says it is not fixed or writes again within the reopen window.
  resolved: ['in_progress', 'closed'],
  // Closed cases are read-only; only an agent's explicit reopen (ResolutionService.reopen) leaves it.
  closed: [],
};

export function allowedTransitions(from: CaseStatus): readonly CaseStatus[] {
  return transitions[from];
}

/**
 * Steps with their own action, not a plain status change: resolving asks for the cause and the
 * fix (the customer's summary), and reopening counts a reopen and restarts the resolution clock.
 */
export function needsOwnAction(from: CaseStatus, to: CaseStatus): boolean {
  return to === 'resolved' || (from === 'resolved' && to === 'in_progress');
}

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return transitions[from].includes(to);
}

export const openStatuses: readonly CaseStatus[] = caseStatuses.filter((s) => s !== 'resolved' && s !== 'closed');
