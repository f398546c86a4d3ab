import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Assistant } from '../../src/assist/assistant.js';
import { resolutionDraftPrompt, triageSuggestionPrompt } from '../../src/assist/prompts.js';
import type { Metrics } from '../../src/metrics.js';
import { FakeOpenAI } from '../support/fake-openai.js';
import { eventually } from '../support/harness.js';

let model: FakeOpenAI | undefined;
afterEach(async () => {
  await model?.stop();
});

describe('the assistant and the model provider', () => {
  it('lets drafts nobody waits for take turns (two at a time, fifty waiting, the rest skipped), never holding up a draft a person asked for', async () => {
    model = await new FakeOpenAI().start();
    const outcomes: string[] = [];
    const metrics = { assistAnswered: (feature: string, outcome: string) => outcomes.push(`${feature}:${outcome}`) } as unknown as Metrics;
    const assistant = new Assistant({ baseUrl: model.url, model: 'fake-model', timeoutMs: 5_000 }, pino({ level: 'silent' }), metrics);
    model.script(triageSuggestionPrompt, ...Array.from({ length: 60 }, () => ({ hang: true as const })));
    model.script(resolutionDraftPrompt, { json: { cause: 'A certificate had expired.', fix: 'We renewed it.' } });

    const unasked = Array.from({ length: 53 }, () => assistant.ask(triageSuggestionPrompt, { title: 'x' }, { unasked: true }));
    await eventually(() => expect(model!.requestsFor(triageSuggestionPrompt)).toHaveLength(2));
    expect(outcomes).toEqual(['triage_suggestion:skipped']);

    // A person's draft goes at once, past the queue.
    expect(await assistant.ask(resolutionDraftPrompt, { title: 'VPN' })).toEqual({ cause: 'A certificate had expired.', fix: 'We renewed it.' });
    expect(model.requestsFor(triageSuggestionPrompt)).toHaveLength(2);

    // The hanging ones fail (the server goes away); every queued one is then asked in turn, and all answer.
    await model.stop();
    const answers = await Promise.all(unasked);
    expect(answers.every((a) => a === undefined)).toBe(true);
    expect(outcomes.filter((o) => o === 'triage_suggestion:skipped')).toHaveLength(1);
    expect(outcomes.filter((o) => o.startsWith('triage_suggestion:') && o !== 'triage_suggestion:skipped')).toHaveLength(52);
    model = undefined;
  });
});
