import { MongoError } from 'mongodb';
import { asCodedError } from '../errors.js';
import { GroupedInserts } from '../storage/grouped-inserts.js';
import type { Logger } from '../logger.js';
import { noMetrics, type Metrics } from '../metrics.js';
import type { Clock } from '../ports/clock.js';
import type { LeaseLock } from '../storage/lease-lock.js';
import { Foreground } from '../util/foreground.js';
import { Semaphore } from '../util/semaphore.js';
import { timedOut, within } from '../util/within.js';
import type { InboxDocument, Models } from '../storage/models/index.js';

export interface InboundEvent {
  workspace: string;
  /** The platform's delivery id (Slack event_id, trigger_id; Teams activity id). */
  deliveryKey: string;
  kind: string;
  payload: unknown;
}

export type InboxHandler = (payload: unknown) => Promise<void>;

const maxAttempts = 8;
/** Under Slack's 3 s for an answer, with room for the rest of the request. */
const acceptDeadlineMs = 2_000;
type PendingRecord = Pick<InboxDocument, '_id' | 'kind' | 'payload' | 'attempts'>;
/** A record this replica has just accepted, handled from memory. */
type FreshRecord = PendingRecord & Pick<InboxDocument, 'receivedAt'>;

/**
 * How many accepted events are handled at once in the background. A burst then queues here
 * instead of flooding the database with writers: SQLite, under FerretDB, takes one writer at a time.
 */
const backgroundConcurrency = 4;

/** The recovery sweep leaves fresh records to the replica that accepted them. */
const recoverAfterMs = 5_000;

/**
 * Exactly-once intake: an event is stored (one insert, keyed on its delivery id) before the
 * platform gets its acknowledgement, then handled after. A retry or a second replica hits the
 * primary key; a crash after the acknowledgement leaves a pending record the sweep finishes.
 */
export class Inbox {
  private readonly handlers = new Map<string, InboxHandler>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly background = new Semaphore(backgroundConcurrency);
  private readonly records: GroupedInserts<InboxDocument>;

  /** Background handling gives way to the requests in `foreground` (see Foreground). */
  constructor(
    private readonly models: Pick<Models, 'inbox'>,
    private readonly lock: LeaseLock,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly metrics: Metrics = noMetrics,
    private readonly foreground = new Foreground(),
  ) {
    this.records = new GroupedInserts(models.inbox.collection as never);
  }

