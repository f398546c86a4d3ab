/** Time is injected so SLA and nag rules can be tested without sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * The real time moved forward on demand: a test reaches hours-away due points without waiting,
 * and the sandbox's fast clock shows a newcomer a day of nags in a minute.
 */
export class OffsetClock implements Clock {
  private offset = 0;

  now(): Date {
    return new Date(Date.now() + this.offset);
  }

  advance(ms: number): void {
    this.offset += ms;
  }

  /** How far ahead of the real time this clock runs. */
  get offsetMs(): number {
    return this.offset;
  }

  reset(offsetMs = 0): void {
    this.offset = offsetMs;
  }
}
