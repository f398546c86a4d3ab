import { describe, expect, it } from 'vitest';
import { add, bucketOf, emptyHistogram, exactPercentile, merge, percentile, relativeError, total } from '../../src/reports/histogram.js';

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

describe('duration histograms', () => {
  it('puts under a minute in the first bucket and grows the buckets geometrically', () => {
    expect([0, 0.5, 1, 1.09, 1.11, 60, 1e9].map(bucketOf)).toEqual([0, 0, 1, 1, 2, 43, 119]);
  });

  it('reads medians and p90 within the stated error of the exact values, and merges by adding', () => {
    const next = random(7);
    for (let trial = 0; trial < 50; trial += 1) {
      const values = Array.from({ length: 1 + Math.floor(next() * 400) }, () => 1 + next() ** 3 * 20_000);
      const [a, b] = [emptyHistogram(), emptyHistogram()];
      values.forEach((v, i) => add(i % 2 ? a : b, v));
      merge(a, b);
      expect(total(a)).toBe(values.length);
      for (const p of [50, 90]) {
        const exact = exactPercentile(values, p)!;
        const read = percentile(a, p)!;
        expect(Math.abs(read - exact) / exact).toBeLessThanOrEqual(relativeError + 1e-9);
      }
    }
  });

  it('has no percentile without values', () => {
    expect(percentile(emptyHistogram(), 50)).toBeUndefined();
    expect(exactPercentile([], 90)).toBeUndefined();
  });
});
