import { describe, expect, it } from 'vitest';
import { Foreground } from '../../src/util/foreground.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long `whenQuiet()` took to resolve, in ms. */
async function waited(foreground: Foreground): Promise<number> {
  const started = performance.now();
  await foreground.whenQuiet();
  return performance.now() - started;
}

describe('the foreground (requests being answered) and background work', () => {
  it('lets background work go at once when no request is in flight', async () => {
    const order: string[] = [];
    const timer = sleep(0).then(() => order.push('next turn of the event loop'));
    await new Foreground(1_000).whenQuiet().then(() => order.push('background'));
    await timer;
    expect(order).toEqual(['background', 'next turn of the event loop']);
  });

  it('holds background work while a request is answered, and lets it go a short quiet moment after the last one', async () => {
    const foreground = new Foreground(5_000);
    const end = foreground.begin();
    let released = false;
    const background = foreground.whenQuiet().then(() => (released = true));
    await sleep(50);
    expect(released).toBe(false);
    // A second request begins before the first ends: still busy.
    const endSecond = foreground.begin();
    end();
    await sleep(50);
    expect(released).toBe(false);
    endSecond();
    endSecond(); // ending twice changes nothing
    await background;
    expect(released).toBe(true);
  });

  it('treats a gap between two requests of a burst as busy, not quiet', async () => {
    const foreground = new Foreground(5_000);
    let released = false;
    foreground.begin()();
    void foreground.whenQuiet().then(() => (released = true));
    foreground.begin()(); // the next request of the burst, right after
    await sleep(1);
    expect(released).toBe(false);
    await sleep(100);
    expect(released).toBe(true);
  });

  it('never holds background work longer than its limit, however steady the stream of requests', async () => {
    const foreground = new Foreground(100);
    let stop = false;
    const stream = (async () => {
      while (!stop) {
        const end = foreground.begin();
        await sleep(2);
        end();
      }
    })();
    const ms = await waited(foreground);
    stop = true;
    await stream;
    expect(ms).toBeGreaterThanOrEqual(95);
    expect(ms).toBeLessThan(1_000);
  });
});
