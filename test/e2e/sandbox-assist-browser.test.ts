import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyDraftPrompt, resolutionDraftPrompt, triageSuggestionPrompt } from '../../src/assist/prompts.js';
import { FakeOpenAI } from '../support/fake-openai.js';
import { openSandboxInBrowser, type SandboxInBrowser } from '../support/sandbox-browser.js';

let model: FakeOpenAI;
let sandbox: SandboxInBrowser;
beforeAll(async () => {
  model = await new FakeOpenAI().start();
  sandbox = await openSandboxInBrowser({ assist: { baseUrl: model.url, model: 'fake-model', timeoutMs: 2_000 } });
});
afterAll(async () => {
  await sandbox?.stop();
  await model?.stop();
});

describe('the sandbox with a model provider, in a real browser', () => {
  it('suggests triage on the card, drafts a reply the agent sends with one click, and fills the Resolve form', { timeout: 60_000 }, async () => {
    const { page, models, become, open, write, card, caseDoc } = sandbox;
    model.script(triageSuggestionPrompt, { json: { tags: ['database'], priority: 'P1', reason: 'Totals come from the billing database' } });
    model.script(replyDraftPrompt, { json: { reply: 'Thanks, Alice: we see the wrong total on the November invoice and are correcting it today.' } });
    model.script(resolutionDraftPrompt, { json: { cause: 'A discount was applied twice on the November invoice.', fix: 'We issued a corrected invoice.' } });

    await become('alice');
    await write('Our November invoice shows the wrong total');
    await expect.poll(async () => await models().cases.countDocuments({ key: 'CS-1' })).toBe(1);

    // The suggestion is on the card; the agent accepts it.
    await become('mari');
    await open('support-triage');
    await expect.poll(() => card('CS-1').innerText(), { timeout: 15_000 }).toContain('Suggested:');
    await card('CS-1').getByRole('button', { name: 'Accept' }).click();
    await expect.poll(async () => (await caseDoc('CS-1')).tags).toContain('database');
    expect((await caseDoc('CS-1')).priority).toBe('P1');

    // "Draft a reply": the draft comes privately, and one click sends it to the customer's thread.
    await card('CS-1').getByRole('button', { name: 'Draft a reply' }).click();
    const draft = page.locator('main article.ephemeral', { hasText: 'A draft reply' });
    await expect.poll(() => draft.innerText(), { timeout: 15_000 }).toContain('correcting it today');
    await draft.getByRole('button', { name: 'Send to the customer' }).click();
    await expect.poll(async () => (await caseDoc('CS-1')).firstResponseAt ?? null).not.toBeNull();
    await become('alice');
    await page.locator('main .replies').click();
    await expect.poll(() => page.locator('#thread').innerText()).toContain('correcting it today');

    // Resolve: the form opens at once and fills in when the draft comes; the agent submits it.
    await become('mari');
    await open('support-triage');
    await card('CS-1').locator('select[aria-label="Change status"]').selectOption({ label: 'In progress' });
    await expect.poll(async () => (await caseDoc('CS-1')).status).toBe('in_progress');
    await card('CS-1').getByRole('button', { name: 'Resolve' }).click();
    const modal = page.locator('dialog#modal');
    await expect.poll(() => modal.getByLabel('What was wrong').inputValue(), { timeout: 15_000 }).toBe('A discount was applied twice on the November invoice.');
    await modal.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(async () => (await caseDoc('CS-1')).status).toBe('resolved');
    expect((await caseDoc('CS-1')).resolution).toMatchObject({ fix: 'We issued a corrected invoice.' });
  });
});
