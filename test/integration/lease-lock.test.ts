import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/ports/clock.js';
import { LeaseLock } from '../../src/storage/lease-lock.js';
import { createModels, type Models } from '../../src/storage/models/index.js';
import { openTestModels, type TestDatabase } from '../support/database.js';

let db: TestDatabase;
let models: Models;
beforeAll(async () => {
  ({ db, models } = await openTestModels());
});
afterAll(async () => {
  await db.drop();
});

describe('lease lock', () => {
  it('serialises read-modify-write across two connections (no lost updates)', async () => {
    const other = createModels(await db.connectAgain());
    const locks = [new LeaseLock(models.locks, systemClock), new LeaseLock(other.locks, systemClock)];
    const counters = db.connection.collection<{ _id: string; n: number }>('lock_probe');
    await counters.insertOne({ _id: 'c', n: 0 });
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        locks[i % 2]!.withLock('probe', async () => {
          const current = await counters.findOne({ _id: 'c' });
          await counters.updateOne({ _id: 'c' }, { $set: { n: current!.n + 1 } });
        }),
      ),
    );
    expect((await counters.findOne({ _id: 'c' }))!.n).toBe(30);
    expect(await models.locks.countDocuments({ _id: 'probe' })).toBe(0);
  });

  it('tryLock does not wait: a held lease reports busy', async () => {
    const lock = new LeaseLock(models.locks, systemClock);
    let inner: { ran: boolean } | undefined;
    await lock.withLock('busy', async () => {
      inner = await lock.tryLock('busy', async () => 'never');
    });
    expect(inner).toEqual({ ran: false });
    expect(await lock.tryLock('busy', async () => 'now')).toEqual({ ran: true, value: 'now' });
  });

  it('takes over a lease whose holder died once it has expired', async () => {
    await models.locks.create({ _id: 'orphan', owner: 'dead-replica', until: new Date(Date.now() - 1_000) });
    const lock = new LeaseLock(models.locks, systemClock);
    expect(await lock.withLock('orphan', async () => 'recovered')).toBe('recovered');
    expect(await lock.purgeMarkersBefore(new Date(Date.now() + 1_000))).toBe(1);
  });
});
