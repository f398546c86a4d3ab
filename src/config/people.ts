import { z } from 'zod';
import { DateTime, IANAZone } from 'luxon';

export const roles = ['consultant', 'agent', 'specialist', 'manager', 'admin'] as const;
export type Role = (typeof roles)[number];

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id such as U0123ABCD');
const aadObjectId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be an Azure AD object id (a GUID)');
export const skillTag = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a short tag: lowercase letters, digits and dashes');

const timeZone = z.string().refine((zone) => IANAZone.isValidZone(zone), 'must be an IANA time zone such as Europe/Tallinn');

/** `HH:MM-HH:MM` in the person's own time zone; `24:00` ends a shift at midnight. */
const shift = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a shift like 09:00-17:00')
  .transform((text) => {
    const [from, to] = text.split('-').map((hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)));
    return { from: from!, to: to! };
  })
  .refine((s) => s.to > s.from, 'must end after it starts (split a night shift over two days)');
export type Shift = z.output<typeof shift>;

/** Per weekday, zero or more shifts (split shifts are several); a missing day is a day off. */
const workingHours = z
  .partialRecord(z.enum(weekdays), z.array(shift))
  .default({ mon: [{ from: 540, to: 1020 }], tue: [{ from: 540, to: 1020 }], wed: [{ from: 540, to: 1020 }], thu: [{ from: 540, to: 1020 }], fri: [{ from: 540, to: 1020 }] });

const isoDate = z.string().refine((text) => DateTime.fromISO(text).isValid, 'must be a date (2026-12-24) or a date and time');

/** Inclusive dates: `to: 2026-12-31` means through the end of that day in the person's zone. */
const outOfOffice = z
  .object({ from: isoDate, to: isoDate, note: z.string().max(200).optional() })
  .refine((range) => range.from <= range.to, 'from must not be after to');

export const personSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lowercase letters, digits, dots, dashes'),
  name: z.string().min(1),
  roles: z.array(z.enum(roles)).min(1),
  skills: z.array(skillTag).default([]),
  slackUserId: slackUserId.optional(),
  teams: z.object({ aadObjectId, name: z.string().min(1).optional() }).optional(),
  email: z.email().optional(),
  timeZone: timeZone.default('UTC'),
  workingHours,
  outOfOffice: z.array(outOfOffice).default([]),
  /** Most active cases this person should hold at once (assigned or pulled in). */
  capacity: z.number().int().min(0).max(1000).default(10),
});

export type PersonConfig = z.infer<typeof personSchema>;

/** Parses an out-of-office bound in the person's zone; dates cover the whole day. */
export function outOfOfficeBounds(range: PersonConfig['outOfOffice'][number], zone: string): { from: DateTime; to: DateTime } {
  const from = DateTime.fromISO(range.from, { zone });
  const to = DateTime.fromISO(range.to, { zone });
  return { from, to: range.to.length <= 10 ? to.endOf('day') : to };
}
