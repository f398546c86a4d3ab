import express, { type Express } from 'express';
import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';
import type { Foreground } from '../util/foreground.js';

/**
 * The one HTTP server: health, readiness, metrics; adapters mount their endpoints on the app
 * (Slack's receiver at /slack/events). Every request is in the foreground while it is answered.
 */
export function createHttpApp(options: { isReady: () => Promise<boolean>; metrics: Registry; foreground: Foreground }): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    const end = options.foreground.begin();
    res.once('finish', end);
    res.once('close', end);
    next();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await options.isReady();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'database unavailable' });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(options.metrics.contentType).send(await options.metrics.metrics());
  });
  return app;
}

export function listen(app: Express, port: number, host?: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(app);
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
