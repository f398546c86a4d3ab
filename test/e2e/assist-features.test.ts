import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseSummaryPrompt, replyDraftPrompt, resolutionDraftPrompt, triageSuggestionPrompt } from '../../src/assist/prompts.js';
import { ids } from '../fixtures/config.js';
import { openCase, startAssistHarness } from '../support/assist-harness.js';
import { clickCardAction } from '../support/card-actions.js';
import type { FakeOpenAI } from '../support/fake-openai.js';
import { eventually, type Harness } from '../support/harness.js';
import { cardSubmit, channelMessage, installedInTeam, personalMessage, teamsIds } from '../support/teams-activities.js';

const internalNote = 'Looked at it with Priit on db-07.internal, the cron was never redeployed';

let model: FakeOpenAI;
let h: Harness;
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ h, model, stop } = await startAssistHarness());
  for (const channel of [teamsIds.customerChannel, teamsIds.specialists]) {
    await h.teams(installedInTeam({ serviceUrl: h.connector.serviceUrl, channel, from: teamsIds.customer }));
  }
  await h.settle();
});
afterAll(async () => {
  await stop?.();
});

const newCase = (text: string, channel = ids.acme) => openCase(h, text, { channel });
const caseOf = async (id: string) => (await h.tugi.models.cases.findById(id).lean())!;
/** The latest version of the case's triage card, as sent to Slack. */
const latestCard = (key: string) =>
  JSON.stringify([...h.slack.calls].reverse().find((c) => ['chat.postMessage', 'chat.update'].includes(c.method) && c.args.channel === ids.triage && String(c.args.text).startsWith(`${key}:`))!.args);
const responsesSince = (from: number) => h.slack.responses.slice(from);

/** Presses a button on a private (ephemeral) message, as Slack sends it. */
let presses = 0;
function pressEphemeral(actionId: string, value: string, user = ids.agent) {
  presses += 1;
  const id = `ephemeral-${presses}`;
  return h.interaction({
    type: 'block_actions',
    team: { id: ids.team },
    user: { id: user },
    trigger_id: id,
    response_url: h.slack.responseUrl(id),
    container: { type: 'message', is_ephemeral: true, channel_id: ids.triage },
    actions: [{ action_id: actionId, block_id: 'draft', type: 'button', value }],
  });
}

describe('triage suggestions at intake', () => {
  it('puts the model’s tags (declared ones only) and priority on the card, for an agent to accept or dismiss', async () => {
    model.script(triageSuggestionPrompt, { json: { tags: ['database', 'kubernetes'], priority: 'P1', reason: 'Backups failing for every user' } });
    const c = await newCase('Our nightly database backups fail and nobody can restore anything');
    await eventually(async () => expect((await caseOf(c.id)).suggestion).toMatchObject({ tags: ['database'], priority: 'P1' }));
    await h.settle();
    const card = latestCard(c.key);
    expect(card).toContain('Suggested:');
    expect(card).toContain('`database`');
    expect(card).not.toContain('kubernetes');
    expect(card).toContain('case.accept_suggestion');
    // The material is the case and the declared tags.
    const sent = JSON.parse(model.requestsFor(triageSuggestionPrompt).at(-1)!.body.messages[1]!.content) as { knownTags: Array<{ tag: string }>; title: string };
    expect(sent.knownTags.map((t) => t.tag)).toEqual(['network', 'database', 'billing']);

    // Nothing changed until the agent accepts (not even the case's last activity); then tags and priority change in one step and the suggestion goes.
    const suggested = await caseOf(c.id);
    expect(suggested).toMatchObject({ tags: [], priority: 'P2' });
    expect(suggested.lastActivityAt).toEqual(suggested.createdAt);
    await clickCardAction(h, c.id, 'case.accept_suggestion', { value: c.id });
    await h.settle();
    expect(await caseOf(c.id)).toMatchObject({ tags: ['database'], priority: 'P1', suggestion: null });
    expect(latestCard(c.key)).not.toContain('Suggested:');
  });

  it('keeps the keyword rules, suggests only what differs, and dismissing changes nothing else', async () => {
    model.script(triageSuggestionPrompt, { json: { tags: ['network', 'billing'], priority: 'P2', reason: 'VPN and an invoice' } });
    const c = await newCase('The VPN drops and our invoice is wrong');
    // The rule tagged network at P2; the model adds only billing.
    await eventually(async () => expect((await caseOf(c.id)).suggestion).toMatchObject({ tags: ['billing'], priority: null }));
    await clickCardAction(h, c.id, 'case.dismiss_suggestion', { value: c.id });
    await h.settle();
    expect(await caseOf(c.id)).toMatchObject({ tags: ['network'], priority: 'P2', suggestion: null });
  });

  it('makes no suggestion when the model names nothing declared, and none for an ai: false account', async () => {
    model.script(triageSuggestionPrompt, { json: { tags: ['kubernetes'], priority: 'P2', reason: '' } });
    const c = await newCase('Something odd with our cluster');
    await eventually(() => expect(model.requestsFor(triageSuggestionPrompt).some((r) => r.body.messages[1]!.content.includes('cluster'))).toBe(true));
    const before = model.requests.length;
    const kalev = await newCase('Arved ei jõua kohale', ids.kalev);
    await h.settle();
    expect((await caseOf(c.id)).suggestion).toBeNull();
    expect((await caseOf(kalev.id)).suggestion).toBeNull();
    expect(model.requests.slice(before).some((r) => r.body.messages[1]!.content.includes('Arved'))).toBe(false);
    expect(latestCard(kalev.key)).not.toContain('case.draft_reply');
  });
});

