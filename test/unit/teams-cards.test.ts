import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { adaptiveCardContentType, renderTeamsView } from '../../adapters/teams/cards/render.js';
import type { Mention, View } from '../../src/messages/index.js';
import { reportCard } from '../../adapters/teams/cards/report.js';
import { emptyTally, figures } from '../../src/reports/tally.js';

// The package's UMD build runs in Node (its ES build imports extensionless paths Node cannot resolve).
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

/** Everything the official Adaptive Cards parser and validator report about a card. */
function problems(card: object): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const events = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
  return [...events, ...parsed.validateProperties().validationEvents.map((event) => event.message)];
}

const ann: Mention = { name: 'Ann Specialist', slackUserId: null, aadObjectId: '00000000-0000-0000-0000-0000000000a1' };
const sven: Mention = { name: 'Sven Billing', slackUserId: 'U0SVEN', aadObjectId: null };
const request = {
  kind: 'specialists.request' as const,
  caseId: '0123456789abcdef01234567',
  caseKey: 'CS-7',
  title: 'VPN <drops> & reconnects',
  description: 'Since **Monday** morning\nline two',
  priority: 'P1' as const,
  accountName: 'Acme Ltd',
  tags: ['network'],
  askedBy: 'Mari Tamm',
  mentions: [ann, sven],
  notes: ['network: asked Ann Specialist, Sven Billing'],
};
const cardViews: View[] = [
  request,
  { ...request, mentions: [], description: '', notes: [], accountName: null },
  { kind: 'specialists.fallback', caseKey: 'CS-7', title: 'VPN', tag: 'billing', reason: 'Sven is outside working hours', mentions: [ann] },
  { kind: 'specialists.fallback', caseKey: 'CS-7', title: 'VPN', tag: 'billing', reason: 'nobody has this skill', mentions: [] },
  { kind: 'case.escalated', caseKey: 'CS-7', title: 'VPN', by: 'Jaan', agent: ann, reason: null },
  { kind: 'case.escalated', caseKey: 'CS-7', title: 'VPN', by: 'Jaan', agent: null, reason: 'no agent is available' },
  {
    kind: 'nag',
    reason: 'specialist.ping',
    caseId: '0123456789abcdef01234567',
    caseKey: 'CS-7',
    title: 'VPN',
    priority: 'P2',
    mentions: [ann],
    text: 'You were asked about network 4 business hours ago and have not replied yet.',
  },
  { kind: 'case.resolution', language: 'et', caseId: '0123456789abcdef01234567', caseKey: 'CS-7', cause: 'Tulemüür blokeeris pordi.', fix: 'Avasime pordi.', tookMinutes: 135 },
  { kind: 'case.resolved', caseKey: 'CS-7', title: 'VPN', cause: 'Firewall', fix: 'Opened the port', note: 'Vendor bug', by: 'Mari', tookMinutes: 50, specialists: ['Ann'] },
  { kind: 'case.reopen-prompt', language: 'en', caseId: '0123456789abcdef01234567', caseKey: 'CS-7' },
  { ...request, offersDraft: true },
  { kind: 'case.brief', caseKey: 'CS-7', summary: 'VPN drops hourly; *firmware* suspected.', nextStep: 'Confirm the version.' },
  { kind: 'case.resolve-form', caseId: '0123456789abcdef01234567', caseKey: 'CS-7', title: 'VPN', cause: 'A firmware bug.', fix: 'Rolled back.' },
  { kind: 'case.resolve-form', caseId: '0123456789abcdef01234567', caseKey: 'CS-7', title: 'VPN', cause: '', fix: '' },
];

describe('Teams Adaptive Cards', () => {
  it.each(cardViews.map((view) => [view.kind, view] as const))('%s parses and validates without a warning', (_kind, view) => {
    const activity = renderTeamsView(view);
    const [attachment] = activity.attachments!;
    expect(attachment!.contentType).toBe(adaptiveCardContentType);
    expect(problems(attachment!.content as object)).toEqual([]);
    expect(activity.summary).toContain('CS-7');
  });

  it('the checker does find problems, so a clean result means something', () => {
    expect(problems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x', color: 'Purple' }, { type: 'Bogus' }] })).toHaveLength(2);
  });

  it('mentions exactly the people with a Teams identity, with matching <at> text and entities', () => {
    const card = renderTeamsView(request).attachments![0]!.content as { body: { text?: string }[]; msteams: { entities: { text: string; mentioned: { id: string } }[] } };
    expect(card.msteams.entities).toEqual([{ type: 'mention', text: '<at>Ann Specialist</at>', mentioned: { id: ann.aadObjectId, name: 'Ann Specialist' } }]);
    expect(card.body[1]!.text).toBe('<at>Ann Specialist</at>, Sven Billing — could you help with this case?');
  });

  it('offers Resolve with a draft only with a model provider, and fills the drafted form’s inputs', () => {
    const actions = (view: View) => JSON.stringify((renderTeamsView(view).attachments![0]!.content as { actions: unknown[] }).actions);
    expect(actions(request)).not.toContain('case.draft-resolution');
    expect(actions({ ...request, offersDraft: true })).toContain('"tugi":"case.draft-resolution"');
    const form = JSON.stringify(renderTeamsView({ kind: 'case.resolve-form', caseId: request.caseId, caseKey: 'CS-7', title: 'VPN', cause: 'A firmware bug.', fix: 'Rolled back.' }).attachments![0]!.content);
    expect(form).toContain('"id":"cause","label":"What was wrong (the customer reads this)","isMultiline":true,"maxLength":2000,"isRequired":true,"value":"A firmware bug."');
    expect(form).toContain('"tugi":"case.resolve"');
  });

  it('customer texts and mirrored messages are markdown messages, with the mirrored text escaped', () => {
    expect(renderTeamsView({ kind: 'case.joined', language: 'et', caseKey: 'CS-1' }).text).toBe('Lisasime selle sõnumi teie pöördumisele **CS-1**.');
    const mirrored = renderTeamsView({ kind: 'bridge.message', caseKey: 'CS-1', author: 'Mari', from: 'slack', text: 'use *this* <b>', files: [{ name: 'a.log', url: 'https://x/a.log' }], edited: false, deleted: false });
    expect(mirrored.text).toBe('**Mari** (Slack)\n\nuse \\*this\\* \\<b\\>\n\n📎 [a.log](https://x/a.log)');
    const long = renderTeamsView({ kind: 'bridge.message', caseKey: 'CS-1', author: 'Mari', from: 'slack', text: 'x'.repeat(40_000), files: [], edited: false, deleted: false });
    expect(long.text!.length).toBeLessThan(13_000);
    expect(long.text!.endsWith('…')).toBe(true);
  });
});

describe('the Teams report card', () => {
  const report = {
    period: { from: '2026-11-23', to: '2026-11-29' },
    rows: [{ label: 'All <cases>', figures: figures(emptyTally()) }],
    backlog: { total: 2, byAge: { 'under 1 business day': 2 }, byStatus: { new: 2 } },
    chart: null,
  };

  it('parses and validates without a warning, with Export CSV carrying the period', () => {
    const content = reportCard(report, (id) => id) as { actions: Array<{ data: unknown }> };
    expect(problems(content)).toEqual([]);
    expect(content.actions[0]!.data).toEqual({ tugi: 'report.export', period: '2026-11-23..2026-11-29' });
    expect(JSON.stringify(content)).toContain('**All \\\\<cases\\\\>** — 0 opened');
  });
});
