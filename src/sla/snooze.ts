import { DateTime } from 'luxon';
import { ValidationFailedError } from '../errors.js';

/** Longest snooze: a nag postponed further is a case nobody means to work on. */
const maxSnoozeDays = 30;
/** Named days resume at the start of the working day. */
const morningHour = 9;
const dayNames = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const units = { m: 'minutes', h: 'hours', d: 'days' } as const;

export const snoozeChoices = ['1h', '4h', 'tomorrow', 'monday'] as const;

/**
 * When a snooze ends: `2h`, `30m`, `3d` from now; `tomorrow` or a weekday (`monday`) at 09:00 in
 * the asker's time zone — a weekday always means the next one, a week ahead when it is today.
 */
export function snoozeUntil(text: string, now: Date, timeZone: string): Date {
  const word = text.trim().toLowerCase();
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  let until: DateTime | undefined;
  const relative = /^(\d{1,4})\s*([mhd])$/.exec(word);
  if (relative) until = local.plus({ [units[relative[2] as keyof typeof units]]: Number(relative[1]) });
  else if (word === 'tomorrow') until = local.plus({ days: 1 }).set({ hour: morningHour, minute: 0, second: 0, millisecond: 0 });
  else if (dayNames.includes(word)) {
    const ahead = ((dayNames.indexOf(word) + 1 - local.weekday + 7) % 7) || 7;
    until = local.plus({ days: ahead }).set({ hour: morningHour, minute: 0, second: 0, millisecond: 0 });
  }
  if (!until || until <= local) {
    throw new ValidationFailedError([`Snooze for a time like \`2h\`, \`30m\`, \`3d\`, or until \`tomorrow\` or a weekday such as \`monday\` (not \`${text.slice(0, 20)}\`).`]);
  }
  if (until > local.plus({ days: maxSnoozeDays })) throw new ValidationFailedError([`Snooze for at most ${maxSnoozeDays} days.`]);
  return until.toJSDate();
}