describe('Draft a reply', () => {
  const caseWithNote = (text: string) => openCase(h, text, { note: internalNote });

  it('drafts privately, keeps internal text out, and sends the draft to the customer’s thread once, as the first response', async () => {
    const c = await caseWithNote('Invoices page is blank since this morning');
    expect(latestCard(c.key)).toContain('case.draft_reply');
    model.script(replyDraftPrompt, {
      json: { reply: 'Thanks for the report, we found a stopped background job and restarted it. Looked at it with Priit on db-07.internal. Could you reload the page and tell us if it works?' },
    });
    const from = h.slack.responses.length;
    await clickCardAction(h, c.id, 'case.draft_reply', { value: c.id });
    const draft = await eventually(() => {
      const response = responsesSince(from).find((r) => JSON.stringify(r.body).includes('A draft reply'));
      if (!response) throw new Error('no draft yet');
      return response.body as { response_type: string; blocks: Array<{ elements?: Array<{ action_id: string; value: string }> }> };
    });
    expect(draft.response_type).toBe('ephemeral');
    const text = JSON.stringify(draft);
    expect(text).toContain('we found a stopped background job');
    expect(text).not.toContain('db-07');
    expect(text).not.toContain('Priit');
    // Nothing reached the customer yet.
    expect(h.slack.posts(ids.acme).some((p) => JSON.stringify(p.args).includes('background job'))).toBe(false);

    const send = draft.blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'case.send_reply')!;
    const sentFrom = h.slack.responses.length;
    await pressEphemeral('case.send_reply', send.value);
    await pressEphemeral('case.send_reply', send.value);
    await h.settle();
    const sent = h.slack.posts(ids.acme).filter((p) => JSON.stringify(p.args).includes('background job'));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.args).toMatchObject({ thread_ts: c.ts });
    expect(JSON.stringify(sent[0]!.args)).toContain('Mari Tamm');
    expect(JSON.stringify(sent[0]!.args)).not.toContain('db-07');
    const answers = responsesSince(sentFrom).map((r) => JSON.stringify(r.body));
    expect(answers.some((a) => a.includes('Sent to the customer') && a.includes('"replace_original":true'))).toBe(true);
    expect(answers.some((a) => a.includes('was sent to the customer already'))).toBe(true);
    const doc = await caseOf(c.id);
    expect(doc.firstResponseAt).not.toBeNull();
    const timeline = await h.tugi.models.caseEvents.find({ caseId: doc._id, type: 'public_reply' }).lean();
    expect(timeline).toHaveLength(1);
  });

  it('lets the agent edit the draft first; a blank edit is refused under the field and sends nothing', async () => {
    const c = await caseWithNote('Export to CSV gives an empty file');
    model.script(replyDraftPrompt, { json: { reply: 'We are looking into the empty export and will write again within the hour.' } });
    const from = h.slack.responses.length;
    await clickCardAction(h, c.id, 'case.draft_reply', { value: c.id });
    const value = await eventually(() => {
      const body = responsesSince(from).find((r) => JSON.stringify(r.body).includes('case.edit_reply'))?.body as { blocks: Array<{ elements?: Array<{ action_id: string; value: string }> }> } | undefined;
      const edit = body?.blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'case.edit_reply');
      if (!edit) throw new Error('no draft yet');
      return edit.value;
    });
    await pressEphemeral('case.edit_reply', value);
    const form = h.slack.callsTo('views.open').at(-1)!.args.view as { callback_id: string; private_metadata: string; blocks: Array<{ element: { initial_value: string } }> };
    expect(form.callback_id).toBe('case.reply_form');
    expect(form.blocks[0]!.element.initial_value).toContain('empty export');
    const submit = (reply: string) =>
      h.interaction({
        type: 'view_submission',
        team: { id: ids.team },
        user: { id: ids.agent },
        view: { callback_id: 'case.reply_form', private_metadata: form.private_metadata, state: { values: { reply: { value: { type: 'plain_text_input', value: reply } } } } },
      });
    const blank = await submit('   ');
    expect(blank.json()).toMatchObject({ response_action: 'errors', errors: { reply: 'Write the reply first.' } });
    const sent = await submit('We are looking into the empty export; expect news within the hour.');
    expect(sent.status).toBe(200);
    await h.settle();
    expect(h.slack.posts(ids.acme).filter((p) => JSON.stringify(p.args).includes('expect news within the hour'))).toHaveLength(1);
    expect(h.slack.posts(ids.acme).some((p) => JSON.stringify(p.args).includes('will write again'))).toBe(false);
  });

  it('says so privately, with similar resolved cases, when no draft comes; only the team may ask', async () => {
    const c = await newCase('Password reset mails never arrive');
    model.script(replyDraftPrompt, { status: 429 });
    const from = h.slack.responses.length;
    await clickCardAction(h, c.id, 'case.draft_reply', { value: c.id });
    await eventually(() => expect(responsesSince(from).map((r) => JSON.stringify(r.body)).join()).toContain('No draft could be written'));
    const refused = h.slack.responses.length;
    await clickCardAction(h, c.id, 'case.draft_reply', { value: c.id }, ids.customer);
    await eventually(() => expect(responsesSince(refused).map((r) => JSON.stringify(r.body)).join()).toContain('not allowed'));
  });
});

