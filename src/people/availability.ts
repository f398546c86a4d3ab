import { DateTime } from 'luxon';
import { outOfOfficeBounds, weekdays, type PersonConfig } from '../config/people.js';
import { BusinessCalendar } from '../sla/calendar.js';

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

const calendars = new WeakMap<PersonConfig, BusinessCalendar | null>();

/** A person's working hours as a calendar (null for someone with none: they are never waited for). */
function calendarOf(person: PersonConfig): BusinessCalendar | null {
  if (!calendars.has(person)) {
    const hasHours = weekdays.some((day) => (person.workingHours[day] ?? []).length > 0);
    calendars.set(person, hasHours ? new BusinessCalendar(person.timeZone, person.workingHours) : null);
  }
  return calendars.get(person)!;
}

/**
 * The first moment at or after `at` that the person works: inside their hours in their own zone
 * and not out of office. Nags to a person wait until then.
 */
export function workingFrom(person: PersonConfig, at: Date): Date {
  const calendar = calendarOf(person);
  if (!calendar) return at;
  let candidate = calendar.addBusinessMinutes(at, 0);
  // Each absence skipped moves past its end; a bounded number covers any sane config.
  for (let skipped = 0; skipped <= person.outOfOffice.length; skipped += 1) {
    const local = DateTime.fromJSDate(candidate, { zone: person.timeZone });
    const away = person.outOfOffice.map((range) => outOfOfficeBounds(range, person.timeZone)).find(({ from, to }) => local >= from && local <= to);
    if (!away) return candidate;
    candidate = calendar.addBusinessMinutes(away.to.plus({ milliseconds: 1 }).toJSDate(), 0);
  }
  return candidate;
}
