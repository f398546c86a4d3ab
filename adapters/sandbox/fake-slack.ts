import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  /** What the fake answered. */
  result?: Record<string, unknown>;
  /** The bearer token the call came with (which workspace's bot made it). */
  token?: string;
  at: number;
}

/** A workspace the fake knows: its bot token, and the OAuth code that hands the token over. */
export interface FakeWorkspace {
  teamId: string;
  teamName: string;
  botToken: string;
  botUserId: string;
  installer: string;
  enterpriseId?: string;
  /** Org-wide (Enterprise Grid) install, which tugi refuses. */
  orgWide?: boolean;
}

/** A person as users.info describes them. */
export interface FakeUser {
  name: string;
  tz?: string;
  isAdmin?: boolean;
}

type Failure = ({ status: 429; retryAfter: number } | { error: string }) & { channel?: string };

/**
 * A local stand-in for Slack's Web API (and for response_url): answers the methods tugi calls the
 * way Slack does, records every call, and can be told to fail (429 with Retry-After, or a
 * platform error) to exercise the outbox. The tests read its records; the sandbox listens to its
 * calls to show what tugi did.
 */
export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly responses: Array<{ path: string; body: Record<string, unknown> }> = [];
  /** Messages conversations.history can return, by `channel:ts`. */
  readonly messages = new Map<string, { user: string; text: string }>();
  /** What chat.postMessage posted, per channel (and thread), newest last: history and replies return them with their metadata. */
  private readonly posted = new Map<string, Array<{ ts: string; text: unknown; thread_ts?: string; metadata?: unknown }>>();
  private readonly failures = new Map<string, Failure[]>();
  private server: Server | undefined;
  private tsCounter = 0;
  private lastMicros = 0;
  /** Bytes sent to the upload URLs files.getUploadURLExternal handed out, by file id. */
  readonly uploads = new Map<string, Buffer>();
  /** Milliseconds the server waits before answering, to model a slow Slack. */
  delayMs = 0;
  private readonly listeners: Array<(call: RecordedCall) => void> = [];
  private readonly workspaces = new Map<string, FakeWorkspace>();
  /** OAuth codes not yet exchanged, and the workspace each installs. */
  private readonly grants = new Map<string, FakeWorkspace>();
  private readonly revoked = new Set<string>();
  readonly users = new Map<string, FakeUser>();
  /** Channels conversations.info describes; unknown ones are public and have tugi in them. */
  readonly channels = new Map<string, { isMember: boolean; isPrivate: boolean }>();
  /** What apps.connections.open hands out: where a Socket Mode client connects (a test's WebSocket fake). */
  socketModeUrl: string | undefined;
  /** The client id and secret oauth.v2.access accepts. */
  readonly app = { clientId: '1111111111.2222222222', clientSecret: 'fake-client-secret', appId: 'A0TUGI' };

  /** `now` gives the time posted messages are stamped with (their ts); by default a counter. */
  constructor(private readonly now?: () => Date) {}

  /** Called with every answered call, response_url posts included (as method `response_url`, args the body, `path` in result). */
  onCall(listener: (call: RecordedCall) => void): void {
    this.listeners.push(listener);
  }

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

  /** Makes a workspace known to auth.test and its bot token usable. */
  addWorkspace(workspace: FakeWorkspace): void {
    this.workspaces.set(workspace.botToken, workspace);
    this.revoked.delete(workspace.botToken);
  }

  /** The code Slack would hand the redirect after the installer approves; it installs `workspace`, once. */
  grant(workspace: FakeWorkspace): string {
    this.addWorkspace(workspace);
    const code = `code-${workspace.teamId}-${(this.tsCounter += 1)}`;
    this.grants.set(code, workspace);
    return code;
  }

  /** The token stops working, as after an uninstall: every call with it answers invalid_auth. */
  revoke(token: string): void {
    this.revoked.add(token);
  }

  /** Calls made with a workspace's bot token. */
  callsFrom(token: string): RecordedCall[] {
    return this.calls.filter((call) => call.token === token);
  }

  failNext(method: string, failure: Failure, times = 1): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...Array<Failure>(times).fill(failure)]);
  }

  /** Drops every record (the sandbox's reset). */
  forget(): void {
    this.calls.length = 0;
    this.responses.length = 0;
    this.messages.clear();
    this.uploads.clear();
    this.posted.clear();
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  posts(channel?: string): RecordedCall[] {
    return this.callsTo('chat.postMessage').filter((call) => !channel || call.args.channel === channel);
  }

  /** Files shared by files.completeUploadExternal: where, with what comment, and their bytes. */
  sharedFiles(channel?: string): Array<{ id: string; title: string; channel: string; threadTs: string | undefined; comment: string | undefined; bytes: Buffer | undefined }> {
    return this.callsTo('files.completeUploadExternal')
      .filter((call) => !channel || call.args.channel_id === channel)
      .flatMap((call) =>
        (call.args.files as Array<{ id: string; title: string }>).map((file) => ({
          id: file.id,
          title: file.title,
          channel: call.args.channel_id as string,
          threadTs: call.args.thread_ts as string | undefined,
          comment: call.args.initial_comment as string | undefined,
          bytes: this.uploads.get(file.id),
        })),
      );
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private emit(call: RecordedCall): void {
    for (const listener of this.listeners) listener(call);
  }

  /** A fresh, increasing message ts, at the clock's time when there is one (the sandbox stamps people's messages with it too). */
  nextTs(): string {
    this.tsCounter += 1;
    if (!this.now) return `1800000000.${String(this.tsCounter).padStart(6, '0')}`;
    this.lastMicros = Math.max(this.lastMicros + 1, this.now().getTime() * 1000);
    return `${Math.floor(this.lastMicros / 1e6)}.${String(this.lastMicros % 1e6).padStart(6, '0')}`;
  }

  private async handle(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const body = raw.toString();
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    const path = req.url ?? '';
    if (path.startsWith('/upload/')) {
      this.uploads.set(path.slice('/upload/'.length), uploadedBytes(req.headers['content-type'] ?? '', raw));
      res.writeHead(200).end(`OK - ${raw.length}`);
      return;
    }
    if (path.startsWith('/respond/')) {
      const response = { path, body: JSON.parse(body || '{}') as Record<string, unknown> };
      this.responses.push(response);
      this.emit({ method: 'response_url', args: response.body, result: { path }, at: Date.now() });
      res.writeHead(200).end('ok');
      return;
    }
    const method = path.replace(/^\/api\//, '').split('?')[0]!;
    const args = parseArgs(req.headers['content-type'] ?? '', body);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? (typeof args.token === 'string' ? args.token : undefined);
    if (token && this.revoked.has(token)) {
      const call = { method, args, result: { ok: false, error: 'invalid_auth' }, token, at: Date.now() };
      this.calls.push(call);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(call.result));
      return;
    }
    const queue = this.failures.get(method) ?? [];
    const index = queue.findIndex((f) => !f.channel || f.channel === args.channel);
    const failure = index >= 0 ? queue.splice(index, 1)[0] : undefined;
    if (failure && 'status' in failure) {
      this.calls.push({ method: `${method}:429`, args, at: Date.now() });
      res.writeHead(429, { 'retry-after': String(failure.retryAfter), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const answer = failure ? { ok: false, error: failure.error } : this.answer(method, args, token, req.headers.authorization);
    const call = { method, args, result: answer, token, at: Date.now() };
    this.calls.push(call);
    if (!failure) this.emit(call);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }

  private answer(method: string, args: Record<string, unknown>, token: string | undefined, authorization: string | undefined): Record<string, unknown> {
    switch (method) {
      case 'auth.test': {
        const known = token ? this.workspaces.get(token) : undefined;
        if (!known) return { ok: true, team_id: 'T0TUGI', user_id: 'U0TUGIBOT', bot_id: 'B0TUGI' };
        return { ok: true, url: `https://${known.teamId.toLowerCase()}.slack.com/`, team: known.teamName, team_id: known.teamId, user_id: known.botUserId, bot_id: `B${known.teamId.slice(1)}`, is_enterprise_install: Boolean(known.orgWide) };
      }
      case 'apps.connections.open':
        return this.socketModeUrl ? { ok: true, url: this.socketModeUrl } : { ok: false, error: 'not_allowed_token_type' };
      case 'oauth.v2.access':
        return exchangeCode(this, this.grants, args, authorization);
      case 'users.info': {
        const user = this.users.get(String(args.user));
        return { ok: true, user: { id: args.user, name: user?.name ?? args.user, real_name: user?.name ?? args.user, tz: user?.tz ?? 'UTC', is_admin: user?.isAdmin ?? false, is_owner: false } };
      }
      case 'conversations.info': {
        const channel = this.channels.get(String(args.channel)) ?? { isMember: true, isPrivate: false };
        return { ok: true, channel: { id: args.channel, is_member: channel.isMember, is_private: channel.isPrivate } };
      }
      case 'conversations.join': {
        const channel = this.channels.get(String(args.channel));
        if (channel?.isPrivate) return { ok: false, error: 'method_not_supported_for_channel_type' };
        this.channels.set(String(args.channel), { isMember: true, isPrivate: false });
        return { ok: true, channel: { id: args.channel } };
      }
      case 'views.push':
      case 'views.update':
      case 'views.publish':
        return { ok: true, view: { id: String(args.view_id ?? `V${String((this.tsCounter += 1)).padStart(8, '0')}`) } };
      case 'chat.postMessage': {
        const ts = this.nextTs();
        const where = `${String(args.channel)}:${String(args.thread_ts ?? '')}`;
        this.posted.set(where, [...(this.posted.get(where) ?? []), { ts, text: args.text, ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}), ...(args.metadata ? { metadata: args.metadata } : {}) }]);
        return { ok: true, channel: args.channel, ts };
      }
      case 'chat.update':
      case 'chat.delete':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users).slice(1)}` } };
      case 'files.getUploadURLExternal': {
        const id = `F${String((this.tsCounter += 1)).padStart(8, '0')}`;
        return { ok: true, upload_url: `${this.url}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal':
        return { ok: true, files: (args.files as Array<{ id: string; title: string }>).map((f) => ({ id: f.id, title: f.title })) };
      case 'views.open':
        return { ok: true, view: { id: `V${String((this.tsCounter += 1)).padStart(8, '0')}` } };
      case 'chat.getPermalink':
        return { ok: true, permalink: `https://tugi-test.slack.com/archives/${args.channel}/p${String(args.message_ts).replace('.', '')}` };
      case 'conversations.history':
      case 'conversations.replies': {
        if (args.latest) {
          const found = this.messages.get(`${args.channel}:${args.latest}`);
          return { ok: true, messages: found ? [{ ts: args.latest, ...found }] : [] };
        }
        // The newest first, as Slack lists them; metadata only when asked for.
        const where = `${String(args.channel)}:${method === 'conversations.replies' ? String(args.ts) : ''}`;
        const limit = Number(args.limit ?? 100);
        const withMetadata = String(args.include_all_metadata) === 'true';
        const messages = [...(this.posted.get(where) ?? [])].reverse().slice(0, limit).map(({ metadata, ...m }) => ({ ...m, ...(withMetadata && metadata ? { metadata } : {}) }));
        return { ok: true, messages };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

/**
 * oauth.v2.access: the client's id and secret (form fields or HTTP basic auth) and a code granted
 * once; answers with the workspace's bot token as Slack does.
 */
function exchangeCode(fake: { app: { clientId: string; clientSecret: string; appId: string } }, grants: Map<string, FakeWorkspace>, args: Record<string, unknown>, authorization: string | undefined) {
  const basic = /^Basic (.+)$/.exec(authorization ?? '')?.[1];
  const [id, secret] = basic ? Buffer.from(basic, 'base64').toString().split(':') : [args.client_id, args.client_secret];
  if (id !== fake.app.clientId || secret !== fake.app.clientSecret) return { ok: false, error: 'invalid_client_id' };
  const workspace = grants.get(String(args.code));
  if (!workspace) return { ok: false, error: 'invalid_code' };
  grants.delete(String(args.code));
  return {
    ok: true,
    app_id: fake.app.appId,
    authed_user: { id: workspace.installer },
    scope: 'channels:history,chat:write,commands',
    token_type: 'bot',
    access_token: workspace.botToken,
    bot_user_id: workspace.botUserId,
    team: workspace.orgWide ? null : { id: workspace.teamId, name: workspace.teamName },
    enterprise: workspace.enterpriseId ? { id: workspace.enterpriseId, name: 'Grid' } : null,
    is_enterprise_install: Boolean(workspace.orgWide),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** An upload is the raw bytes, or (as the Node SDK sends it) a multipart form whose one part is the file. */
function uploadedBytes(contentType: string, raw: Buffer): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) return raw;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const start = raw.indexOf('\r\n\r\n', raw.indexOf(delimiter)) + 4;
  const end = raw.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), start);
  return raw.subarray(start, end);
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
