import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalDatabase, type LocalDatabase } from '../../src/storage/local-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
  }
}

let database: LocalDatabase | undefined;
let dataDir: string | undefined;

/** One database server for the run: MONGODB_URI when set, else a local FerretDB in a temp folder. */
export async function setup(project: TestProject): Promise<void> {
  if (process.env.MONGODB_URI) {
    project.provide('mongoUri', process.env.MONGODB_URI);
    return;
  }
  dataDir = await mkdtemp(join(tmpdir(), 'tugi-test-db-'));
  database = await startLocalDatabase({ dataDir, progress: (line) => console.log(line) });
  project.provide('mongoUri', database.uri);
}

export async function teardown(): Promise<void> {
  await database?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
