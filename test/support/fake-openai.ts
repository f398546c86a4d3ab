import { createServer, type IncomingMessage, type Server } from 'node:http';
import * as prompts from '../../src/assist/prompts.js';

/** The prompts tugi sends, by their system text: the fake answers each feature from its own script. */
const promptNames = new Map(Object.values(prompts).flatMap((p) => (typeof p === 'object' && 'system' in p ? [[p.system, p.name] as const] : [])));

/** How the fake model answers the next requests: a JSON object, text that is not the JSON asked for, a refusal, or silence. */
export type ScriptedAnswer = { json: unknown } | { text: string } | { status: number } | { hang: true };

export interface RecordedCompletion {
  /** The name of the tugi prompt asked (`resolution_draft`, `triage_suggestion` …). */
  prompt: string | undefined;
  authorization: string | undefined;
  body: { model: string; response_format?: { type: string }; messages: Array<{ role: string; content: string }> };
}

/**
 * A local stand-in for an OpenAI-compatible chat-completions API (`POST /v1/chat/completions`):
 * records every request and answers as scripted, so the tests can play a good model, a broken
 * one, a slow one and a rate-limited one.
 */
export class FakeOpenAI {
  readonly requests: RecordedCompletion[] = [];
  private answers = new Map<string, ScriptedAnswer[]>();
  private fallback: ScriptedAnswer = { json: {} };
  private server: Server | undefined;
  private hanging: Array<() => void> = [];
  url = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      void readBody(request).then((raw) => {
        if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
          response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
          return;
        }
        const body = JSON.parse(raw) as RecordedCompletion['body'];
        const prompt = promptNames.get(body.messages[0]?.content ?? '');
        this.requests.push({ prompt, authorization: request.headers.authorization, body });
        const answer = this.answers.get(prompt ?? '')?.shift() ?? this.fallback;
        if ('hang' in answer) {
          this.hanging.push(() => response.destroy());
          return;
        }
        if ('status' in answer) {
          response.writeHead(answer.status, { 'content-type': 'application/json', 'retry-after': '1' }).end(JSON.stringify({ error: { message: 'scripted refusal', type: 'rate_limit_exceeded' } }));
          return;
        }
        const content = 'json' in answer ? JSON.stringify(answer.json) : answer.text;
        response.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            id: `chatcmpl-${this.requests.length}`,
            object: 'chat.completion',
            created: Math.floor(Date.now() / 1000),
            model: 'fake-model',
            choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
            usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}/v1`;
    return this;
  }

  /** The next answers to one prompt, in order; after them, `always` (an empty object unless set). */
  script(prompt: { name: string }, ...answers: ScriptedAnswer[]): void {
    this.answers.set(prompt.name, [...(this.answers.get(prompt.name) ?? []), ...answers]);
  }

  /** The requests for one prompt, oldest first. */
  requestsFor(prompt: { name: string }): RecordedCompletion[] {
    return this.requests.filter((r) => r.prompt === prompt.name);
  }

  always(answer: ScriptedAnswer): void {
    this.fallback = answer;
  }

  async stop(): Promise<void> {
    for (const drop of this.hanging) drop();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
