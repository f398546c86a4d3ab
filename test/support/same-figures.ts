import { expect } from 'vitest';
import type { Figures } from '../../src/reports/tally.js';

/**
 * Report figures equal to a brute-force computation: means to 1e-6 (a mean is an exact sum over a
 * count, but sums of fractional minutes added and taken out in another order differ in the last
 * bits), everything else exactly. `context` names the comparison when it fails.
 */
export function expectSameFigures(actual: Figures, expected: Figures, context: object = {}): void {
  for (const metric of ['firstResponse', 'resolution'] as const) {
    const [a, b] = [actual[metric].mean, expected[metric].mean];
    const where = `${JSON.stringify(context)} ${metric} mean`;
    expect(a === null, `${where}: measured on one side only`).toBe(b === null);
    if (a !== null && b !== null) expect(Math.abs(a - b), where).toBeLessThan(1e-6);
  }
  const withoutMeans = (f: Figures) => ({ ...f, firstResponse: { ...f.firstResponse, mean: null }, resolution: { ...f.resolution, mean: null } });
  expect({ ...context, figures: withoutMeans(actual) }).toEqual({ ...context, figures: withoutMeans(expected) });
}
