import { describe, expect, it } from 'vitest';
import { renderView } from '../../adapters/slack/blocks/render.js';
import type { CaseCardView } from '../../src/messages/index.js';

const card: CaseCardView = {
  kind: 'case.card',
  caseId: '0123456789abcdef01234567',
  key: 'CS-7',
  title: 'T'.repeat(200),
  description: 'Line <b>one</b> & <!channel>\nline two',
  status: 'in_progress',
  priority: 'P1',
  assignee: 'U0AGENT',
  requester: 'U0CUSTOMER',
  accountName: 'Acme Ltd',
  via: 'reaction',
  permalink: 'https://x.slack.com/archives/C1/p1',
  createdAt: '2026-11-25T10:00:00.000Z',
  nextStatuses: ['waiting_on_customer'],
  canResolve: true,
  canReopen: false,
  tags: ['network'],
  knownTags: ['network', 'billing'],
  specialists: ['Ann <Admin>'],
  snoozedUntil: '2026-11-26T07:00:00.000Z',
  offersReplyDraft: false,
  suggestion: null,
  similar: [{ caseKey: 'CS-3', title: 'VPN <drops>', fix: 'Rolled back the firmware' }],
};

describe('Slack rendering', () => {
  it('renders the case card within Block Kit limits, with escaped customer text and the case id on the actions', () => {
    const { text, blocks } = renderView(card);
    expect(text.startsWith('CS-7: ')).toBe(true);
    const header = blocks![0] as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(150);
    const json = JSON.stringify(blocks);
    expect(json).toContain('&lt;!channel&gt;');
    expect(json).not.toContain('<!channel>');
    const actions = blocks!.find((b) => b.type === 'actions') as { block_id: string; elements: Array<{ action_id: string; options?: unknown[] }> };
    expect(actions.block_id).toBe('case:0123456789abcdef01234567');
    expect(actions.elements.map((e) => e.action_id)).toEqual([
      'case.assign_me',
      'case.set_priority',
      'case.set_tags',
      'case.pull_specialists',
      'case.escalate',
      'case.snooze',
      'case.resolve',
      'case.set_status',
    ]);
    expect(actions.elements[2]).toMatchObject({ type: 'multi_static_select', initial_options: [{ value: 'network' }] });
    expect(actions.elements[7]!.options).toHaveLength(1);
    expect(json).toContain(':zzz: Nags snoozed until <!date^1795676400^');
    expect(json).toContain('Ann &lt;Admin&gt;');
    expect(json).toContain('*CS-3* VPN &lt;drops&gt; — _fix:_ Rolled back the firmware');
  });

  it('shows a model’s suggestion with Accept and Dismiss, and Draft a reply when a provider drafts for the case', () => {
    const blocks = renderView({ ...card, offersReplyDraft: true, suggestion: { tags: ['billing'], priority: 'P1', reason: 'Invoices <all> wrong' } }).blocks!;
    const json = JSON.stringify(blocks);
    expect(json).toContain(':robot_face: *Suggested:* tags `billing`, priority *P1');
    expect(json).toContain('Invoices &lt;all&gt; wrong');
    const suggestion = blocks.find((b) => b.block_id === 'suggestion:0123456789abcdef01234567') as { elements: Array<{ action_id: string; value: string }> };
    expect(suggestion.elements.map((e) => [e.action_id, e.value])).toEqual([
      ['case.accept_suggestion', '0123456789abcdef01234567'],
      ['case.dismiss_suggestion', '0123456789abcdef01234567'],
    ]);
    expect(json).toContain('"action_id":"case.draft_reply"');
    // A closed case's card is read-only: no suggestion to accept.
    expect(JSON.stringify(renderView({ ...card, status: 'closed', canResolve: false, canReopen: true, suggestion: { tags: ['billing'], priority: null, reason: '' } }).blocks)).not.toContain('Suggested');
  });

  it('signs a reply sent from a draft with the agent’s name, escaped', () => {
    const reply = renderView({ kind: 'case.reply', text: 'Fixed <!here>', from: 'Mari <Tamm>' });
    expect(JSON.stringify(reply.blocks)).toContain('Fixed &lt;!here&gt;');
    expect(JSON.stringify(reply.blocks)).toContain('— Mari &lt;Tamm&gt;');
  });

  it('a closed case offers only Reopen; a resolved one Reopen and no Resolve', () => {
    const closed = renderView({ ...card, status: 'closed', nextStatuses: [], canResolve: false, canReopen: true });
    const actionsOf = (message: ReturnType<typeof renderView>) => JSON.stringify(message.blocks!.filter((b) => b.type === 'actions')).match(/"action_id":"[^"]+"/g);
    expect(actionsOf(closed)).toEqual(['"action_id":"case.reopen"']);
    const resolved = actionsOf(renderView({ ...card, status: 'resolved', nextStatuses: ['closed'], canResolve: false, canReopen: true }))!;
    expect(resolved).toContain('"action_id":"case.reopen"');
    expect(resolved).not.toContain('"action_id":"case.resolve"');
  });

  it('mentions specialists by Slack id, names the rest, and escapes mirrored text', () => {
    const request = renderView({
      kind: 'specialists.request', caseId: '0123456789abcdef01234567',
      caseKey: 'CS-7',
      title: 'VPN down',
      description: '',
      priority: 'P2',
      accountName: null,
      tags: ['network'],
      askedBy: 'Mari',
      mentions: [{ name: 'Ann', slackUserId: 'U0ANN', aadObjectId: null }, { name: 'Tom', slackUserId: null, aadObjectId: 'x' }],
      notes: ['network: asked Ann, Tom'],
    });
    expect(JSON.stringify(request.blocks)).toContain('<@U0ANN> *Tom* — could you help with *CS-7*?');
    const mirrored = renderView({ kind: 'bridge.message', caseKey: 'CS-7', author: 'Tom', from: 'teams', text: 'try <!here>', files: [{ name: 'log.txt', url: 'https://files/x' }], edited: true, deleted: false });
    const json = JSON.stringify(mirrored.blocks);
    expect(json).toContain('*Tom* (Teams) _(edited)_');
    expect(json).toContain('try &lt;!here&gt;');
    expect(json).toContain('<https://files/x|log.txt>');
  });

  it('renders customer-facing views as plain text in their language', () => {
    expect(renderView({ kind: 'case.joined', language: 'et', caseKey: 'CS-1' })).toEqual({ text: 'Lisasime selle sõnumi teie pöördumisele *CS-1*.' });
    expect(renderView({ kind: 'customer.reminder', language: 'et', caseKey: 'CS-1' }).text).toContain('Ootame teie vastust pöördumise *CS-1* kohta');
    expect(renderView({ kind: 'customer.auto-resolved', language: 'en', caseKey: 'CS-1' }).text).toContain('If you still need help, just reply here.');
  });

  it('renders a nag with the case key, escaped text, mentions, and the case actions (specialists get only snooze)', () => {
    const nag = { kind: 'nag' as const, reason: 'stale.nag' as const, caseId: card.caseId, caseKey: 'CS-7', title: 'VPN <b>', priority: 'P2' as const, mentions: [{ name: 'Mari', slackUserId: 'U0AGENT', aadObjectId: null }], text: 'No activity for 2 hours.' };
    const rendered = renderView(nag);
    expect(rendered.text).toBe('CS-7: No activity for 2 hours.');
    const json = JSON.stringify(rendered.blocks);
    expect(json).toContain('<@U0AGENT>');
    expect(json).toContain('VPN &lt;b&gt;');
    expect(json).toContain(`"block_id":"case:${card.caseId}"`);
    expect(json).toContain('case.assign_me');
    expect(json).toContain('case.escalate');
    const ping = JSON.stringify(renderView({ ...nag, reason: 'specialist.ping' }).blocks);
    expect(ping).toContain('case.snooze');
    expect(ping).not.toContain('case.assign_me');
  });
});
