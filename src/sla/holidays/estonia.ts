import { DateTime } from 'luxon';

/**
 * Estonia's public holidays (riigipühad, Public Holidays and Days of National Importance Act) for
 * a year, as ISO dates: a ready list for business calendars, and an example of writing one.
 */
export function estonianHolidays(year: number): string[] {
  const easter = easterSunday(year);
  const date = (month: number, day: number) => DateTime.fromObject({ year, month, day }).toISODate()!;
  return [
    date(1, 1), // uusaasta
    date(2, 24), // iseseisvuspäev
    easter.minus({ days: 2 }).toISODate()!, // suur reede
    easter.toISODate()!, // ülestõusmispühade 1. püha
    date(5, 1), // kevadpüha
    easter.plus({ days: 49 }).toISODate()!, // nelipühade 1. püha
    date(6, 23), // võidupüha
    date(6, 24), // jaanipäev
    date(8, 20), // taasiseseisvumispäev
    date(12, 24), // jõululaupäev
    date(12, 25), // esimene jõulupüha
    date(12, 26), // teine jõulupüha
  ].sort();
}

/** Western Easter Sunday (the anonymous Gregorian computus). */
function easterSunday(year: number): DateTime {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.fromObject({ year, month, day });
}
