import type { Logger } from '../logger.js';
import { insertedOnce } from '../storage/inserted-once.js';
import { Semaphore } from '../util/semaphore.js';
import type { DueSlotDocument, Models } from '../storage/models/index.js';

const minuteMs = 60_000;
const minutesPerHour = 60;
/** Minutes re-read behind the cursor on every sweep: slots filed late by a replica whose clock runs behind. */
const trailingMinutes = 2;
/** A sweep after a long outage walks at most this many minutes (empty hours cost one lookup); the next sweep goes on. */
const maxMinutesPerSweep = 30 * 24 * 60;
const maxSlotsPerMinute = 1_000_000;
/** Handlers run at once within a minute: database round trips overlap, the cases differ. */
const handlersAtOnce = 4;
/** A point whose handling keeps failing is tried again each minute, this many times. */
const maxAttempts = 5;

export interface DuePointRef {
  workspace: string;
  caseId: string;
  key: string;
  at: Date;
}

export type DueSlot = DueSlotDocument;

/**
 * Due points filed by minute under primary keys (see due-slot.model.ts). Filing is one unique
 * insert; a sweep reads each minute since its cursor by `_id`, so its cost follows the minutes
 * passed and the points due — never the number of open cases.
 *
 * Slots are never edited: a case that moves on files a new one, and its handler skips the old.
 * The handler must be idempotent (the trailing window hands it recent slots again); tugi's
 * handlers are, because what they produce is keyed by the due point.
 */
export class DueQueue {
  /** Next free slot number per minute, in this process; other replicas' slots are skipped by the unique key. */
  private readonly nextFree = new Map<string, number>();
  private readonly cursorSet = new Set<string>();
  /** Hours this process has marked as having slots. */
  private readonly hoursMarked = new Set<string>();

  constructor(
    private readonly models: Pick<Models, 'dueSlots' | 'dueCursors' | 'dueHours'>,
    private readonly logger?: Logger,
  ) {}

  /** Files a due point; a point already past is filed in the current minute. Returns the slot's id. */
  async file(point: DuePointRef, now: Date, attempts = 0): Promise<string> {
    const minute = Math.max(Math.floor(point.at.getTime() / minuteMs), Math.floor(now.getTime() / minuteMs));
    await this.ensureCursor(point.workspace, minute - 1);
    await this.markHour(point.workspace, Math.floor(minute / minutesPerHour));
    const prefix = `${point.workspace}|${minute}|`;
    for (let n = this.nextFree.get(prefix) ?? 0; n < maxSlotsPerMinute; n += 1) {
      const id = `${prefix}${n}`;
      if (await insertedOnce(this.models.dueSlots.create({ _id: id, ...point, attempts }))) {
        this.nextFree.set(prefix, n + 1);
        return id;
      }
    }
    throw new Error(`minute ${minute} has no free due slot`);
  }

  /**
   * Hands every slot due by `now` to `handle`, minute by minute from the cursor (less the trailing
   * window), and moves the cursor to the last complete minute. A failing slot is logged and filed
   * again a minute later; the others go on.
   */
  async sweep(workspace: string, now: Date, handle: (slot: DueSlot) => Promise<void>): Promise<{ minutes: number; examined: number; handled: number }> {
    const nowMinute = Math.floor(now.getTime() / minuteMs);
    const cursor = (await this.models.dueCursors.findById(workspace).lean<{ minute: number }>())?.minute;
    if (cursor === undefined) return { minutes: 0, examined: 0, handled: 0 }; // nothing was ever filed
    const first = cursor - trailingMinutes + 1;
    const last = Math.min(nowMinute, first + maxMinutesPerSweep);
    const stats = { minutes: 0, examined: 0, handled: 0 };
    let checkedHour = Number.NaN;
    for (let minute = first; minute <= last; minute += 1) {
      const hour = Math.floor(minute / minutesPerHour);
      if (hour !== checkedHour) {
        checkedHour = hour;
        // An hour nobody filed a slot in is skipped whole (its marker is written before any slot).
        if (!(await this.models.dueHours.exists({ _id: `${workspace}|${hour}` }))) {
          minute = Math.min(last, (hour + 1) * minutesPerHour - 1);
          continue;
        }
      }
      stats.minutes += 1;
      // Slots of one minute are about different cases (or are skipped by their handler): handled side by side.
      const running: Promise<void>[] = [];
      const lanes = new Semaphore(handlersAtOnce);
      for (let n = 0; n < maxSlotsPerMinute; n += 1) {
        const slot = await this.models.dueSlots.findById(`${workspace}|${minute}|${n}`).lean<DueSlot>();
        if (!slot) break;
        stats.examined += 1;
        if (slot.at > now) continue;
        running.push(lanes.run(() => this.handleOne(slot, now, handle)));
        stats.handled += 1;
      }
      await Promise.all(running);
    }
    // The current minute may still get slots: the cursor stops before it.
    const done = Math.min(last, nowMinute - 1);
    if (done > cursor) await this.models.dueCursors.updateOne({ _id: workspace }, { $set: { minute: done } });
    return stats;
  }

  private async handleOne(slot: DueSlot, now: Date, handle: (slot: DueSlot) => Promise<void>): Promise<void> {
    try {
      await handle(slot);
    } catch (error) {
      const attempts = slot.attempts + 1;
      const log = { err: error, slot: slot._id, caseId: slot.caseId, key: slot.key, attempts };
      if (attempts >= maxAttempts) {
        this.logger?.error(log, 'due point failed for good');
        return;
      }
      this.logger?.warn(log, 'due point failed; trying again in a minute');
      await this.file({ workspace: slot.workspace, caseId: slot.caseId, key: slot.key, at: new Date(now.getTime() + minuteMs) }, now, attempts);
    }
  }

  /** Slots of minutes long swept (kept a while for the record). */
  async purgeBefore(cutoff: Date): Promise<number> {
    const hourMarkers = await this.models.dueHours.deleteMany({ at: { $lt: new Date(cutoff.getTime() - minutesPerHour * minuteMs) } });
    return (await this.models.dueSlots.deleteMany({ at: { $lt: cutoff } })).deletedCount + hourMarkers.deletedCount;
  }

  private async markHour(workspace: string, hour: number): Promise<void> {
    const id = `${workspace}|${hour}`;
    if (this.hoursMarked.has(id)) return;
    await insertedOnce(this.models.dueHours.create({ _id: id, at: new Date(hour * minutesPerHour * minuteMs) }));
    this.hoursMarked.add(id);
  }

  /** The first filing in a workspace starts its cursor just before that minute. */
  private async ensureCursor(workspace: string, minute: number): Promise<void> {
    if (this.cursorSet.has(workspace)) return;
    await insertedOnce(this.models.dueCursors.create({ _id: workspace, minute }));
    this.cursorSet.add(workspace);
  }
}
