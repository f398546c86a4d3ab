import OpenAI from 'openai';
import type { z } from 'zod';
import type { Logger } from '../logger.js';
import { noMetrics, type Metrics } from '../metrics.js';
import { Semaphore } from '../util/semaphore.js';
import type { Prompt } from './prompts.js';

/** An OpenAI-compatible chat-completions API: OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp. */
export interface AssistProvider {
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** How long a draft may take before the person gets the form without one. */
  timeoutMs?: number;
}

const defaultTimeoutMs = 20_000;
/**
 * Drafts nobody is waiting for (a triage suggestion on every new case, a brief for specialists)
 * take turns, so a burst of new cases cannot flood a small local model server or hold up the
 * drafts a person asked for; past the queue's length they are skipped (counted as `skipped`).
 */
const unaskedAtOnce = 2;
const unaskedQueue = 50;

/**
 * Asks the configured model for a draft and checks its answer. Every failure — no provider, a
 * refusal (4xx, 429), a timeout, an answer that is not the JSON the prompt asks for — gives
 * `undefined`: the person gets what tugi offers without a model, and the failure is logged and
 * counted (`tugi_assist_answers_total`), never shown as an error.
 */
export class Assistant {
  /** The client and the model it asks; none without a provider. */
  private readonly api: { client: OpenAI; model: string } | undefined;
  private readonly unasked = new Semaphore(unaskedAtOnce);
  private unaskedWaiting = 0;

  constructor(
    provider: AssistProvider | undefined,
    private readonly logger: Logger,
    private readonly metrics: Metrics = noMetrics,
  ) {
    const client = provider && new OpenAI({ baseURL: provider.baseUrl, apiKey: provider.apiKey || 'none', maxRetries: 0, timeout: provider.timeoutMs ?? defaultTimeoutMs });
    this.api = client && provider && { client, model: provider.model };
  }

  get enabled(): boolean {
    return this.api !== undefined;
  }

  /** `unasked`: nobody waits for this draft (see `unaskedAtOnce`). */
  async ask<T extends z.ZodType>(prompt: Prompt<T>, material: unknown, options: { unasked?: boolean } = {}): Promise<z.infer<T> | undefined> {
    const api = this.api;
    if (!api) return undefined;
    if (!options.unasked) return this.complete(api, prompt, material);
    if (this.unaskedWaiting >= unaskedQueue) {
      this.logger.info({ feature: prompt.name }, 'assist: too many drafts waiting for the model provider; this one is skipped');
      this.metrics.assistAnswered(prompt.name, 'skipped');
      return undefined;
    }
    this.unaskedWaiting += 1;
    return this.unasked.run(() => {
      this.unaskedWaiting -= 1;
      return this.complete(api, prompt, material);
    });
  }

  private async complete<T extends z.ZodType>(api: { client: OpenAI; model: string }, prompt: Prompt<T>, material: unknown): Promise<z.infer<T> | undefined> {
    const log = { feature: prompt.name, prompt: `${prompt.name}@${prompt.version}` };
    try {
      const completion = await api.client.chat.completions.create({
        model: api.model,
        temperature: 0.2,
        response_format: { type: 'json_object' },
        messages: [
          { role: 'system', content: prompt.system },
          { role: 'user', content: JSON.stringify(material) },
        ],
      });
      const parsed = prompt.answer.safeParse(parseJson(completion.choices[0]?.message?.content ?? ''));
      if (!parsed.success) {
        this.logger.warn({ ...log, problems: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`) }, 'assist: the model’s answer was not the expected JSON; no draft');
        this.metrics.assistAnswered(prompt.name, 'malformed');
        return undefined;
      }
      this.metrics.assistAnswered(prompt.name, 'drafted');
      return parsed.data;
    } catch (error) {
      const outcome = error instanceof OpenAI.APIConnectionTimeoutError ? 'timeout' : error instanceof OpenAI.APIError && error.status !== undefined && error.status < 500 ? 'refused' : 'failed';
      this.logger.warn({ ...log, outcome, reason: error instanceof Error ? error.message : String(error) }, 'assist: the model provider gave no draft');
      this.metrics.assistAnswered(prompt.name, outcome);
      return undefined;
    }
  }
}

function parseJson(text: string): unknown {
  try {
    // Some local servers wrap JSON mode's answer in a code fence.
    return JSON.parse(text.replace(/^\s*```(?:json)?\s*|\s*```\s*$/g, ''));
  } catch {
    return undefined;
  }
}
