import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collection } from 'mongodb';
import { GroupedInserts } from '../../src/storage/grouped-inserts.js';
import { openTestDatabase, type TestDatabase } from '../support/database.js';

type Doc = { _id: unknown; n?: number };

let db: TestDatabase;
let collection: Collection<Doc>;
beforeAll(async () => {
  db = await openTestDatabase();
  collection = db.connection.db!.collection<Doc>('grouped');
});
afterAll(async () => {
  await db.drop();
});

/** The real collection, with each write's size noted on the way through. */
function counted(target: Collection<Doc>) {
  const writes: number[] = [];
  return {
    writes,
    insertMany: (docs: Doc[], options: { ordered: false }) => {
      writes.push(docs.length);
      return target.insertMany(docs, options);
    },
  };
}

describe('grouped inserts', () => {
  it('writes the inserts of a burst together, each answering whether its key was new', async () => {
    await collection.insertOne({ _id: 'stored-before' });
    const target = counted(collection);
    const inserts = new GroupedInserts<Doc>(target);
    const ids = [...Array.from({ length: 40 }, (_, i) => `burst-${i}`), 'burst-3', 'stored-before', 'burst-7'];
    const answers = await Promise.all(ids.map((id, n) => inserts.insertOnce({ _id: id, n })));

    expect(answers.slice(0, 40).every(Boolean)).toBe(true);
    // A repeat in the same burst and a key stored before are refused like a single insert would be.
    expect(answers.slice(40)).toEqual([false, false, false]);
    expect(await collection.countDocuments({ _id: { $regex: /^burst-/ } as never })).toBe(40);
    // The first insert went alone; the rest, which came while it was written, in one group.
    expect(target.writes).toEqual([1, 42]);
  });

  it('writes an insert at a quiet moment at once, on its own', async () => {
    const target = counted(collection);
    const inserts = new GroupedInserts<Doc>(target);
    expect(await inserts.insertOnce({ _id: 'quiet-1' })).toBe(true);
    expect(await inserts.insertOnce({ _id: 'quiet-2' })).toBe(true);
    expect(target.writes).toEqual([1, 1]);
  });

  it('fails only the document the database refused, for a reason other than its key', async () => {
    const inserts = new GroupedInserts<Doc>(collection);
    await inserts.insertOnce({ _id: 'warm' });
    const [before, refused, after] = await Promise.allSettled([
      inserts.insertOnce({ _id: 'around-1' }),
      inserts.insertOnce({ _id: ['an array is no _id'] }),
      inserts.insertOnce({ _id: 'around-2' }),
    ]);
    expect(before).toEqual({ status: 'fulfilled', value: true });
    expect(refused.status).toBe('rejected');
    expect(after).toEqual({ status: 'fulfilled', value: true });
    expect(await collection.countDocuments({ _id: { $in: ['around-1', 'around-2'] } as never })).toBe(2);
  });

  it('fails every insert of a group the database did not take at all, so none is acknowledged', async () => {
    const again = await db.connectAgain();
    const inserts = new GroupedInserts<Doc>(again.db!.collection<Doc>('grouped'));
    await again.close();
    const results = await Promise.allSettled(['gone-1', 'gone-2', 'gone-3'].map((id) => inserts.insertOnce({ _id: id })));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await collection.countDocuments({ _id: { $regex: /^gone-/ } as never })).toBe(0);
  });
});
