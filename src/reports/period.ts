import { DateTime } from 'luxon';
import { ValidationFailedError } from '../errors.js';

export interface Period {
  from: string;
  to: string;
}

const maxDays = 366;

/** A period as `parsePeriod` reads it back (`2026-10-01..2026-12-31`): what buttons carry. */
export function periodWord(period: Period): string {
  return `${period.from}..${period.to}`;
}

/** A period as people read it: one day, or `from – to`. */
export function periodText(period: Period): string {
  return period.from === period.to ? period.from : `${period.from} – ${period.to}`;
}
const usage = 'Name a period: `today`, `week` (since Monday), `month` (since the 1st) or `2026-10-01..2026-12-31`.';

/** A report period in the team's zone; `week` and `month` run to today. */
export function parsePeriod(word: string | undefined, now: Date, zone: string): Period {
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const span = (from: DateTime) => ({ from: from.toISODate()!, to: today.toISODate()! });
  switch ((word ?? 'week').toLowerCase()) {
    case 'today':
      return span(today);
    case 'week':
      return span(today.startOf('week'));
    case 'month':
      return span(today.startOf('month'));
  }
  const match = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(word ?? '');
  const [from, to] = match ? [DateTime.fromISO(match[1]!, { zone }), DateTime.fromISO(match[2]!, { zone })] : [];
  if (!from?.isValid || !to?.isValid) throw new ValidationFailedError([usage]);
  if (to < from) throw new ValidationFailedError(['The period ends before it starts.']);
  if (to.diff(from, 'days').days >= maxDays) throw new ValidationFailedError([`Keep a report to ${maxDays} days or less.`]);
  return { from: from.toISODate()!, to: to.toISODate()! };
}
