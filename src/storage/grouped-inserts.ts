import { isDuplicateKeyError } from '../errors.js';
import { writeErrorsByIndex } from './inserted-once.js';

interface Collection<T> {
  insertMany(docs: T[], options: { ordered: false }): Promise<unknown>;
}

interface Waiting<T> {
  doc: T;
  resolve: (inserted: boolean) => void;
  reject: (error: unknown) => void;
}

/** Enough to carry a burst of requests in one write, small enough to keep one write short. */
const maxGroup = 100;

/**
 * Unique inserts written in groups: the inserts that arrive while one write is under way go
 * together in the next, as one unordered `insertMany`. SQLite, under FerretDB, takes one writer at
 * a time, so a burst of single inserts queues writer behind writer (and each costs a round trip
 * and a transaction); in groups, twenty cost about what four do one by one. Nothing waits for a
 * group to fill: an insert at a quiet moment is written at once, on its own.
 *
 * Each insert still answers for itself, as `insertedOnce` does: true when stored, false when its
 * key was taken (also by an earlier insert of the same group), and it throws when the write failed.
 */
export class GroupedInserts<T> {
  private readonly waiting: Waiting<T>[] = [];
  private writing = false;

  constructor(private readonly collection: Collection<T>) {}

  insertOnce(doc: T): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ doc, resolve, reject });
      if (!this.writing) void this.writeAll();
    });
  }

  private async writeAll(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) await this.write(this.waiting.splice(0, maxGroup));
    } finally {
      this.writing = false;
    }
  }

  private async write(group: Waiting<T>[]): Promise<void> {
    try {
      await this.collection.insertMany(
        group.map((w) => w.doc),
        { ordered: false },
      );
      for (const w of group) w.resolve(true);
    } catch (error) {
      const failed = writeErrorsByIndex(error);
      if (!failed) {
        for (const w of group) w.reject(error);
        return;
      }
      group.forEach((w, index) => {
        const writeError = failed.get(index);
        if (!writeError) w.resolve(true);
        else if (isDuplicateKeyError(writeError)) w.resolve(false);
        else w.reject(writeError);
      });
    }
  }
}
