/** What `within` gives when the time ran out first. */
export const timedOut = Symbol('timed out');

/** What `work` gives within `ms`, or `timedOut` (the work itself goes on; its outcome is the caller's to take). */
export async function within<T>(work: Promise<T>, ms: number): Promise<T | typeof timedOut> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<typeof timedOut>((resolve) => {
        timer = setTimeout(() => resolve(timedOut), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
