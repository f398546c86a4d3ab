import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  /** What the fake answered. */
  result?: Record<string, unknown>;
  at: number;
}

type Failure = ({ status: 429; retryAfter: number } | { error: string }) & { channel?: string };

/**
 * A local stand-in for Slack's Web API (and for response_url): answers the methods tugi calls the
 * way Slack does, records every call, and can be told to fail (429 with Retry-After, or a
 * platform error) to exercise the outbox.
 */
export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly responses: Array<{ path: string; body: Record<string, unknown> }> = [];
  /** Messages conversations.history can return, by `channel:ts`. */
  readonly messages = new Map<string, { user: string; text: string }>();
  private readonly failures = new Map<string, Failure[]>();
  private server: Server | undefined;
  private tsCounter = 0;
  /** Milliseconds the server waits before answering, to model a slow Slack. */
  delayMs = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.url}/respond/${id}`;
  }

  failNext(method: string, failure: Failure, times = 1): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...Array<Failure>(times).fill(failure)]);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  posts(channel?: string): RecordedCall[] {
    return this.callsTo('chat.postMessage').filter((call) => !channel || call.args.channel === channel);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    const path = req.url ?? '';
    if (path.startsWith('/respond/')) {
      this.responses.push({ path, body: JSON.parse(body || '{}') });
      res.writeHead(200).end('ok');
      return;
    }
    const method = path.replace(/^\/api\//, '').split('?')[0]!;
    const args = parseArgs(req.headers['content-type'] ?? '', body);
    const queue = this.failures.get(method) ?? [];
    const index = queue.findIndex((f) => !f.channel || f.channel === args.channel);
    const failure = index >= 0 ? queue.splice(index, 1)[0] : undefined;
    if (failure && 'status' in failure) {
      this.calls.push({ method: `${method}:429`, args, at: Date.now() });
      res.writeHead(429, { 'retry-after': String(failure.retryAfter), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const answer = failure ? { ok: false, error: failure.error } : this.answer(method, args);
    this.calls.push({ method, args, result: answer, at: Date.now() });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, team_id: 'T0TUGI', user_id: 'U0TUGIBOT', bot_id: 'B0TUGI' };
      case 'chat.postMessage':
        this.tsCounter += 1;
        return { ok: true, channel: args.channel, ts: `1800000000.${String(this.tsCounter).padStart(6, '0')}` };
      case 'chat.update':
      case 'chat.delete':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'views.open':
        return { ok: true, view: { id: `V${String((this.tsCounter += 1)).padStart(8, '0')}` } };
      case 'chat.getPermalink':
        return { ok: true, permalink: `https://tugi-test.slack.com/archives/${args.channel}/p${String(args.message_ts).replace('.', '')}` };
      case 'conversations.history':
      case 'conversations.replies': {
        const found = this.messages.get(`${args.channel}:${args.latest}`);
        return { ok: true, messages: found ? [{ ts: args.latest, ...found }] : [] };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString()));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

/** The Web API client sends form fields, with structured ones (blocks) as JSON text. */
function parseArgs(contentType: string, body: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return JSON.parse(body || '{}');
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return args;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
