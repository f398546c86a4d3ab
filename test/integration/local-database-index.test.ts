import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/harness.js';
import { openTestDatabase, type TestDatabase } from '../support/database.js';

// The launcher's fix is for the local FerretDB; a MongoDB given by MONGODB_URI indexes _id itself.
const local = !process.env.MONGODB_URI;
let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe.skipIf(!local)('the local database', () => {
  it('looks documents up by _id through an index, in collections created at any time', async () => {
    const collection = db.connection.db!.collection<{ _id: string; n: number }>(`late_${Date.now()}`);
    // Enough documents that SQLite's planner prefers an index to a scan once one exists.
    await collection.insertMany(Array.from({ length: 3000 }, (_, n) => ({ _id: `k${n}`, n })));
    const plan = async () => {
      // A query first: a pooled SQLite connection picks up the new schema when it next runs one.
      await collection.findOne({ _id: 'k2999' });
      return JSON.stringify(await db.connection.db!.command({ explain: { find: collection.collectionName, filter: { _id: 'k7' } } }));
    };
    // The launcher indexes new collections within half a second.
    await eventually(async () => expect(await plan()).toMatch(/USING INDEX \S+_tugi_id_path/), 5_000);
    expect(await collection.findOne({ _id: 'k7' })).toEqual({ _id: 'k7', n: 7 });
    await collection.updateOne({ _id: 'k7' }, { $set: { n: 70 } });
    expect(await collection.findOne({ _id: 'k7' })).toEqual({ _id: 'k7', n: 70 });
  });
});
