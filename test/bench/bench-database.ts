import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDatabase } from '../../src/storage/connection.js';
import { startLocalDatabase } from '../../src/storage/local-database.js';

/**
 * A fresh database for one benchmark run: on MONGODB_URI when set, otherwise on a local server in
 * a temporary folder. Commands are monitored, so benchmarks can count round trips.
 */
export async function openBenchDatabase(name: string, progress: (line: string) => void) {
  const dataDir = await mkdtemp(join(tmpdir(), 'tugi-bench-'));
  const local = process.env.MONGODB_URI ? undefined : await startLocalDatabase({ dataDir, progress });
  const connection = await connectDatabase(process.env.MONGODB_URI ?? local!.uri, `tugi_${name}_bench_${Date.now()}`, { monitorCommands: true });
  return {
    connection,
    /** What the figures were measured on. */
    label: local ? 'FerretDB 1.24 (SQLite)' : 'MONGODB_URI',
    async close(): Promise<void> {
      await connection.dropDatabase();
      await connection.close();
      await local?.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
