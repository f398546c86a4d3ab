import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { caseFacts } from '../../src/reports/case-facts.js';
import { BusinessCalendar } from '../../src/sla/calendar.js';
import { openClocks, responded, statusChanged } from '../../src/sla/case-clocks.js';
import { defaultSlaPolicies } from '../../src/sla/policy.js';
import type { CaseDocument } from '../../src/storage/models/index.js';

const nineToFive = [{ from: 540, to: 1020 }];
const tallinn = new BusinessCalendar('Europe/Tallinn', { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive });
const at = (iso: string) => new Date(iso);

/** A case as stored, opened on a Friday at 16:00 in Tallinn (14:00 UTC), P3 (business-time targets). */
function stored(changes: Partial<CaseDocument> = {}): CaseDocument {
  const opened = at('2026-11-20T14:00:00Z');
  return {
    _id: new Types.ObjectId(),
    workspace: 'T1',
    number: 1,
    key: 'CS-1',
    title: 'Printer',
    description: '',
    requester: { platform: 'slack', userId: 'U1' },
    account: 'acme',
    source: { platform: 'slack', via: 'message', channel: 'C1', ts: '1.1', permalink: null },
    sourceKey: 'C1:1.1',
    status: 'in_progress',
    priority: 'P3',
    assignee: 'U0AGENT',
    tags: ['network'],
    specialists: [
      { personId: 'ann', platform: 'teams', tag: 'network', pulledAt: opened, firstReplyAt: at('2026-11-20T14:30:00Z') },
      { personId: 'tom', platform: 'teams', tag: 'network', pulledAt: opened, firstReplyAt: null },
    ],
    specialistThread: null,
    sla: openClocks(defaultSlaPolicies.P3, opened),
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
    lastCustomerActivityAt: opened,
    lastActivityAt: opened,
    createdAt: opened,
    updatedAt: opened,
    version: 1,
    ...changes,
  };
}

describe('what a case contributes to the reports', () => {
  it('measures the first response in business time and counts its SLA once the reply is in', () => {
    const reply = at('2026-11-23T08:00:00Z'); // Monday 10:00 in Tallinn: 1 business hour on Friday + 1 on Monday
    const doc = stored({ firstResponseAt: reply });
    doc.sla = responded(doc.sla!, doc.createdAt, reply, tallinn);
    const facts = caseFacts(doc, tallinn, 'Europe/Tallinn', at('2026-11-23T09:00:00Z'));
    expect(facts).toMatchObject({ openedDay: '2026-11-20', firstResponseMinutes: 120, sla: { firstResponse: 'met', resolution: 'open' }, specialists: ['ann'] });
  });

  it('reports a case without a response as open, and as breached once a running clock passes its target', () => {
    const doc = stored();
    expect(caseFacts(doc, tallinn, 'Europe/Tallinn', at('2026-11-23T09:00:00Z'))).toMatchObject({ firstResponseMinutes: null, sla: { firstResponse: 'open' } });
    // Monday 15:00 Tallinn: 1 + 6 business hours used of 4.
    expect(caseFacts(doc, tallinn, 'Europe/Tallinn', at('2026-11-23T13:00:00Z')).sla.firstResponse).toBe('breached');
  });

  it('measures resolution to the first resolution, counts reopens apart, and days are the team’s', () => {
    const firstResolved = at('2026-11-24T10:00:00Z'); // Tuesday 12:00 Tallinn
    let sla = statusChanged(stored().sla!, 'in_progress', 'resolved', firstResolved, tallinn);
    sla = statusChanged(sla, 'resolved', 'in_progress', at('2026-11-25T08:00:00Z'), tallinn);
    const doc = stored({ createdAt: at('2026-11-19T22:30:00Z'), firstResolvedAt: firstResolved, reopenCount: 1, sla, customerAnswer: { verdict: 'still_broken', rating: 2, by: { platform: 'slack', userId: 'U1' }, at: firstResolved } });
    const facts = caseFacts(doc, tallinn, 'Europe/Tallinn', at('2026-11-25T09:00:00Z'));
    // Opened Friday 00:30 in Tallinn (Thursday in UTC); Friday 8 h + Monday 8 h + Tuesday 3 h of business time.
    expect(facts).toMatchObject({ openedDay: '2026-11-20', resolvedDay: '2026-11-24', resolutionMinutes: 19 * 60, reopens: 1, rating: 2 });
  });
});
