import { Types } from 'mongoose';
import { openClocks } from '../../src/sla/case-clocks.js';
import type { SlaPolicy } from '../../src/sla/policy.js';
import type { CaseDocument } from '../../src/storage/models/index.js';
import { ids } from '../fixtures/config.js';

/** A case as tugi stores it, for seeding benchmarks: Acme's, P2, in progress, opened at `openedAt`. */
export function benchCase(i: number, openedAt: Date, policy: SlaPolicy, changes: Partial<CaseDocument> = {}): CaseDocument {
  return {
    _id: new Types.ObjectId(),
    workspace: ids.team,
    number: i + 1,
    key: `CS-${i + 1}`,
    title: `Case ${i + 1}`,
    description: 'Something does not work as it should.',
    requester: { platform: 'slack', userId: 'U0BENCH' },
    account: 'acme',
    source: { platform: 'slack', via: 'command', channel: null, ts: null, permalink: null },
    sourceKey: `command:bench-${i}`,
    status: 'in_progress',
    priority: 'P2',
    assignee: null,
    tags: [],
    specialists: [],
    specialistThread: null,
    sla: openClocks(policy, openedAt),
    snoozedUntil: null,
    waitingSince: null,
    nextDue: null,
    dueDone: [],
    resolvedAt: null,
    firstResolvedAt: null,
    resolution: null,
    customerAnswer: null,
    suggestion: null,
    reopenCount: 0,
    reported: null,
    firstResponseAt: null,
    lastCustomerActivityAt: openedAt,
    lastActivityAt: openedAt,
    createdAt: openedAt,
    updatedAt: openedAt,
    version: 1,
    ...changes,
  };
}
