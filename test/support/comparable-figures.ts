import type { Figures } from '../../src/reports/tally.js';

/**
 * Figures with means rounded to 6 decimals: a mean is an exact sum over a count, but sums of
 * fractional minutes added (and taken out) in another order differ in the last bits.
 */
export function comparable(figures: Figures): Figures {
  const round = (mean: number | null) => (mean === null ? null : Math.round(mean * 1e6) / 1e6);
  return {
    ...figures,
    firstResponse: { ...figures.firstResponse, mean: round(figures.firstResponse.mean) },
    resolution: { ...figures.resolution, mean: round(figures.resolution.mean) },
  };
}
