/**
 * How long background work waits for a quiet moment before it takes its turn anyway: under a
 * steady stream of requests, at least four events a second are handled (see Inbox) and a message
 * a second sent in each channel (Slack's own pace), while a burst of a few seconds is
 * acknowledged first. Measured in `npm run bench:intake`; 250 ms let the backlog take too much of it.
 */
const defaultMaxWaitMs = 1_000;
/**
 * How long no request must have been in flight for the moment to count as quiet. In a burst the
 * next request is often still unread in the socket when the last one is answered; a gap this
 * long is the burst's end, not a pause between two of its requests.
 */
const quietAfterMs = 20;

/**
 * The requests being answered right now, so that background work can give way to them. A
 * platform times its acknowledgements (Slack gives up after 3 s), and in a burst the handling of
 * the events already accepted — case writes, cards, deliveries — would compete for the same
 * process and database with the acknowledgements still to come. Background steps ask
 * `whenQuiet()` first: while requests keep coming they wait, but never longer than
 * `maxWaitMs`, so a steady stream of requests slows the backlog and never stops it.
 */
export class Foreground {
  private active = 0;
  private quiet = true;
  private quietTimer: NodeJS.Timeout | undefined;
  private readonly waiting = new Set<() => void>();

  constructor(private readonly maxWaitMs = defaultMaxWaitMs) {}

  /** A request begins; the returned function ends it (calling it again does nothing). */
  begin(): () => void {
    this.active += 1;
    this.quiet = false;
    clearTimeout(this.quietTimer);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.active -= 1;
      if (this.active === 0) this.quietTimer = setTimeout(() => this.becomeQuiet(), quietAfterMs).unref();
    };
  }

  /** Resolves at once when the moment is quiet, else when it becomes so or `maxWaitMs` has passed. */
  whenQuiet(): Promise<void> {
    if (this.quiet) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.maxWaitMs);
      this.waiting.add(done);
    });
  }

  private becomeQuiet(): void {
    this.quiet = true;
    for (const wake of [...this.waiting]) wake();
  }
}
