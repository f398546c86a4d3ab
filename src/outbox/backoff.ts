/** Exponential backoff with full jitter, capped, so a recovering platform is not stampeded. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = 1_000 * 2 ** Math.min(attempt - 1, 10);
  const capped = Math.min(base, 10 * 60_000);
  return Math.round(capped / 2 + random() * (capped / 2));
}

export const maxDeliveryAttempts = 12;
