import type { PersonConfig } from '../config/people.js';
import { unavailability, type Unavailability } from '../people/availability.js';

/** What the routing rules know of a person besides the config: their load and when they were last picked. */
export interface Workload {
  activeCases: number;
  lastPickedAt: Date | null;
}

export type SkipReason = Unavailability | 'at_capacity';

const skipWords: Record<SkipReason, string> = {
  off_hours: 'outside working hours',
  out_of_office: 'out of office',
  at_capacity: 'at capacity',
};

/** Why people were passed over, for the thread: "Ann is out of office; Tom is at capacity". */
export function describeSkips(skipped: Ranked['skipped']): string {
  return skipped.map((s) => `${s.person.name} is ${skipWords[s.reason]}`).join('; ');
}

export interface Ranked {
  available: PersonConfig[];
  skipped: { person: PersonConfig; reason: SkipReason }[];
}

const idle: Workload = { activeCases: 0, lastPickedAt: null };

/**
 * Splits candidates into who can be asked now — least loaded first; ties go to whoever was picked
 * longest ago (never-picked first), which rotates work fairly — and who is skipped, and why.
 */
export function rankAvailable(candidates: PersonConfig[], workloads: ReadonlyMap<string, Workload>, now: Date): Ranked {
  const ranked: Ranked = { available: [], skipped: [] };
  for (const person of candidates) {
    const reason = unavailability(person, now);
    const load = workloads.get(person.id) ?? idle;
    if (reason) ranked.skipped.push({ person, reason });
    else if (load.activeCases >= person.capacity) ranked.skipped.push({ person, reason: 'at_capacity' });
    else ranked.available.push(person);
  }
  const work = (person: PersonConfig) => workloads.get(person.id) ?? idle;
  ranked.available.sort(
    (a, b) =>
      work(a).activeCases - work(b).activeCases ||
      (work(a).lastPickedAt?.getTime() ?? -Infinity) - (work(b).lastPickedAt?.getTime() ?? -Infinity) ||
      a.id.localeCompare(b.id),
  );
  return ranked;
}
