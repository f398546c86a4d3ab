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
async function paced(requests, ratePerSecond) {
  // Open loop: request i goes out at its time whatever the earlier ones are doing.
  const started = Date.now();
  const sentAt = [];
  const pending = requests.map(async (request, i) => {
    const due = started + (i * 1000) / ratePerSecond;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    sentAt[i] = Date.now();
    const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
    await response.text();
    return response.status;
  });
  return { sentAt, statuses: await Promise.all(pending) };
}
parentPort.on('message', async ({ id, requests, concurrency, ratePerSecond }) => {
  if (ratePerSecond) {
    try {
      parentPort.postMessage({ id, ...(await paced(requests, ratePerSecond)) });
    } catch (error) {
      parentPort.postMessage({ id, error: String(error) });
    }
    return;
  }
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
    return this.call({ requests, concurrency });
  }

  private call<T>(work: Record<string, unknown>): Promise<T> {
    const id = (this.nextId += 1);
    return new Promise((resolve, reject) => {
      const onMessage = (message: { id: number; error?: string }) => {
        if (message.id !== id) return;
        this.worker.off('message', onMessage);
        if (message.error) reject(new Error(message.error));
        else resolve(message as T);
      };
      this.worker.on('message', onMessage);
      this.worker.postMessage({ id, ...work });
    });
  }

  /** Sends request i at i / rate seconds, not waiting for earlier answers; when each went out (epoch ms) and its status. */
  sendPaced(requests: Request[], ratePerSecond: number): Promise<{ sentAt: number[]; statuses: number[] }> {
    return this.call({ requests, ratePerSecond });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}
