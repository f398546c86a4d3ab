import { describe, expect, it } from 'vitest';
import { titleFromText } from '../../src/cases/index.js';
import { retryDelayMs } from '../../src/outbox/backoff.js';
import { ChannelPacer } from '../../src/outbox/index.js';

describe('titles from message text', () => {
  it.each([
    ['VPN down\nmore detail', 'VPN down'],
    ['\n\n  first real line  \nsecond', 'first real line'],
    ['<@U123> can you   help', 'can you help'],
    ['', 'Message from Ann'],
    ['<@U123>', 'Message from Ann'],
    ['x'.repeat(300), `${'x'.repeat(119)}…`],
  ])('%j becomes %j', (text, title) => {
    expect(titleFromText(text, 'Message from Ann')).toBe(title);
  });
});

describe('retry backoff', () => {
  it.each([
    [1, 500, 1_000],
    [2, 1_000, 2_000],
    [5, 8_000, 16_000],
    [30, 300_000, 600_000],
  ])('attempt %d waits between %d and %d ms', (attempt, min, max) => {
    expect(retryDelayMs(attempt, () => 0)).toBe(min);
    expect(retryDelayMs(attempt, () => 1)).toBe(max);
  });
});

describe('channel pacer', () => {
  it('spaces sends per channel and honours a pause', () => {
    const pacer = new ChannelPacer(1_000);
    pacer.sent('C1', 0);
    expect(pacer.waitFor('C1', 400)).toBe(600);
    expect(pacer.waitFor('C2', 400)).toBe(0);
    pacer.pause('C2', 5_000);
    expect(pacer.waitFor('C2', 1_000)).toBe(4_000);
  });
});
