import type { CaseStatus } from '../cases/status.js';
import type { Priority } from '../config/workspace.js';

/** How statuses and priorities read to people, the same on every platform. */
export const statusLabels: Record<CaseStatus, string> = {
  new: 'New',
  triaged: 'Triaged',
  in_progress: 'In progress',
  waiting_on_customer: 'Waiting on customer',
  waiting_on_specialist: 'Waiting on specialist',
  resolved: 'Resolved',
  closed: 'Closed',
};

export const priorityLabels: Record<Priority, string> = { P1: 'P1 · Urgent', P2: 'P2 · High', P3: 'P3 · Normal', P4: 'P4 · Low' };
