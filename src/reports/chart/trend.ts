import { DateTime } from 'luxon';
import { periodText, type Period } from '../period.js';

/** One bar group of the trend chart: cases opened and (first) resolved in a day, week or month. */
export interface TrendBar {
  label: string;
  opened: number;
  resolved: number;
}

export interface TrendChart {
  title: string;
  /** What the picture shows, in words (alt text for screen readers and for clients without images). */
  summary: string;
  bars: TrendBar[];
}

/** Up to a month a bar per day, up to half a year a bar per week (from Monday), beyond that per month. */
function bucketOf(days: number): 'day' | 'week' | 'month' {
  return days <= 31 ? 'day' : days <= 183 ? 'week' : 'month';
}

/** Short labels under the bars; a month names its year where the year starts, and on the first bar. */
function labelOf(start: DateTime, unit: 'day' | 'week' | 'month', first: boolean): string {
  if (unit === 'day') return start.toFormat('d.M');
  if (unit === 'week') return start.toFormat("'W'W");
  return start.toFormat(first || start.month === 1 ? 'LLL yyyy' : 'LLL');
}

/**
 * Opened vs resolved over the period: the one picture that says more than the report's table
 * (is the team keeping up?). A period of one day has nothing to compare, so it has no chart.
 */
export function trendChart(period: Period, days: Array<{ day: string; opened: number; resolved: number }>, zone: string): TrendChart | null {
  if (days.length < 2) return null;
  const unit = bucketOf(days.length);
  const bars: TrendBar[] = [];
  let current: (TrendBar & { start: string }) | undefined;
  for (const { day, opened, resolved } of days) {
    const start = DateTime.fromISO(day, { zone }).startOf(unit);
    if (current?.start !== start.toISODate()) {
      current = { start: start.toISODate()!, label: labelOf(start, unit, bars.length === 0), opened: 0, resolved: 0 };
      bars.push(current);
    }
    current.opened += opened;
    current.resolved += resolved;
  }
  const opened = bars.reduce((sum, b) => sum + b.opened, 0);
  const resolved = bars.reduce((sum, b) => sum + b.resolved, 0);
  return {
    title: `Cases opened and resolved per ${unit}, ${periodText(period)}`,
    summary: `${opened} opened and ${resolved} resolved between ${period.from} and ${period.to}, per ${unit}.`,
    bars: bars.map(({ label, opened: o, resolved: r }) => ({ label, opened: o, resolved: r })),
  };
}
