import { z } from 'zod';
import { DateTime, IANAZone } from 'luxon';

/** Time in the config: zones, weekly hours and dates, shared by people and business calendars. */
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

export const timeZone = z.string().refine((zone) => IANAZone.isValidZone(zone), 'must be an IANA time zone such as Europe/Tallinn');

/** `HH:MM-HH:MM` in local time; `24:00` ends a shift at midnight. */
const shift = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a shift like 09:00-17:00')
  .transform((text) => {
    const [from, to] = text.split('-').map((hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)));
    return { from: from!, to: to! };
  })
  .refine((s) => s.to > s.from, 'must end after it starts (split a night shift over two days)');
export type Shift = z.output<typeof shift>;

const nineToFive = [{ from: 540, to: 1020 }];
/** Per weekday, zero or more shifts (split shifts are several); a missing day is a day off. Default: Mon–Fri 09–17. */
export const weeklyHours = z
  .partialRecord(z.enum(weekdays), z.array(shift))
  .default({ mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive });

export const isoDate = z.string().refine((text) => DateTime.fromISO(text).isValid, 'must be a date (2026-12-24) or a date and time');
