import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScheduler } from '../../src/jobs/scheduler.js';
import { systemClock } from '../../src/ports/clock.js';
import { LeaseLock } from '../../src/storage/lease-lock.js';
import { createModels, ensureIndexes } from '../../src/storage/models/index.js';
import { openTestDatabase, type TestDatabase } from '../support/database.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
  await ensureIndexes(createModels(db.connection));
});
afterAll(async () => {
  await db.drop();
});

describe('scheduled jobs on three replicas', () => {
  it('run one at a time across replicas (Agenda’s own lock is not isolated on FerretDB), and keep running', { timeout: 30_000 }, async () => {
    const runs: Array<{ replica: number; start: number; end: number }> = [];
    let running = 0;
    let overlaps = 0;
    const connections = [db.connection, await db.connectAgain(), await db.connectAgain()];
    const schedulers = await Promise.all(
      connections.map((connection, replica) =>
        startScheduler({
          connection,
          lock: new LeaseLock(createModels(connection).locks, systemClock),
          logger: pino({ level: 'silent' }),
          processEvery: 50,
          jobs: [
            {
              name: 'probe',
              every: '1 second',
              async run() {
                running += 1;
                if (running > 1) overlaps += 1;
                const start = Date.now();
                await new Promise((resolve) => setTimeout(resolve, 150));
                runs.push({ replica, start, end: Date.now() });
                running -= 1;
              },
            },
          ],
        }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    await Promise.all(schedulers.map((scheduler) => scheduler.drain({ timeout: 5_000, closeConnection: false })));
    await Promise.all(connections.slice(1).map((connection) => connection.close()));
    expect(overlaps).toBe(0);
    expect(runs.length).toBeGreaterThanOrEqual(3);
    const sorted = [...runs].sort((a, b) => a.start - b.start);
    sorted.slice(1).forEach((run, i) => expect(run.start).toBeGreaterThanOrEqual(sorted[i]!.end));
  });
});
