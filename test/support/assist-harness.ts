import { readSettings } from '../../src/config/load.js';
import { configYaml, ids } from '../fixtures/config.js';
import { FakeOpenAI } from './fake-openai.js';
import { startHarness, type Harness } from './harness.js';
import { nextTs } from './slack-requests.js';

/** The test workspace, but Kalev AS (Estonian) keeps its cases away from the model provider. */
const settings = readSettings(configYaml.replace('    language: et\n', '    language: et\n    ai: false\n'), 'assist test config');

/** tugi with the fake model as its provider (a short timeout, so the slow model's test is quick). */
export async function startAssistHarness(): Promise<{ h: Harness; model: FakeOpenAI; stop: () => Promise<void> }> {
  const model = await new FakeOpenAI().start();
  const h = await startHarness({ settings, assist: { baseUrl: model.url, apiKey: 'sk-test', model: 'fake-model', timeoutMs: 1_000 } });
  return {
    h,
    model,
    async stop() {
      await h.stop();
      await model.stop();
    },
  };
}

let customers = 0;

/**
 * A case opened by a new customer's message (a second message of one customer would join their
 * open case); with `note`, the team's note in the thread of its triage card (internal text).
 */
export async function openCase(h: Harness, text: string, options: { channel?: string; note?: string } = {}) {
  const channel = options.channel ?? ids.acme;
  customers += 1;
  const { ts } = await h.customerMessage(text, { channel, ts: nextTs(), user: `U0ASSIST${customers}` });
  await h.settle();
  const doc = (await h.tugi.models.cases.findOne({ sourceKey: `${channel}:${ts}` }).lean())!;
  if (options.note) {
    const cardTs = h.slack.posts(ids.triage).find((p) => String(p.args.text).startsWith(`${doc.key}:`))!.result!.ts as string;
    await h.event({ type: 'message', channel: ids.triage, user: ids.agent, text: options.note, ts: nextTs(), thread_ts: cardTs });
    await h.settle();
  }
  return { id: String(doc._id), key: doc.key, ts };
}
