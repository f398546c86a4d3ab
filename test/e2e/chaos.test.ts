import { describe, expect, it } from 'vitest';
import { runChaos } from '../chaos/chaos.js';

describe('chaos: three tugi processes, kill -9 and a database outage under load', () => {
  it('loses nothing and doubles nothing', { timeout: 300_000 }, async () => {
    const figures = await runChaos({ durationMs: 20_000, killEveryMs: 3_000, messagesPerSecond: 3 });
    console.log(`chaos: ${JSON.stringify({ ...figures, lost: figures.lost.length, doubled: figures.doubled.length })}`);
    expect(figures.kills).toBeGreaterThanOrEqual(3);
    expect(figures.databaseOutageMs).toBeGreaterThan(2_000);
    expect(figures.customerMessages).toBeGreaterThan(30);
    expect(figures.lost).toEqual([]);
    expect(figures.doubled).toEqual([]);
    expect(figures.stuck).toBe(0);
  });
});
