import { randomUUID } from 'node:crypto';
import { insertedOnce } from './inserted-once.js';
import type { Clock } from '../ports/clock.js';
import type { LockModel } from './models/lock.model.js';

const leaseMs = 15_000;
const pollMs = 20;
const waitLimitMs = 20_000;

/**
 * Short leases in the database that serialise work on one thing (a case, an outbox message, an
 * inbox record) across replicas.
 *
 * Acquiring is a plain insert on a unique `_id`, the one write every MongoDB-compatible server
 * makes atomic: FerretDB 1.x on SQLite applies updates (and findOneAndUpdate) as an unisolated
 * read-modify-write, so conditional updates cannot serve as claims. A lease whose holder died
 * is taken over through a second unique insert (a takeover marker), so only one waiter breaks it.
 */
export interface Lease {
  release(): Promise<void>;
}

export class LeaseLock {
  private readonly owner = randomUUID();

  constructor(
    private readonly locks: LockModel,
    private readonly clock: Clock,
  ) {}

  /** Runs `task` holding the lease, waiting for it if another holder has it. */
  async withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
    const started = Date.now();
    for (;;) {
      const lease = await this.acquire(name);
      if (lease) {
        try {
          return await task();
        } finally {
          await lease.release();
        }
      }
      if (Date.now() - started > waitLimitMs) throw new Error(`Timed out waiting for lock ${name}`);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  /**
   * Runs `task` if the lease is free right now; `{ ran: false }` when someone else holds it.
   * `releaseInBackground` returns without waiting for the release: for tasks whose outcome is
   * already recorded, so a later holder would find nothing left to do.
   */
  async tryLock<T>(
    name: string,
    task: () => Promise<T>,
    options: { releaseInBackground?: boolean } = {},
  ): Promise<{ ran: true; value: T } | { ran: false }> {
    const lease = await this.acquire(name);
    if (!lease) return { ran: false };
    try {
      return { ran: true, value: await task() };
    } finally {
      const released = lease.release();
      if (!options.releaseInBackground) await released;
    }
  }

  /** Takes the lease if it is free right now, for a holder that releases it itself (never throws on release). */
  async acquire(name: string): Promise<Lease | undefined> {
    const token = await this.tryAcquire(name);
    if (!token) return undefined;
    const acquiredAt = Date.now();
    return { release: () => this.release(name, token, Date.now() - acquiredAt < leaseMs / 2).catch(() => undefined) };
  }

  /**
   * Deletes the lease. Well within its time it is surely still ours, so it is deleted by `_id`
   * alone (the one filter FerretDB pushes down); after a long task, only if nobody took it over.
   */
  private async release(name: string, token: string, surelyOurs: boolean): Promise<void> {
    if (!surelyOurs && (await this.locks.findById(name).lean<{ owner: string }>())?.owner !== token) return;
    await this.locks.deleteOne({ _id: name });
  }

  private async tryAcquire(name: string): Promise<string | undefined> {
    const token = `${this.owner}:${randomUUID()}`;
    const now = this.clock.now();
    if (await insertedOnce(this.locks.create({ _id: name, owner: token, until: new Date(now.getTime() + leaseMs) }))) return token;
    const held = await this.locks.findById(name).lean<{ owner: string; until: Date }>();
    if (held && held.until < now) await this.breakExpired(name, held.owner);
    return undefined;
  }

  private async breakExpired(name: string, expiredOwner: string): Promise<void> {
    const marker = { _id: `${name}#takeover#${expiredOwner}`, owner: this.owner, until: this.clock.now() };
    if (!(await insertedOnce(this.locks.create(marker)))) return; // another waiter is breaking it
    const held = await this.locks.findById(name).lean<{ owner: string }>();
    if (held?.owner === expiredOwner) await this.locks.deleteOne({ _id: name });
  }

  /** Removes takeover markers; they only matter while the lease they broke was being replaced. */
  async purgeMarkersBefore(cutoff: Date): Promise<number> {
    const result = await this.locks.deleteMany({ _id: { $regex: /#takeover#/ }, until: { $lt: cutoff } });
    return result.deletedCount;
  }
}
