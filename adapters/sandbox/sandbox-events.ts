import type { Response } from 'express';

/** Anything the page shows: a message, a private answer, a modal, a Teams activity, the clock. */
export type SandboxEntity = { kind: string };

/** Entities of one kind are told apart by these fields. */
const identity: Record<string, string[]> = {
  'slack.message': ['channel', 'ts'],
  'slack.ephemeral': ['id'],
  'slack.modal': ['id'],
  'teams.activity': ['conversation', 'id'],
  clock: [],
};

/**
 * What the page shows, kept as the latest version of every entity and pushed to each open page
 * as server-sent events: the whole picture when a page connects, then every change as it happens.
 */
export class SandboxEvents {
  private readonly entities = new Map<string, SandboxEntity>();
  private readonly clients = new Set<Response>();

  publish<T extends SandboxEntity>(entity: T): void {
    const fields = entity as unknown as Record<string, unknown>;
    const key = [entity.kind, ...(identity[entity.kind] ?? ['id']).map((field) => String(fields[field]))].join('|');
    this.entities.set(key, entity);
    this.send('upsert', entity);
  }

  /** Opens a server-sent event stream for one page. */
  subscribe(res: Response): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(`event: snapshot\ndata: ${JSON.stringify([...this.entities.values()])}\n\n`);
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  /** Forgets everything (the reset button) and tells the pages to start over. */
  clear(): void {
    this.entities.clear();
    this.send('reset', {});
  }

  /** Ends the open streams, so the server can close. */
  close(): void {
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private send(event: string, data: unknown): void {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of this.clients) res.write(frame);
  }
}
