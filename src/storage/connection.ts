import mongoose, { type Connection } from 'mongoose';

/**
 * One connection per process (or per test file), never mongoose's global default, so tests can
 * open fresh databases side by side.
 */
export async function connectDatabase(uri: string, dbName?: string, options: { monitorCommands?: boolean } = {}): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    dbName,
    // Benchmarks count database round trips through the driver's command events.
    monitorCommands: options.monitorCommands ?? false,
    autoIndex: false,
    autoCreate: false,
    serverSelectionTimeoutMS: 5_000,
    // Fail fast while the database is away, instead of queueing writes that Slack is waiting on.
    bufferCommands: false,
  });
  await connection.asPromise();
  return connection;
}

/** True when the database answers a ping; used by /readyz. */
export async function isDatabaseReady(connection: Connection): Promise<boolean> {
  try {
    if (connection.readyState !== 1 || !connection.db) return false;
    await connection.db.admin().command({ ping: 1 });
    return true;
  } catch {
    return false;
  }
}
