import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { trendPng } from '../../src/reports/chart/png.js';
import { niceStep, trendSvg } from '../../src/reports/chart/svg.js';
import { trendChart } from '../../src/reports/chart/trend.js';

/** `n` days from `from`, opened i and resolved 1 on day i. */
function days(from: string, n: number) {
  return Array.from({ length: n }, (_, i) => ({ day: DateTime.fromISO(from).plus({ days: i }).toISODate()!, opened: i, resolved: 1 }));
}

describe('the trend chart: opened vs resolved over a report period', () => {
  it.each([
    // [days, first day, bars, first label, unit]
    [7, '2026-11-23', 7, '23.11', 'day'],
    [31, '2026-10-01', 31, '1.10', 'day'],
    // Weeks start on Monday: 2026-10-01 is a Thursday, so the first week is cut short.
    [92, '2026-10-01', 14, 'W40', 'week'],
    [366, '2026-01-01', 13, 'Jan 2026', 'month'],
  ])('%i days from %s → %i bars, the first labelled %s (per %s)', (n, from, bars, label, unit) => {
    const period = { from, to: DateTime.fromISO(from).plus({ days: n - 1 }).toISODate()! };
    const chart = trendChart(period, days(from, n), 'Europe/Tallinn')!;
    expect(chart.bars).toHaveLength(bars);
    expect(chart.bars[0]!.label).toBe(label);
    expect(chart.title).toBe(`Cases opened and resolved per ${unit}, ${period.from} – ${period.to}`);
    // Bucketing moves counts, never loses them.
    expect(chart.bars.reduce((sum, b) => sum + b.opened, 0)).toBe((n * (n - 1)) / 2);
    expect(chart.bars.reduce((sum, b) => sum + b.resolved, 0)).toBe(n);
  });

  it('labels weeks by ISO number across a new year, and names a month’s year on the first bar and where a year starts', () => {
    const chart = trendChart({ from: '2026-11-01', to: '2027-02-28' }, days('2026-11-01', 120), 'UTC')!;
    expect(chart.bars.map((b) => b.label)).toEqual(['W44', 'W45', 'W46', 'W47', 'W48', 'W49', 'W50', 'W51', 'W52', 'W53', 'W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7', 'W8']);
    const year = trendChart({ from: '2026-11-01', to: '2027-10-31' }, days('2026-11-01', 365), 'UTC')!;
    expect(year.bars.slice(0, 4).map((b) => b.label)).toEqual(['Nov 2026', 'Dec', 'Jan 2027', 'Feb']);
  });

  it('has nothing to draw for a single day', () => {
    expect(trendChart({ from: '2026-11-23', to: '2026-11-23' }, days('2026-11-23', 1), 'UTC')).toBeNull();
  });

  it.each([
    [0, 1],
    [4, 1],
    [9, 2],
    [23, 5],
    [180, 50],
    [1234, 500],
  ])('a maximum of %i gets value-axis steps of %i', (max, step) => {
    expect(niceStep(max)).toBe(step);
  });

  it('draws a bar per series and value, escapes text, and rasterises to a PNG twice its size', () => {
    const chart = { title: 'Cases <&> "quoted"', summary: 'two days', bars: [{ label: 'a', opened: 3, resolved: 0 }, { label: 'b', opened: 1, resolved: 2 }] };
    const svg = trendSvg(chart);
    expect(svg).toContain('Cases &#60;&#38;&#62; &#34;quoted&#34;');
    expect(svg).toContain('aria-label="two days"');
    expect(svg.match(/<rect x="\d/g)).toHaveLength(4 + 2); // 2 bars × 2 series, and the legend's 2 swatches
    const png = trendPng(chart);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(1600); // IHDR width: 800 drawn, at 2×
    expect(trendPng(chart, 1).readUInt32BE(16)).toBe(800);
  });
});
