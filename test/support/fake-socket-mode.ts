import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A local stand-in for Slack's Socket Mode endpoint: the URL apps.connections.open hands out.
 * Each connection is greeted with `hello`; `deliver` sends an envelope to the open connection and
 * resolves with the acknowledgement's payload; `disconnect` sends Slack's refresh message, `drop`
 * cuts the connection as a network fault would.
 */
export class FakeSocketMode {
  private server: WebSocketServer | undefined;
  private readonly sockets: WebSocket[] = [];
  private readonly acks = new Map<string, (payload: unknown) => void>();
  connections = 0;
  private envelopes = 0;

  async start(): Promise<this> {
    this.server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => this.server!.once('listening', () => resolve()));
    this.server.on('connection', (socket) => {
      this.connections += 1;
      this.sockets.push(socket);
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
        if (message.envelope_id) this.acks.get(message.envelope_id)?.(message.payload ?? {});
      });
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' } }));
    });
    return this;
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server!.address() as AddressInfo).port}/link`;
  }

  /** Waits until a client is connected (after a start or a reconnect). */
  async connected(count = 1): Promise<void> {
    for (let i = 0; i < 600 && (this.connections < count || !this.open()); i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    if (!this.open()) throw new Error('no Socket Mode client connected');
  }

  /** Sends an envelope (`events_api`, `slash_commands`, `interactive`); resolves with what the app acknowledged, or undefined if it did not within `waitMs`. */
  deliver(type: string, payload: unknown, options: { envelopeId?: string; retryAttempt?: number; waitMs?: number } = {}): Promise<unknown> {
    const envelopeId = options.envelopeId ?? `env-${(this.envelopes += 1)}`;
    const acked = new Promise<unknown>((resolve) => {
      this.acks.set(envelopeId, resolve);
      setTimeout(() => resolve(undefined), options.waitMs ?? 5_000);
    });
    this.open()!.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api', retry_attempt: options.retryAttempt ?? 0, retry_reason: options.retryAttempt ? 'timeout' : '' }));
    return acked;
  }

  /** Slack's "please reconnect" (it is recycling the connection). */
  disconnect(): void {
    this.open()?.send(JSON.stringify({ type: 'disconnect', reason: 'refresh_requested' }));
  }

  /** The connection breaks without a word. */
  drop(): void {
    this.open()?.terminate();
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private open(): WebSocket | undefined {
    return this.sockets.filter((s) => s.readyState === s.OPEN).at(-1);
  }
}
