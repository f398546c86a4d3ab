import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { inject } from 'vitest';
import { connectDatabase } from '../../src/storage/connection.js';
import { createModels, ensureIndexes, type Models } from '../../src/storage/models/index.js';

export interface TestDatabase {
  uri: string;
  dbName: string;
  connection: Connection;
  /** Another connection to the same database, as a second replica would have. */
  connectAgain(): Promise<Connection>;
  drop(): Promise<void>;
}

/** A fresh, uniquely named database on the run's server, for one test file (or one test). */
export async function openTestDatabase(): Promise<TestDatabase> {
  const uri = inject('mongoUri');
  const dbName = `tugi_test_${randomBytes(6).toString('hex')}`;
  const connection = await connectDatabase(uri, dbName);
  const extra: Connection[] = [];
  return {
    uri,
    dbName,
    connection,
    async connectAgain() {
      const again = await connectDatabase(uri, dbName);
      extra.push(again);
      return again;
    },
    async drop() {
      await connection.dropDatabase().catch(() => undefined);
      await Promise.all([connection, ...extra].map((c) => c.close().catch(() => undefined)));
    },
  };
}

/** A fresh database with tugi's collections and indexes, for integration tests. */
export async function openTestModels(): Promise<{ db: TestDatabase; models: Models }> {
  const db = await openTestDatabase();
  const models = createModels(db.connection);
  await ensureIndexes(models);
  return { db, models };
}
