import { randomUUID } from 'node:crypto';
import { isDuplicateKeyError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { LockModel } from './models/lock.model.js';

const leaseMs = 15_000;
const pollMs = 25;
const waitLimitMs = 20_000;

/**
 * A lease held in the database, for short critical sections that must not interleave across
 * replicas (one requester's messages being grouped). The lease expires by itself if its holder
 * dies. Acquiring is one conditional upsert: a held lease makes the upsert collide on `_id`.
 */
export class LeaseLock {
  private readonly owner = randomUUID();

  constructor(
    private readonly locks: LockModel,
    private readonly clock: Clock,
  ) {}

  async withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
    const token = `${this.owner}:${randomUUID()}`;
    await this.acquire(name, token);
    try {
      return await task();
    } finally {
      await this.locks.deleteOne({ _id: name, owner: token }).catch(() => undefined);
    }
  }

  private async acquire(name: string, token: string): Promise<void> {
    const started = Date.now();
    for (;;) {
      const now = this.clock.now();
      try {
        await this.locks.findOneAndUpdate(
          { _id: name, until: { $lt: now } },
          { $set: { until: new Date(now.getTime() + leaseMs), owner: token } },
          { upsert: true },
        );
        return;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      if (Date.now() - started > waitLimitMs) throw new Error(`Timed out waiting for lock ${name}`);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
}
