import { z } from 'zod';
import { isoDate, timeZone, weeklyHours } from './time.js';

export const priorities = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof priorities)[number];

/** A business day, for targets written in business days: this many business hours. */
export const businessDayMinutes = 8 * 60;

const units = { minute: 1, hour: 60, day: 24 * 60 } as const;

/**
 * An SLA target as people write it: `30 minutes`, `4 hours`, `2 days` (wall clock) or
 * `4 business hours`, `1 business day` (counted in the calendar's working time; a business day
 * is 8 business hours).
 */
export const slaTarget = z.string().transform((text, ctx) => {
  const match = /^\s*(\d+)\s+(business\s+)?(minute|hour|day)s?\s*$/i.exec(text);
  if (!match || Number(match[1]) <= 0) {
    ctx.addIssue({ code: 'custom', message: 'must be a duration like "30 minutes", "4 hours" or "1 business day"' });
    return z.NEVER;
  }
  const amount = Number(match[1]);
  const business = Boolean(match[2]);
  const unit = match[3]!.toLowerCase() as keyof typeof units;
  return { minutes: business && unit === 'day' ? amount * businessDayMinutes : amount * units[unit], business };
});

/** Overrides of the default SLA policy, per priority and target. */
export const slaOverrides = z
  .partialRecord(z.enum(priorities), z.object({ firstResponse: slaTarget.optional(), resolution: slaTarget.optional() }))
  .default({});

export const publicHolidaySets = ['estonia'] as const;

/** A team's business calendar: its zone, weekly hours and holidays. */
export const calendarSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes'),
  timeZone,
  hours: weeklyHours,
  /** Extra days off (dates). */
  holidays: z.array(isoDate).default([]),
  /** A ready list of a country's public holidays, added for every year. */
  publicHolidays: z.enum(publicHolidaySets).optional(),
});

/** When tugi nags (PRODUCT.md flow 5); every field has a default. */
export const nagsSchema = z
  .object({
    staleAfter: z.partialRecord(z.enum(priorities), slaTarget).default({}),
    escalateAfterNags: z.number().int().min(1).max(20).default(3),
    specialistReplyWithin: slaTarget.optional(),
    remindCustomerAfter: slaTarget.optional(),
    resolveAfterReminder: slaTarget.optional(),
  })
  .default({ staleAfter: {}, escalateAfterNags: 3 });

export type NagsConfig = z.infer<typeof nagsSchema>;
export type CalendarConfig = z.infer<typeof calendarSchema>;
export type SlaOverrides = z.infer<typeof slaOverrides>;
