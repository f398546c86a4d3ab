import type { Types } from 'mongoose';
import type { Logger } from '../logger.js';
import type { NewOutboxEntry, OutboxRepository } from '../outbox/outbox.repository.js';
import type { Clock } from '../ports/clock.js';
import { insertedOnce } from '../storage/inserted-once.js';
import type { LeaseLock } from '../storage/lease-lock.js';
import type { Models } from '../storage/models/index.js';
import type { TimelineEntry } from './case.repository.js';

/** An intent older than this has lost its writer (a lease lasts 15 s). */
const abandonedAfterMs = 30_000;

export interface CaseChangeEffects {
  workspace: string;
  caseId: Types.ObjectId;
  /** The version the change gives the case. */
  version: number;
  event: TimelineEntry;
  messages: NewOutboxEntry[];
}

/**
 * A case change and what it causes, without transactions (FerretDB has none): the effects — the
 * timeline entry and the outbox messages, all with deterministic keys — are written first as an
 * intent, then the case, then the effects themselves, then the intent is removed. A crash at any
 * point leaves either no change (the intent names a version the case never reached: dropped) or
 * a change whose intent is still there (its effects stored again: keys already stored are
 * skipped). Nothing is lost, nothing doubled.
 */
export class CaseEffects {
  constructor(
    private readonly deps: { models: Pick<Models, 'caseIntents' | 'caseEvents' | 'cases'>; outbox: OutboxRepository; lock: LeaseLock; clock: Clock; logger: Logger; kickDelivery: () => void },
  ) {}

  /** Before the change: the intent (replacing one a crashed writer left for the same version, which never happened). */
  async record(effects: CaseChangeEffects): Promise<void> {
    const { workspace, caseId, version } = effects;
    const intent = { workspace, caseId, version, event: JSON.stringify(effects.event), messages: JSON.stringify(effects.messages), createdAt: this.deps.clock.now() };
    await this.deps.models.caseIntents.replaceOne({ _id: intentId(caseId, version) }, intent, { upsert: true });
  }

  /** After the change: the effects, then the intent goes. */
  async apply(effects: CaseChangeEffects): Promise<void> {
    await insertedOnce(this.deps.models.caseEvents.create({ workspace: effects.workspace, caseId: effects.caseId, ...effects.event, data: effects.event.data ?? {} }));
    if (effects.messages.length > 0) {
      await this.deps.outbox.insertMany(effects.messages, this.deps.clock.now());
      this.deps.kickDelivery();
    }
    await this.deps.models.caseIntents.deleteOne({ _id: intentId(effects.caseId, effects.version) });
  }

  /** The crash backstop: finishes (or drops) the intents whose writers went away. Returns how many of each. */
  async recover(): Promise<{ finished: number; dropped: number }> {
    const before = new Date(this.deps.clock.now().getTime() - abandonedAfterMs);
    const stale = await this.deps.models.caseIntents.find({ createdAt: { $lt: before } }).lean();
    const outcome = { finished: 0, dropped: 0 };
    for (const intent of stale) {
      await this.deps.lock.withLock(`case:${String(intent.caseId)}`, async () => {
        const doc = await this.deps.models.cases.findById(intent.caseId, { version: 1 }).lean<{ version: number }>();
        const effects = { workspace: intent.workspace, caseId: intent.caseId, version: intent.version, event: revive(JSON.parse(intent.event) as TimelineEntry), messages: JSON.parse(intent.messages) as NewOutboxEntry[] };
        if (doc && doc.version >= intent.version) {
          await this.apply(effects);
          outcome.finished += 1;
        } else {
          await this.deps.models.caseIntents.deleteOne({ _id: intent._id });
          outcome.dropped += 1;
        }
      });
    }
    if (stale.length > 0) this.deps.logger.warn(outcome, 'case changes left unfinished by a stopped process: recovered');
    return outcome;
  }
}

const intentId = (caseId: Types.ObjectId, version: number) => `${String(caseId)}:v${version}`;

/** The entry's time comes back from JSON as text. */
const revive = (entry: TimelineEntry): TimelineEntry => ({ ...entry, at: new Date(entry.at) });
