import type { Inbox } from '../inbox/inbox.js';
import type { OutboxRepository } from '../outbox/outbox.repository.js';
import type { DueQueue } from '../reminders/due-queue.js';
import type { Clock } from '../ports/clock.js';
import type { LeaseLock } from '../storage/lease-lock.js';

/** How long processed inbox records and sent messages are kept (the dedupe horizon). */
export const retentionDays = 7;

/** Purges old bookkeeping with a scheduled job, since TTL indexes are outside the portable subset. */
export async function purgeOldRecords(deps: { inbox: Inbox; outbox: OutboxRepository; lock: LeaseLock; dueQueue: DueQueue; clock: Clock }) {
  const cutoff = new Date(deps.clock.now().getTime() - retentionDays * 86_400_000);
  return {
    inbox: await deps.inbox.purgeDoneBefore(cutoff),
    outbox: await deps.outbox.purgeFinishedBefore(cutoff),
    lockMarkers: await deps.lock.purgeMarkersBefore(cutoff),
    dueSlots: await deps.dueQueue.purgeBefore(cutoff),
  };
}
