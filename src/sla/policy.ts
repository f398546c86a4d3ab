import type { Priority } from '../config/workspace.js';

/** A target in minutes, counted in business time or on the wall clock. */
export interface SlaTarget {
  minutes: number;
  business: boolean;
}

export interface SlaPolicy {
  firstResponse: SlaTarget;
  resolution: SlaTarget;
}

const businessDay = 8 * 60;
const calendarDay = 24 * 60;

/** PRODUCT.md flow 5 defaults. */
export const defaultSlaPolicies: Record<Priority, SlaPolicy> = {
  P1: { firstResponse: { minutes: 30, business: false }, resolution: { minutes: 4 * 60, business: false } },
  P2: { firstResponse: { minutes: 60, business: false }, resolution: { minutes: 8 * 60, business: false } },
  P3: { firstResponse: { minutes: 4 * 60, business: true }, resolution: { minutes: businessDay, business: true } },
  P4: { firstResponse: { minutes: businessDay, business: true }, resolution: { minutes: 3 * businessDay, business: true } },
};

/** Splits a target into the largest whole unit a customer reads easily. */
export function describeTarget(target: SlaTarget): { amount: number; unit: 'minute' | 'hour' | 'day'; business: boolean } {
  if (target.business && target.minutes % businessDay === 0) {
    return { amount: target.minutes / businessDay, unit: 'day', business: true };
  }
  if (!target.business && target.minutes >= calendarDay && target.minutes % calendarDay === 0) {
    return { amount: target.minutes / calendarDay, unit: 'day', business: false };
  }
  if (target.minutes % 60 === 0) return { amount: target.minutes / 60, unit: 'hour', business: target.business };
  return { amount: target.minutes, unit: 'minute', business: target.business };
}

/** A target `factor` times as long (the n-th stale interval, a quarter of a target). */
export function scaleTarget(target: SlaTarget, factor: number): SlaTarget {
  return { ...target, minutes: Math.round(target.minutes * factor) };
}