  on(kind: string, handler: InboxHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Stores the event; false when this delivery was seen before. Throws when the database is away. */
  accept(event: InboundEvent): Promise<boolean> {
    return this.store(this.recordOf(event));
  }

  /**
   * Accepts, then handles in the background; the caller acknowledges as soon as this returns.
   * Handling starts once the requests in flight are answered (or a short while has passed), so
   * in a burst the acknowledgements still to come do not queue behind its database work.
   */
  async acceptAndDispatch(event: InboundEvent): Promise<boolean> {
    const record = this.recordOf(event);
    const dispatch = (accepted: boolean) => {
      if (!accepted) return;
      this.track(
        this.background.run(async () => {
          await this.foreground.whenQuiet();
          await this.process(record._id, record);
        }),
      );
    };
    const accepted = await this.store(record, dispatch);
    dispatch(accepted);
    return accepted;
  }

  /**
   * The one write on the acknowledgement path, within a deadline: while the database is away the
   * driver waits up to its server selection timeout (5 s), past Slack's 3 s, when Bolt would
   * answer 404 — so a write not taken by then fails as database trouble (a 5xx: Slack retries).
   * A write that still lands after the deadline is `late`'s: the retry finds its key taken.
   */
  private async store(record: InboxDocument, late: (accepted: boolean) => void = () => {}): Promise<boolean> {
    const insert = this.records.insertOnce(record);
    const accepted = await within(insert, acceptDeadlineMs);
    if (accepted !== timedOut) return accepted;
    insert.then(late, () => {});
    throw new MongoError(`the inbox write took over ${acceptDeadlineMs} ms; the database is not answering`);
  }

  /**
   * The record of an event, as the one write on the acknowledgement path stores it: straight to
   * the driver, no document casting, and grouped with the other requests of a burst (one round
   * trip for all of them).
   */
  private recordOf(event: InboundEvent): InboxDocument {
    return {
      _id: `${event.workspace}:${event.deliveryKey}`,
      workspace: event.workspace,
      kind: event.kind,
      payload: JSON.stringify(event.payload),
      state: 'pending',
      attempts: 0,
      notBefore: null,
      lastError: null,
      receivedAt: this.clock.now(),
      doneAt: null,
    };
  }

  /**
   * Handles one record, unless another replica is on it or its retry time has not come. A record
   * this replica has just accepted is handled straight from memory, without a lease: the sweep
   * leaves records alone for `recoverAfterMs`, so nobody else can be on it yet.
   */
  async process(id: string, fresh?: FreshRecord): Promise<void> {
    if (fresh && this.isFresh(fresh)) return this.handle(fresh);
    // Once the outcome is written, a later holder of the lease finds nothing to do: no need to wait for its release.
    await this.lock.tryLock(
      `inbox:${id}`,
      async () => {
        const record = await this.loadPending(id);
        if (record) await this.handle(record);
      },
      { releaseInBackground: true },
    );
  }

  private async handle(record: PendingRecord): Promise<void> {
    const attempts = record.attempts + 1;
    const handler = this.handlers.get(record.kind);
    try {
      if (!handler) throw new Error(`no inbox handler for ${record.kind}`);
      await handler(JSON.parse(record.payload));
      await this.models.inbox.updateOne({ _id: record._id }, { $set: { state: 'done', attempts, doneAt: this.clock.now() } });
      this.metrics.inboxHandled(record.kind, 'done');
    } catch (error) {
      await this.fail(record, attempts, error);
    }
  }

  private isFresh(record: FreshRecord): boolean {
    return this.clock.now().getTime() - record.receivedAt.getTime() < recoverAfterMs / 2;
  }

  private async loadPending(id: string): Promise<PendingRecord | undefined> {
    const record = await this.models.inbox.findById(id).lean<InboxDocument>();
    if (record?.state !== 'pending' || (record.notBefore && record.notBefore > this.clock.now())) return undefined;
    return record;
  }

  private async fail(record: PendingRecord, attempts: number, error: unknown): Promise<void> {
    // A user's mistake will not get better on retry; anything else may (database blip, platform outage).
    const final = asCodedError(error) !== undefined || attempts >= maxAttempts;
    const lastError = error instanceof Error ? error.message : String(error);
    this.metrics.inboxHandled(record.kind, final ? 'failed' : 'retry');
    this.logger[final ? 'warn' : 'error']({ id: record._id, kind: record.kind, attempt: attempts, err: error }, 'inbox: handling failed');
    const now = this.clock.now();
    await this.models.inbox
      .updateOne(
        { _id: record._id },
        final
          ? { $set: { state: 'failed', attempts, lastError, doneAt: now } }
          : { $set: { attempts, lastError, notBefore: new Date(now.getTime() + 2 ** attempts * 1_000) } },
      )
      .catch((e: unknown) => this.logger.error({ err: e }, 'inbox: could not record failure'));
  }

  /** Finishes records whose handling was interrupted (crash, restart, failed attempt). */
  async recover(limit = 100): Promise<number> {
    const now = this.clock.now();
    const stuck = await this.models.inbox
      .find({
        state: 'pending',
        receivedAt: { $lt: new Date(now.getTime() - recoverAfterMs) },
        $or: [{ notBefore: null }, { notBefore: { $lte: now } }],
      })
      .sort({ receivedAt: 1 })
      .limit(limit)
      .lean<InboxDocument[]>();
    for (const record of stuck) await this.process(record._id);
    return stuck.length;
  }

  async purgeDoneBefore(cutoff: Date): Promise<number> {
    const result = await this.models.inbox.deleteMany({ state: { $in: ['done', 'failed'] }, doneAt: { $lt: cutoff } });
    return result.deletedCount;
  }

  /** Waits for background handling to finish (graceful shutdown, tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => this.logger.error({ err: error }, 'inbox: background handling failed'));
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }
}
