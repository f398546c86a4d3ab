import { Worker } from 'node:worker_threads';

export interface Request {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/**
 * Sends benchmark requests from a worker thread, so the apps being measured do not share their
 * event loop with the client that times them (only the machine's cores).
 */
const workerSource = `
const { parentPort } = require('node:worker_threads');
async function send({ url, body, headers }) {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers, body });
  await response.text();
  if (response.status !== 200) throw new Error('unexpected status ' + response.status);
  return performance.now() - started;
}
parentPort.on('message', async ({ id, requests, concurrency }) => {
  try {
    const samples = [];
    const started = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < requests.length) samples.push(await send(requests[next++]));
    }));
    parentPort.postMessage({ id, samples, seconds: (performance.now() - started) / 1000 });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
`;

export class HttpClient {
  private readonly worker = new Worker(workerSource, { eval: true });
  private nextId = 0;

  /** Sends the requests, `concurrency` at a time; returns each latency in ms and the wall time. */
  send(requests: Request[], concurrency = 1): Promise<{ samples: number[]; seconds: number }> {
    const id = (this.nextId += 1);
    return new Promise((resolve, reject) => {
      const onMessage = (message: { id: number; samples: number[]; seconds: number; error?: string }) => {
        if (message.id !== id) return;
        this.worker.off('message', onMessage);
        if (message.error) reject(new Error(message.error));
        else resolve(message);
      };
      this.worker.on('message', onMessage);
      this.worker.postMessage({ id, requests, concurrency });
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}
