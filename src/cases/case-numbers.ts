import { insertedOnce } from '../storage/inserted-once.js';
import type { CaseDocument, Models } from '../storage/models/index.js';

/** The most numbers one claim takes: the burst a process serves from one database write. */
const maxRun = 64;

interface Waiter {
  resolve(number: number): void;
  reject(error: unknown): void;
}

interface Pool {
  next: number;
  end: number;
  /** Numbers taken but not used (the case already existed): handed out again first. */
  returned: number[];
  waiting: Waiter[];
  claiming: boolean;
}

/**
 * Case numbers without contention between replicas, and without transactions. A process claims a
 * run of numbers with one unique insert, as long as the openers waiting right then (one, when
 * cases come one at a time), and hands them out itself. Two processes claiming the same start:
 * one insert wins, the other reads the winner's run by `_id` and claims from its end — so each
 * opener costs at most one claim, not a retry per rival. Gaps: the unused rest of a run when its
 * process stops before its waiters are served (a crash mid-burst, at most 63 numbers), and a
 * number an opener took while losing a race to open the same case on another replica, until
 * that process opens its next case.
 */
export class CaseNumbers {
  private readonly pools = new Map<string, Promise<Pool>>();

  constructor(private readonly models: Pick<Models, 'caseNumbers' | 'cases'>) {}

  async next(workspace: string): Promise<number> {
    const pool = await this.poolOf(workspace);
    const reused = pool.returned.shift();
    if (reused !== undefined) return reused;
    return new Promise((resolve, reject) => {
      pool.waiting.push({ resolve, reject });
      this.serve(workspace, pool);
    });
  }

  /** A number that was taken but not used goes back, so it does not become a gap. */
  async giveBack(workspace: string, number: number): Promise<void> {
    (await this.poolOf(workspace)).returned.unshift(number);
  }

  private serve(workspace: string, pool: Pool): void {
    while (pool.waiting.length > 0 && pool.next < pool.end) pool.waiting.shift()!.resolve(pool.next++);
    if (pool.waiting.length === 0 || pool.claiming) return;
    pool.claiming = true;
    this.claim(workspace, pool.end, Math.min(maxRun, pool.waiting.length)).then(
      (run) => {
        Object.assign(pool, run, { claiming: false });
        this.serve(workspace, pool);
      },
      (error: unknown) => {
        pool.claiming = false;
        for (const waiter of pool.waiting.splice(0)) waiter.reject(error);
      },
    );
  }

  /** Claims `size` numbers at the first free start from `start` on, following the runs others claimed. */
  private async claim(workspace: string, start: number, size: number): Promise<{ next: number; end: number }> {
    let at = start;
    for (;;) {
      const run = { _id: `${workspace}:${at}`, workspace, start: at, end: at + size };
      if (await insertedOnce(this.models.caseNumbers.create(run))) {
        // Only a hint: any run's end is a valid place to start looking, so a stale one costs a few reads.
        await this.models.caseNumbers.updateOne({ _id: `${workspace}:head` }, { $max: { end: run.end }, $setOnInsert: { workspace, start: 0 } }, { upsert: true });
        return { next: run.start, end: run.end };
      }
      const taken = await this.models.caseNumbers.findById(run._id).lean();
      at = taken!.end;
    }
  }

  /** Where this process starts looking: the hint, or (before any run was claimed) after the highest case number. */
  private poolOf(workspace: string): Promise<Pool> {
    let pool = this.pools.get(workspace);
    if (!pool) {
      pool = (async () => {
        const head = await this.models.caseNumbers.findById(`${workspace}:head`).lean();
        const last = head ? undefined : await this.models.cases.findOne({ workspace }).sort({ number: -1 }).lean<CaseDocument>();
        const start = head?.end ?? (last?.number ?? 0) + 1;
        return { next: start, end: start, returned: [], waiting: [], claiming: false };
      })();
      pool.catch(() => this.pools.delete(workspace));
      this.pools.set(workspace, pool);
    }
    return pool;
  }
}
