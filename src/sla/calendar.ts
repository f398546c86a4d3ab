import { DateTime } from 'luxon';
import { weekdays, type Shift, type Weekday } from '../config/people.js';

export type WeeklyHours = Partial<Record<Weekday, Shift[]>>;

/** Safety bound for walking a calendar that has (almost) no working time. */
const maxDaysWalked = 3 * 366;
const minuteMs = 60_000;

/**
 * Business time in one time zone: weekly hours (several shifts a day allowed) minus holidays.
 * Intervals are built from local wall times and then measured as real instants, so a shift that
 * spans a DST change lasts as long as it really does (the missing hour is not worked, the doubled
 * hour is worked twice).
 */
export class BusinessCalendar {
  private readonly holidays: Set<string>;

  constructor(
    readonly timeZone: string,
    private readonly hours: WeeklyHours,
    holidays: Iterable<string> = [],
  ) {
    this.holidays = new Set(holidays);
    if (!weekdays.some((day) => (hours[day] ?? []).length > 0)) throw new Error('A business calendar needs working hours on at least one weekday');
  }

  /** The instant `minutes` of business time after `start` (start itself when minutes is 0). */
  addBusinessMinutes(start: Date, minutes: number): Date {
    let remainingMs = minutes * minuteMs;
    let day = DateTime.fromJSDate(start, { zone: this.timeZone }).startOf('day');
    for (let walked = 0; walked < maxDaysWalked; walked += 1, day = day.plus({ days: 1 })) {
      for (const [from, to] of this.intervalsOn(day)) {
        const begin = Math.max(from, start.getTime());
        if (begin >= to) continue;
        if (remainingMs <= to - begin) return new Date(begin + remainingMs);
        remainingMs -= to - begin;
      }
    }
    throw new Error(`No business time within ${maxDaysWalked} days of ${start.toISOString()}`);
  }

  /** Business minutes between two instants (0 when `to` is not after `from`). */
  businessMinutesBetween(from: Date, to: Date): number {
    if (to <= from) return 0;
    let totalMs = 0;
    let day = DateTime.fromJSDate(from, { zone: this.timeZone }).startOf('day');
    const last = DateTime.fromJSDate(to, { zone: this.timeZone }).startOf('day');
    for (; day <= last; day = day.plus({ days: 1 })) {
      for (const [start, end] of this.intervalsOn(day)) {
        totalMs += Math.max(0, Math.min(end, to.getTime()) - Math.max(start, from.getTime()));
      }
    }
    return totalMs / minuteMs;
  }

  /** Is `at` inside business hours? */
  isOpen(at: Date): boolean {
    const day = DateTime.fromJSDate(at, { zone: this.timeZone }).startOf('day');
    return this.intervalsOn(day).some(([from, to]) => at.getTime() >= from && at.getTime() < to);
  }

  /** The working intervals of one local day, as [start, end) in epoch milliseconds. */
  private intervalsOn(day: DateTime): Array<[number, number]> {
    if (this.holidays.has(day.toISODate()!)) return [];
    const shifts = this.hours[weekdays[day.weekday - 1]!] ?? [];
    return shifts.map((shift) => [this.localMinute(day, shift.from), this.localMinute(day, shift.to)]);
  }

  /** The instant of a local wall time (minutes after midnight; 1440 is the next midnight). */
  private localMinute(day: DateTime, minute: number): number {
    if (minute >= 24 * 60) return day.plus({ days: 1 }).toMillis();
    // A wall time inside a spring-forward gap does not exist; luxon moves it past the gap.
    return DateTime.fromObject(
      { year: day.year, month: day.month, day: day.day, hour: Math.floor(minute / 60), minute: minute % 60 },
      { zone: this.timeZone },
    ).toMillis();
  }
}