describe('summaries for the team', () => {
  it('/tugi summary answers at once, then privately with the model’s summary', async () => {
    const c = await newCase('Reports take minutes to load since the upgrade');
    model.script(caseSummaryPrompt, { json: { summary: 'Reports are slow since the upgrade; nothing was tried yet.', nextStep: 'Check the report queries.' } });
    const from = h.slack.responses.length;
    const ack = await h.command(`summary ${c.key}`);
    expect(ack.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining(`Summarising ${c.key}`) });
    await eventually(() => {
      const text = responsesSince(from).map((r) => JSON.stringify(r.body)).join();
      expect(text).toContain('Reports are slow since the upgrade');
      expect(text).toContain('Check the report queries.');
      expect(text).toContain('"response_type":"ephemeral"');
    });
  });

  it('shows an ai: false account’s case as it stands, sending nothing', async () => {
    const c = await newCase('Aruanne on aeglane', ids.kalev);
    const before = model.requestsFor(caseSummaryPrompt).length;
    const ack = (await h.command(`summary ${c.key}`)).json() as { text: string; blocks: unknown[] };
    expect(ack.text).toContain(c.key);
    expect(JSON.stringify(ack.blocks)).toContain('ai: false');
    expect(model.requestsFor(caseSummaryPrompt)).toHaveLength(before);
  });

  it('answers summary in a Teams 1:1 chat in the same turn: the brief, or the case as it stands for an ai: false account', async () => {
    const chat = 'a:1mari-personal-chat';
    const ask = async (text: string) => {
      const mark = h.connector.calls.length;
      expect(await h.teams(personalMessage({ serviceUrl: h.connector.serviceUrl, conversationId: chat, from: teamsIds.mari, text }))).toBe(200);
      return h.connector.calls.slice(mark).filter((call) => call.conversationId === chat && call.body.type === 'message').map((call) => JSON.stringify(call.body)).join();
    };
    const c = await newCase('Mobile app crashes on login');
    model.script(caseSummaryPrompt, { json: { summary: 'The app crashes at login on Android 15 only.', nextStep: '' } });
    const brief = await ask(`summary ${c.key}`);
    expect(brief).toContain('application/vnd.microsoft.card.adaptive');
    expect(brief).toContain('crashes at login on Android 15');
    const kalev = await newCase('Rakendus jookseb kokku', ids.kalev);
    const asIs = await ask(`summary ${kalev.key}`);
    expect(asIs).toContain('not sent to the model provider');
    expect(asIs).toContain('Rakendus jookseb kokku');
  });

  it('briefs the Teams specialists in their thread when they are pulled in, and offers a drafted resolution there', async () => {
    model.script(caseSummaryPrompt, { json: { summary: 'The customer’s VPN drops hourly; the team suspects the gateway firmware.', nextStep: 'Confirm the firmware version.' } });
    const c = await newCase('Our VPN drops every hour');
    await clickCardAction(h, c.id, 'case.pull_specialists');
    await h.settle();
    const thread = h.connector.callsOf('createConversation').at(-1)!;
    expect(JSON.stringify(thread.body)).toContain('"tugi":"case.draft-resolution"');
    const rootId = thread.messageId!;
    const inThread = () => h.connector.calls.filter((call) => call.op === 'send' && call.conversationId === `${teamsIds.specialists};messageid=${rootId}`).map((call) => JSON.stringify(call.body));
    await eventually(() => expect(inThread().join()).toContain('suspects the gateway firmware'));
    expect(inThread().join()).toContain('Summarised by a model');

    // "Resolve with a draft": the form comes back in the thread, filled in, for a person to submit.
    const specialists = { serviceUrl: h.connector.serviceUrl, channel: teamsIds.specialists, rootId };
    await h.teams(channelMessage({ ...specialists, from: teamsIds.ann, text: `Gateway firmware rolled back. ${internalNote}` }));
    await h.settle();
    model.script(resolutionDraftPrompt, { json: { cause: 'A firmware update on your VPN gateway had a bug. The cron was never redeployed on db-07.internal.', fix: 'We rolled the gateway back.' } });
    await h.teams(cardSubmit({ ...specialists, from: teamsIds.mari, value: { tugi: 'case.draft-resolution', caseId: c.id } }));
    await h.settle();
    const form = await eventually(() => {
      const body = inThread().find((b) => b.includes('Drafted from the case'));
      if (!body) throw new Error('no form yet');
      return body;
    });
    expect(form).toContain('A firmware update on your VPN gateway had a bug.');
    expect(form).not.toContain('db-07');
    expect(form).toContain('"tugi":"case.resolve"');
    expect((await caseOf(c.id)).status).not.toBe('resolved');

    // Someone outside the team is told no, and no draft is asked for.
    const asked = model.requests.length;
    await h.teams(cardSubmit({ ...specialists, from: teamsIds.customer, value: { tugi: 'case.draft-resolution', caseId: c.id } }));
    await h.settle();
    await eventually(() => expect(inThread().join()).toContain('not allowed'));
    expect(model.requests.length).toBe(asked);
  });
});
