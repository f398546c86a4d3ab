import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ConnectorOp = 'createConversation' | 'send' | 'reply' | 'update' | 'delete' | 'members';

export interface ConnectorCall {
  op: ConnectorOp;
  /** The conversation id as the bot addressed it (with `;messageid=` for a thread). */
  conversationId: string | null;
  activityId: string | null;
  body: Record<string, unknown>;
  authorization: string | undefined;
  /** The id the fake gave the new message, for posts. */
  messageId: string | null;
  at: number;
}

type Failure = { status: number; retryAfter?: number };

/**
 * A local stand-in for the Bot Connector service (the `serviceUrl` Teams gives a bot): creates
 * channel conversations (new threads), sends, replies, updates, deletes and lists members the
 * way the v3 REST API does, records every call, and can be told to fail (429 with Retry-After).
 * The tests read its records; the sandbox listens to its calls to show what tugi did.
 */
export class FakeBotConnector {
  readonly calls: ConnectorCall[] = [];
  readonly members: Array<{ id: string; name: string; aadObjectId: string }> = [];
  /** Files PUT to the upload URLs a file consent answer carries (a stand-in for OneDrive), by name. */
  readonly uploads = new Map<string, { bytes: Buffer; contentRange: string | undefined }>();
  /** Status the next upload is answered with (OneDrive refusing it), once. */
  refuseNextUpload: number | undefined;
  private readonly failures: Failure[] = [];
  private readonly listeners: Array<(call: ConnectorCall) => void> = [];
  private server: Server | undefined;
  /** Teams message ids are millisecond timestamps; these only need to be unique and increasing. */
  private nextId = 1_700_000_000_000;

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** What activities carry as `serviceUrl`. */
  get serviceUrl(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
  }

  /** Where Teams would let the bot upload a file the user consented to. */
  uploadUrl(name: string): string {
    return `${this.serviceUrl}upload/${encodeURIComponent(name)}`;
  }

  /** Called with every answered call (uploads excepted: see `uploads`). */
  onCall(listener: (call: ConnectorCall) => void): void {
    this.listeners.push(listener);
  }

  /** A fresh message id; the sandbox gives people's messages ids from the same sequence. */
  nextMessageId(): string {
    return String((this.nextId += 1));
  }

  failNext(failure: Failure, times = 1): void {
    for (let i = 0; i < times; i += 1) this.failures.push(failure);
  }

  /** Drops every record (the sandbox's reset). */
  forget(): void {
    this.calls.length = 0;
    this.uploads.clear();
  }

  callsOf(op: ConnectorOp): ConnectorCall[] {
    return this.calls.filter((call) => call.op === op);
  }

  /** Posts (new threads, sends, replies) whose text or card mentions `needle`. */
  postsContaining(needle: string): ConnectorCall[] {
    return this.calls.filter((call) => ['createConversation', 'send', 'reply'].includes(call.op) && JSON.stringify(call.body).includes(needle));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method === 'PUT' && path.startsWith('/upload/')) {
      const status = this.refuseNextUpload ?? 201;
      this.refuseNextUpload = undefined;
      if (status < 300) this.uploads.set(decodeURIComponent(path.slice('/upload/'.length)), { bytes: Buffer.concat(chunks), contentRange: req.headers['content-range'] });
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'drive-item' }));
      return;
    }
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    const route = this.route(req.method ?? 'GET', path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'NotFound', message: req.url } }));
      return;
    }
    const failure = this.failures.shift();
    if (failure) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (failure.retryAfter !== undefined) headers['retry-after'] = String(failure.retryAfter);
      res.writeHead(failure.status, headers).end(JSON.stringify({ error: { code: 'Throttled', message: 'slow down' } }));
      return;
    }
    const messageId = ['createConversation', 'send', 'reply'].includes(route.op) ? this.nextMessageId() : null;
    const call = { ...route, body, authorization: req.headers.authorization, messageId, at: Date.now() };
    this.calls.push(call);
    for (const listener of this.listeners) listener(call);
    const json = (status: number, payload: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    switch (route.op) {
      case 'createConversation': {
        const channel = (body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id ?? 'unknown';
        json(201, { id: `${channel};messageid=${messageId}`, activityId: messageId, serviceUrl: this.serviceUrl });
        return;
      }
      case 'send':
      case 'reply':
        json(201, { id: messageId });
        return;
      case 'update':
        json(200, { id: route.activityId });
        return;
      case 'delete':
        res.writeHead(200).end();
        return;
      case 'members':
        json(200, this.members);
        return;
    }
  }

  private route(method: string, path: string): Pick<ConnectorCall, 'op' | 'conversationId' | 'activityId'> | undefined {
    if (method === 'POST' && path === '/v3/conversations') return { op: 'createConversation', conversationId: null, activityId: null };
    const match = /^\/v3\/conversations\/([^/]+)(?:\/(activities|members)(?:\/([^/]+))?)?$/.exec(path);
    if (!match) return undefined;
    const conversationId = decodeURIComponent(match[1]!);
    const activityId = match[3] ? decodeURIComponent(match[3]) : null;
    if (match[2] === 'members' && method === 'GET') return { op: 'members', conversationId, activityId: null };
    if (match[2] !== 'activities') return undefined;
    if (method === 'POST') return { op: activityId ? 'reply' : 'send', conversationId, activityId };
    if (method === 'PUT' && activityId) return { op: 'update', conversationId, activityId };
    if (method === 'DELETE' && activityId) return { op: 'delete', conversationId, activityId };
    return undefined;
  }
}
