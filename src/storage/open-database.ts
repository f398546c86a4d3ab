import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Env } from '../config/env.js';
import type { Logger } from '../logger.js';
import { connectDatabase } from './connection.js';
import { startLocalDatabase } from './local-database.js';

/** Where a running tugi says which address its local database listens on, so command-line tools reach the same one. */
const uriFile = (dataDir: string) => join(dataDir, 'running-uri');

/**
 * MONGODB_URI when set, else the local database in `dataDir` (built on first use). `share` makes
 * the local database findable by the command-line tools while this process runs; a tool finding it
 * uses it instead of starting a second server on the same files.
 */
export async function openDatabase(env: Pick<Env, 'MONGODB_URI'>, dataDir: string, log: Pick<Logger, 'info'>, options: { share?: boolean; reuse?: boolean } = {}) {
  if (env.MONGODB_URI) return { connect: (name: string) => connectDatabase(env.MONGODB_URI!, name === 'tugi' ? undefined : name), stop: async () => {} };
  const running = options.reuse ? await readFile(uriFile(dataDir), 'utf8').catch(() => undefined) : undefined;
  if (running) {
    const probe = await connectDatabase(running.trim(), 'tugi').catch(() => undefined);
    if (probe) {
      await probe.close();
      log.info(`using the local database of the tugi running on ${dataDir}`);
      return { connect: (name: string) => connectDatabase(running.trim(), name), stop: async () => {} };
    }
  }
  const local = await startLocalDatabase({ dataDir, progress: (line) => log.info(line) });
  log.info(`using the local database in ${dataDir} (MONGODB_URI is not set)`);
  if (options.share) await writeFile(uriFile(dataDir), local.uri);
  return {
    connect: (name: string) => connectDatabase(local.uri, name),
    stop: async () => {
      if (options.share) await rm(uriFile(dataDir), { force: true });
      await local.stop();
    },
  };
}
