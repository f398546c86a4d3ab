import { DateTime } from 'luxon';
import { outOfOfficeBounds, weekdays, type PersonConfig } from '../config/people.js';

export type Unavailability = 'off_hours' | 'out_of_office';

/** Why a person cannot be asked at `at` (their own time zone), or undefined when they can. */
export function unavailability(person: PersonConfig, at: Date): Unavailability | undefined {
  const local = DateTime.fromJSDate(at, { zone: person.timeZone });
  const away = person.outOfOffice.some((range) => {
    const { from, to } = outOfOfficeBounds(range, person.timeZone);
    return local >= from && local <= to;
  });
  if (away) return 'out_of_office';
  const shifts = person.workingHours[weekdays[local.weekday - 1]!] ?? [];
  const minute = local.hour * 60 + local.minute;
  return shifts.some((shift) => minute >= shift.from && minute < shift.to) ? undefined : 'off_hours';
}
