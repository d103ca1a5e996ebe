/** How often and how long the core retries a request that failed before its answer began. */

import type { StreamEvent } from '../types';
import type { EndpointMemory } from './endpointMemory';
import type { ErrorInfo } from './errors';

/** Bounds on automatic retries. Retries happen only before the first byte of an answer. */
export interface RetryPolicy {
  /** Retries after the first request; 0 turns retrying off. */
  retries: number;
  /** The first wait; each later one doubles, up to {@link maxDelayMs}. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** The waits together never exceed this; a longer `Retry-After` ends retrying. */
  maxTotalWaitMs: number;
}

/** Two retries, 1 s then 2 s, at most 20 s of waiting in all (a `Retry-After` may ask for more per wait). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 2,
  baseDelayMs: 1000,
  maxDelayMs: 8000,
  maxTotalWaitMs: 20_000,
};

/**
 * Tracks the retries of one request. {@link next} returns the wait before retry number
 * `done + 1`, or `undefined` when the policy says to stop.
 */
export class RetryBudget {
  private done = 0;
  private waited = 0;

  constructor(private readonly policy: RetryPolicy) {}

  /** The wait before the next retry (the server's `Retry-After` when given), or `undefined` to give up. */
  next(retryAfterMs: number | undefined): number | undefined {
    if (this.done >= this.policy.retries) return undefined;
    const delay = retryAfterMs ?? Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** this.done);
    if (this.waited + delay > this.policy.maxTotalWaitMs) return undefined;
    this.done++;
    this.waited += delay;
    return delay;
  }
}

/** A request that failed before its answer began. */
export interface AttemptFailure {
  info: ErrorInfo;
  /** The failure is transient: the same request may succeed after a wait. */
  retryable: boolean;
  /** The server answered 400 to `stream_options`. */
  streamOptionsRejected?: boolean;
}

/**
 * Decides whether a failed attempt is tried again: once at once without `stream_options` when the
 * server rejected it (remembered in the endpoint memory), else within the retry budget when the
 * failure is transient.
 */
export class RetryState {
  /** Retries announced so far. */
  count = 0;
  private streamOptionsDropped = false;

  constructor(
    private readonly budget: RetryBudget,
    private readonly memory: EndpointMemory,
    private readonly chatUrl: string,
  ) {}

  /** The `retry` event to announce (its `delayMs` is the wait), or `undefined` to give up. */
  after(failure: AttemptFailure): (StreamEvent & { type: 'retry' }) | undefined {
    if (failure.streamOptionsRejected && !this.streamOptionsDropped) {
      this.streamOptionsDropped = true;
      this.memory.rejectStreamOptions(this.chatUrl);
      return {
        type: 'retry',
        attempt: ++this.count,
        delayMs: 0,
        kind: failure.info.kind,
        message:
          'The server does not accept stream_options; sending the request again without it (token usage will not be reported).',
      };
    }
    const delay = failure.retryable ? this.budget.next(failure.info.retryAfterMs) : undefined;
    if (delay === undefined) return undefined;
    return {
      type: 'retry',
      attempt: ++this.count,
      delayMs: delay,
      kind: failure.info.kind,
      message: failure.info.message,
    };
  }
}
