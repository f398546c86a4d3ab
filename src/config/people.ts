import { z } from 'zod';
import { DateTime } from 'luxon';
import { isoDate, timeZone, weeklyHours } from './time.js';

export { weekdays, type Shift, type Weekday } from './time.js';

export const roles = ['consultant', 'agent', 'specialist', 'manager', 'admin'] as const;
export type Role = (typeof roles)[number];

const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id such as U0123ABCD');
const aadObjectId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be an Azure AD object id (a GUID)');
export const skillTag = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a short tag: lowercase letters, digits and dashes');

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
  workingHours: weeklyHours,
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
