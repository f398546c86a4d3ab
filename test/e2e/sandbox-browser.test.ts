import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSandboxInBrowser, type SandboxInBrowser } from '../support/sandbox-browser.js';

let sandbox: SandboxInBrowser;
beforeAll(async () => {
  sandbox = await openSandboxInBrowser();
});
afterAll(async () => {
  await sandbox?.stop();
});

describe('the sandbox, in a real browser', () => {
  it('plays the whole round: intake, triage, a Teams specialist across the bridge, resolution in Estonian, rating, a report, a stale nag', { timeout: 90_000 }, async () => {
    const { page, models, become, open, write, card, caseDoc } = sandbox;
    // 1. The customer posts; the acknowledgement with the key is in their thread.
    await become('kalle');
    await write('Meie VPN ei ühendu alates hommikust');
    await page.getByRole('button', { name: '1 reply' }).click();
    await expect.poll(() => page.locator('#thread').innerText()).toContain('CS-1');
    expect(await caseDoc('CS-1')).toMatchObject({ account: 'kalev', status: 'new' });

    // 2. The agent assigns it and adds a tag on the card in triage.
    await become('mari');
    await open('support-triage');
    await card('CS-1').getByRole('button', { name: 'Assign to me' }).click();
    await expect.poll(() => card('CS-1').innerText()).toContain('@Mari Tamm');
    await card('CS-1').locator('.bk-multi summary').click();
    await card('CS-1').getByLabel('database').check();
    await card('CS-1').locator('.bk-multi summary').click();
    await expect.poll(async () => (await caseDoc('CS-1')).tags).toEqual(expect.arrayContaining(['network', 'database']));

    // 3. Pull in specialists: Ann is asked in the Teams specialist channel, with an @mention.
    await card('CS-1').getByRole('button', { name: 'Pull in specialists' }).click();
    await become('ann');
    await open('Specialists');
    const teamsThread = page.locator('.teams-thread', { hasText: 'CS-1' });
    await expect.poll(() => teamsThread.innerText()).toContain('@Ann Lepp');
    // A person takes longer than this: tugi records the thread's id once Teams has answered the post.
    const rootKey = (await caseDoc('CS-1')).specialistThread!.rootKey;
    await expect.poll(async () => (await models().outbox.findOne({ key: rootKey }).lean())?.messageId ?? null).not.toBeNull();

    // 4. Ann answers in the Teams thread; the answer appears in the Slack case thread.
    await write('The VPN gateway certificate expired at midnight; I renewed it.', teamsThread.locator('.composer'));
    await become('mari');
    await open('support-triage');
    await card('CS-1').locator('.replies').click();
    await expect.poll(() => page.locator('#thread').innerText(), { timeout: 15_000 }).toContain('certificate expired at midnight');
    // The README's picture of the sandbox is this moment (`SANDBOX_SCREENSHOT=docs/sandbox.png npx vitest run test/e2e/sandbox-browser.test.ts`).
    if (process.env.SANDBOX_SCREENSHOT) await page.screenshot({ path: process.env.SANDBOX_SCREENSHOT });

    // The agent answers the customer in their thread (the first response) and starts work on the case.
    await open('kalev-tugi');
    await page.locator('main .replies').click();
    await write('Tere! Leidsime põhjuse ja parandame selle kohe.', page.locator('#thread .composer'));
    await expect.poll(async () => (await caseDoc('CS-1')).firstResponseAt ?? null).not.toBeNull();
    await open('support-triage');
    await card('CS-1').locator('select[aria-label="Change status"]').selectOption({ label: 'In progress' });
    await expect.poll(async () => (await caseDoc('CS-1')).status).toBe('in_progress');

    // 5. Resolve through the modal: first empty (the error shows under the field), then with cause and fix.
    await card('CS-1').getByRole('button', { name: 'Resolve' }).click();
    const modal = page.locator('dialog#modal');
    await expect.poll(() => modal.isVisible()).toBe(true);
    await modal.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => modal.locator('.field-error').first().innerText()).not.toBe('');
    expect((await caseDoc('CS-1')).status).not.toBe('resolved');
    await modal.getByLabel('What was wrong').fill('The VPN gateway certificate had expired.');
    await modal.getByLabel('What was done').fill('We renewed the certificate; VPN connects again.');
    await modal.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => modal.isVisible()).toBe(false);
    await expect.poll(async () => (await caseDoc('CS-1')).status).toBe('resolved');

    // 6. The customer reads the summary in Estonian, confirms and rates 5.
    await become('kalle');
    await open('kalev-tugi');
    await page.locator('main .replies').click();
    const summary = page.locator('#thread article', { hasText: 'certificate had expired' });
    await expect.poll(() => summary.innerText()).toContain('Lahendatud');
    await summary.getByRole('button', { name: 'Lahendatud' }).click();
    await expect.poll(async () => (await caseDoc('CS-1')).customerAnswer?.verdict).toBe('solved');
    await summary.getByRole('button', { name: '★★★★★', exact: true }).click();
    await expect.poll(async () => (await caseDoc('CS-1')).customerAnswer?.rating).toBe(5);
    expect((await caseDoc('CS-1')).customerAnswer).toMatchObject({ verdict: 'solved' });

    // 7. The manager's weekly report shows the figures (folded a few minutes behind the cases), and the chart arrives in their messages with tugi.
    await become('liis');
    // The sandbox starts at the real time when the demo office is open, so the clock is compared with itself (a real minute may pass too).
    const minuteOf = (text: string) => Number(/(\d\d):(\d\d)/.exec(text)![1]) * 60 + Number(/(\d\d):(\d\d)/.exec(text)![2]);
    const before = minuteOf(await page.locator('#clock').innerText());
    await page.getByRole('button', { name: '+15 min' }).click();
    await expect.poll(async () => [15, 16].includes((minuteOf(await page.locator('#clock').innerText()) - before + 1440) % 1440)).toBe(true);
    await open('support-managers');
    await write('/tugi report week');
    const report = page.locator('main article.ephemeral', { hasText: 'Report for' });
    await expect.poll(() => report.innerText(), { timeout: 15_000 }).toMatch(/1 opened, 1 resolved/);
    expect(await report.innerText()).toContain('rated 4–5, average 5.0');
    await open('● tugi');
    await expect.poll(() => page.locator('main img.file-image').count()).toBe(1);

    // 8. The fast clock: a second, untouched case gets a stale nag in triage.
    await become('alice');
    await write('Our invoices page shows an error since this morning.');
    await expect.poll(async () => (await models().cases.countDocuments({ key: 'CS-2' }))).toBe(1);
    for (let i = 0; i < 3; i += 1) await page.getByRole('button', { name: '+1 h' }).click();
    await become('mari');
    await open('support-triage');
    await expect.poll(() => page.locator('main').innerText(), { timeout: 15_000 }).toMatch(/CS-2[\s\S]*No activity for 2 hours/);
  });
});
