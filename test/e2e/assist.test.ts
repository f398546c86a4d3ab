import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolutionDraftPrompt } from '../../src/assist/prompts.js';
import { ids } from '../fixtures/config.js';
import { openCase, startAssistHarness } from '../support/assist-harness.js';
import { clickCardAction } from '../support/card-actions.js';
import type { FakeOpenAI } from '../support/fake-openai.js';
import { eventually, startHarness, type Harness } from '../support/harness.js';

const internalNote = 'Root cause was the db-07.internal failover, Priit forgot the cron';

let model: FakeOpenAI;
let h: Harness;
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ h, model, stop } = await startAssistHarness());
});
afterAll(async () => {
  await stop?.();
});

/** A case from a customer message, with a note in its internal thread (the triage card's thread). */
const caseWithInternalNote = async (text: string, channel = ids.acme) => (await openCase(h, text, { channel, note: internalNote })).id;

/** Presses Resolve on the card; returns the form as opened and, once the draft is in, as updated. */
async function openResolveForm(caseId: string) {
  const updatesBefore = h.slack.callsTo('views.update').length;
  await clickCardAction(h, caseId, 'case.resolve');
  const opened = h.slack.callsTo('views.open').at(-1)!.args.view as { blocks: unknown[] };
  const updated = await eventually(() => {
    const call = h.slack.callsTo('views.update')[updatesBefore];
    if (!call) throw new Error('the form was not updated yet');
    return call.args.view as { blocks: Array<{ block_id?: string; element?: { initial_value?: string } }> };
  });
  const value = (id: string) => updated.blocks.find((b) => b.block_id === id)?.element?.initial_value;
  return { opened: JSON.stringify(opened), updated: JSON.stringify(updated), cause: value('cause'), fix: value('fix') };
}

describe('drafts from a model provider', () => {
  it('fills the Resolve form with a draft written from the case, and keeps internal text out of it even when the model copies it', async () => {
    const caseId = await caseWithInternalNote('Our invoices page shows a blank screen since this morning');
    model.script(resolutionDraftPrompt, {
      json: {
        cause: 'A background task that prepares invoice pages had stopped. Root cause was the db-07.internal failover, Priit forgot the cron.',
        fix: 'We restarted the task and the page loads again. The host db-07.internal was switched back.',
      },
    });
    const form = await openResolveForm(caseId);
    expect(form.opened).toContain('Writing a draft of the cause and fix');
    expect(form.updated).toContain('Drafted from the case');
    expect(form.cause).toBe('A background task that prepares invoice pages had stopped.');
    expect(form.fix).toBe('We restarted the task and the page loads again.');
    expect(form.updated).not.toContain('db-07');
    expect(form.updated).not.toContain('Priit');

    // What went to the provider: JSON mode, the model's name, the case, with the internal thread marked as such.
    const request = model.requestsFor(resolutionDraftPrompt).at(-1)!;
    expect(request.authorization).toBe('Bearer sk-test');
    expect(request.body).toMatchObject({ model: 'fake-model', response_format: { type: 'json_object' } });
    const material = JSON.parse(request.body.messages.at(-1)!.content) as { language: string; title: string; internalOnly: string[]; customerThread: unknown[] };
    expect(material).toMatchObject({ language: 'en', internalOnly: [internalNote] });
    expect(material.title).toContain('invoices page');

    // Nothing reaches the customer until a person submits the form.
    expect(h.slack.posts(ids.acme).some((p) => JSON.stringify(p.args).includes('background task'))).toBe(false);
  });

  it('opens the form without a draft, and says so quietly, when the model answers with something else, refuses, or is too slow', async () => {
    const metrics = async () => (await fetch(`${h.baseUrl}/metrics`).then((r) => r.text())).split('\n').filter((l) => l.startsWith('tugi_assist_answers_total'));
    for (const answer of [{ text: 'Sure! Here is a summary: it broke.' }, { json: { cause: 42 } }, { status: 429 }, { hang: true as const }]) {
      const caseId = await caseWithInternalNote(`The export button does nothing (${JSON.stringify(answer).length})`);
      model.script(resolutionDraftPrompt, answer);
      const form = await openResolveForm(caseId);
      expect(form.cause).toBeUndefined();
      expect(form.fix).toBeUndefined();
      expect(form.updated).not.toContain('Writing a draft');
    }
    const counted = await metrics();
    for (const outcome of ['drafted', 'malformed', 'refused', 'timeout']) expect(counted.join('\n')).toContain(`outcome="${outcome}"`);
  });

  it('sends nothing of an account with ai: false, and its form is the plain one', async () => {
    const before = model.requests.length;
    const caseId = await caseWithInternalNote('Arve ei tule kohale', ids.kalev);
    await clickCardAction(h, caseId, 'case.resolve');
    await h.settle();
    expect(JSON.stringify(h.slack.callsTo('views.open').at(-1)!.args.view)).not.toContain('draft');
    expect(model.requests.length).toBe(before);
  });
});

describe('without a model provider', () => {
  let plain: Harness;
  beforeAll(async () => {
    plain = await startHarness();
  });
  afterAll(async () => {
    await plain?.stop();
  });
  const plainCase = async (text: string) => (await plain.tugi.models.cases.findById((await openCase(plain, text)).id).lean())!;

  it('opens the Resolve form as before: empty fields, no promise of a draft', async () => {
    const opened = await plainCase('Login fails with an SSO error');
    await clickCardAction(plain, String(opened._id), 'case.resolve');
    await plain.settle();
    const view = JSON.stringify(plain.slack.callsTo('views.open').at(-1)!.args.view);
    expect(view).toContain('case.resolve_form');
    expect(view).not.toContain('draft');
    expect(plain.slack.callsTo('views.update')).toHaveLength(0);
  });

  it('shows no suggestion and no Draft a reply, and /tugi summary shows the case as it stands', async () => {
    const doc = await plainCase('Our VPN drops every hour');
    const card = JSON.stringify(plain.slack.posts(ids.triage).at(-1)!.args);
    expect(card).not.toContain('case.draft_reply');
    expect(card).not.toContain('Suggested');
    expect(doc.suggestion).toBeNull();
    const ack = (await plain.command(`summary ${doc.key}`)).json() as { blocks: unknown[] };
    expect(JSON.stringify(ack.blocks)).toContain('No model provider is configured');
    expect(JSON.stringify(ack.blocks)).toContain('Our VPN drops every hour');
  });
});
