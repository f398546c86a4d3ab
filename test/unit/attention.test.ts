import { describe, expect, it } from 'vitest';
import { needsAttention } from '../../src/reminders/attention.js';
import { defaultNagSettings } from '../../src/reminders/due-points.js';
import { BusinessCalendar } from '../../src/sla/calendar.js';
import { openClocks, responded } from '../../src/sla/case-clocks.js';
import { defaultSlaPolicies } from '../../src/sla/policy.js';
import type { CaseDocument } from '../../src/storage/models/index.js';

const nineToFive = [{ from: 540, to: 1020 }];
const office = new BusinessCalendar('UTC', { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive });
const now = new Date('2026-11-23T15:00:00Z'); // Monday afternoon
let n = 0;
const aCase = (fields: Partial<CaseDocument>): CaseDocument => {
  n += 1;
  const opened = fields.createdAt ?? new Date('2026-11-23T14:30:00Z');
  return {
    _id: `0123456789abcdef0123456${n % 10}`,
    key: `CS-${n}`,
    title: `case ${n}`,
    status: 'in_progress',
    priority: 'P2',
    assignee: null,
    sla: openClocks(defaultSlaPolicies[fields.priority ?? 'P2'], opened),
    lastActivityAt: opened,
    createdAt: opened,
    ...fields,
  } as CaseDocument;
};

describe('which cases need attention', () => {
  it('most breached targets first, then the longest idle; answered, waiting and fresh cases are left out', () => {
    const breached = aCase({ createdAt: new Date('2026-11-23T13:00:00Z'), lastActivityAt: new Date('2026-11-23T14:50:00Z') });
    const quiet = aCase({ priority: 'P4', createdAt: new Date('2026-11-18T10:00:00Z'), lastActivityAt: new Date('2026-11-18T10:00:00Z') });
    const quieter = aCase({ priority: 'P4', createdAt: new Date('2026-11-16T10:00:00Z'), lastActivityAt: new Date('2026-11-16T10:00:00Z') });
    const answered = aCase({ createdAt: new Date('2026-11-23T13:00:00Z'), lastActivityAt: new Date('2026-11-23T14:55:00Z') });
    answered.sla = responded(answered.sla!, answered.createdAt, new Date('2026-11-23T13:20:00Z'), office);
    const waiting = aCase({ status: 'waiting_on_customer', lastActivityAt: new Date('2026-11-20T10:00:00Z') });
    const fresh = aCase({});
    const rows = needsAttention([fresh, quiet, waiting, answered, quieter, breached], now, defaultNagSettings, () => office);
    expect(rows.map((r) => [r.key, r.reasons.map((reason) => reason.kind)])).toEqual([
      [quieter.key, ['breached', 'breached', 'stale']],
      [quiet.key, ['breached', 'breached', 'stale']],
      [breached.key, ['breached']],
    ]);
  });

  it('counts business-time staleness in business time', () => {
    // P3 goes stale after one business day: Friday 15:00 → Monday 15:00 is exactly one.
    const friday = aCase({ priority: 'P3', sla: null, lastActivityAt: new Date('2026-11-20T15:00:00Z') });
    const saturday = aCase({ priority: 'P3', sla: null, lastActivityAt: new Date('2026-11-21T15:00:00Z') });
    expect(needsAttention([friday, saturday], now, defaultNagSettings, () => office).map((r) => [r.key, r.reasons])).toEqual([
      [friday.key, [{ kind: 'stale', idleMinutes: 480 }]],
    ]);
  });
});
