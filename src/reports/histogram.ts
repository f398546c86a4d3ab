/**
 * Fixed-bucket histograms for durations (minutes), so reports can merge days by adding counts and
 * read medians and p90 without the raw values. Bucket edges grow by `growth` from 1 minute, so a
 * percentile read from a histogram is within ±`relativeError` of the exact value (values under a
 * minute fall in the first bucket and read as 0–1 minute).
 */
export const histogramSpec = {
  growth: 1.1,
  /** Edges up to about 190 days; longer durations share the last bucket. */
  buckets: 120,
} as const;

/** Half a bucket either way: the largest relative difference between a value and its bucket's midpoint. */
export const relativeError = (histogramSpec.growth - 1) / 2;

export type Histogram = number[];

export function emptyHistogram(): Histogram {
  return new Array<number>(histogramSpec.buckets).fill(0);
}

/** The bucket a duration falls in: 0 for under a minute, then log-spaced. */
export function bucketOf(minutes: number): number {
  if (!(minutes >= 1)) return 0;
  const index = 1 + Math.floor(Math.log(minutes) / Math.log(histogramSpec.growth));
  return Math.min(index, histogramSpec.buckets - 1);
}

/** The value a bucket stands for: the geometric midpoint of its edges. */
export function bucketValue(index: number): number {
  if (index === 0) return 0.5;
  const low = histogramSpec.growth ** (index - 1);
  return low * Math.sqrt(histogramSpec.growth);
}

export function add(histogram: Histogram, minutes: number, count = 1): void {
  histogram[bucketOf(minutes)]! += count;
}

export function merge(into: Histogram, other: Histogram): void {
  for (let i = 0; i < into.length; i += 1) into[i]! += other[i] ?? 0;
}

export function total(histogram: Histogram): number {
  return histogram.reduce((sum, count) => sum + count, 0);
}

/**
 * The p-th percentile (nearest rank, like the exact computation over raw values), read as the
 * midpoint of the bucket holding that rank; undefined for an empty histogram.
 */
export function percentile(histogram: Histogram, p: number): number | undefined {
  const n = total(histogram);
  if (n === 0) return undefined;
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  let seen = 0;
  for (let i = 0; i < histogram.length; i += 1) {
    seen += histogram[i]!;
    if (seen >= rank) return bucketValue(i);
  }
  return bucketValue(histogram.length - 1);
}

/** The exact nearest-rank percentile of raw values: what the histogram's answer is checked against. */
export function exactPercentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1];
}
