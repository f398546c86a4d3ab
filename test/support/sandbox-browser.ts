import { chromium, type Browser, type Page } from 'playwright-core';
import { pino } from 'pino';
import { startSandbox, type Sandbox } from '../../adapters/sandbox/sandbox.js';
import type { AssistProvider } from '../../src/assist/assistant.js';
import { sandboxedTugi } from '../../src/main.js';
import { createModels } from '../../src/storage/models/index.js';
import { openTestDatabase, type TestDatabase } from './database.js';

/** Debian's chromium (installed by .ci/run); browsers cannot be downloaded here. */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The sandbox on a database of its own, open in a real browser, with the moves a person makes on its page. */
export async function openSandboxInBrowser(options: { assist?: AssistProvider } = {}) {
  const db: TestDatabase = await openTestDatabase();
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const sandbox: Sandbox = await startSandbox({ port: 0, host: '127.0.0.1', logger, boot: sandboxedTugi(() => db.connectAgain(), logger, options) });
  const browser: Browser = await chromium.launch({ executablePath: chromiumPath });
  const page: Page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(sandbox.url);
  const models = () => createModels(db.connection);
  return {
    page,
    models,
    become: (persona: string) => page.selectOption('#persona', persona),
    open: (place: string) => page.click(`nav button:has-text("${place}")`),
    async write(text: string, where = page.locator('main #composer')) {
      await where.locator('textarea').fill(text);
      await where.locator('textarea').press('Enter');
    },
    card: (key: string) => page.locator('main article', { has: page.locator('.bk-header', { hasText: key }) }),
    caseDoc: async (key: string) => (await models().cases.findOne({ key }).lean())!,
    async stop() {
      await browser.close();
      await sandbox.stop();
      await db.drop();
    },
  };
}

export type SandboxInBrowser = Awaited<ReturnType<typeof openSandboxInBrowser>>;
