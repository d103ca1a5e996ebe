/**
 * Time as the core sees it. Injected so tests of timeouts and retry waits run instantly and
 * deterministically; the default is the real clock.
 */

/** An opaque timer handle. */
export type TimerHandle = unknown;

/** The clock the core uses for idle timeouts, retry waits and `Retry-After` dates. */
export interface Clock {
  /** Epoch milliseconds (HTTP dates in `Retry-After` are resolved against it). */
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/**
 * The real clock. Its timers keep a process alive (a command-line run waiting out a retry must not
 * exit); the core clears every timer it sets when a request ends.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Resolves `true` after `ms`, or `false` as soon as `signal` aborts (at once if it already has).
 * Never rejects.
 */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = (): void => {
      clock.clearTimeout(handle);
      resolve(false);
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Fires `onIdle` once when `touch()` has not been called for `ms`. One timer serves the whole
 * stream: `touch()` only records the time (it runs once per network chunk, so it must be cheap),
 * and the timer re-arms itself for the remainder when it fires early.
 */
export class IdleWatchdog {
  private last: number;
  private handle: TimerHandle | undefined;
  private stopped = false;
  private holding = false;

  constructor(
    private readonly clock: Clock,
    private readonly ms: number,
    private readonly onIdle: () => void,
  ) {
    this.last = clock.now();
    if (ms > 0 && Number.isFinite(ms)) this.arm(ms);
  }

  /** Records activity (a byte arrived). */
  touch(): void {
    this.last = this.clock.now();
  }

  /**
   * Stops counting until {@link release}: time spent waiting for the consumer (a slow terminal, a
   * busy UI) is not the server's silence.
   */
  hold(): void {
    this.holding = true;
  }

  /** Resumes counting from now. */
  release(): void {
    this.holding = false;
    this.last = this.clock.now();
  }

  /** Cancels the watchdog; `onIdle` will not be called afterwards. */
  stop(): void {
    this.stopped = true;
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = undefined;
  }

  private arm(delay: number): void {
    this.handle = this.clock.setTimeout(() => this.check(), delay);
  }

  private check(): void {
    if (this.stopped) return;
    if (this.holding) {
      this.arm(this.ms);
      return;
    }
    const idle = this.clock.now() - this.last;
    if (idle >= this.ms) {
      this.stopped = true;
      this.handle = undefined;
      this.onIdle();
    } else {
      this.arm(this.ms - idle);
    }
  }
}
