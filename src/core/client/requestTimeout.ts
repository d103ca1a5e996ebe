/**
 * A limit on how long a whole answer may take (`rill.requestTimeoutSeconds`), on top of the
 * stream client's idle timeout, which only notices silence. When the limit passes, the request
 * is aborted and the stream ends with a `timeout` error instead of looking like the user's stop.
 */
import { type Clock, systemClock } from '../base';
import type { StreamEvent } from '../types';
import type { StreamFn } from './target';

/** How the extension's message names the limit, so a user knows what to change. */
const SETTING_NAME = 'the request time limit (setting rill.requestTimeoutSeconds)';

/**
 * Wraps `stream` so each request ends after `limitMs()` milliseconds (read per request, so a
 * changed setting applies to the next one; 0 or less means no limit). The `timeout` error keeps
 * what arrived (`interrupted` when text came) and names the limit as `limitName` says.
 */
export function withRequestTimeout(
  stream: StreamFn,
  limitMs: () => number,
  clock: Clock = systemClock,
  limitName: string = SETTING_NAME,
): StreamFn {
  return async function* (endpoint, request, options) {
    const ms = limitMs();
    if (!(ms > 0)) {
      yield* stream(endpoint, request, options);
      return;
    }
    const limit = new AbortController();
    // The request ends when the caller aborts or the limit is reached, whichever comes first.
    const signal = AbortSignal.any([options.signal, limit.signal]);
    let timedOut = false;
    const timer = clock.setTimeout(() => {
      timedOut = true;
      limit.abort();
    }, ms);
    let text = false;
    let ended = false;
    try {
      for await (const ev of stream(endpoint, request, { ...options, signal })) {
        if (timedOut && !options.signal.aborted && ev.type === 'finish' && ev.reason === 'abort') {
          yield timeoutEvent(ms, text, limitName);
          return;
        }
        if (ev.type === 'text' || ev.type === 'reasoning') text = true;
        if (ev.type === 'finish' || ev.type === 'error') ended = true;
        yield ev;
      }
      if (!ended && timedOut && !options.signal.aborted) yield timeoutEvent(ms, text, limitName);
    } finally {
      clock.clearTimeout(timer);
    }
  };
}

function timeoutEvent(ms: number, interrupted: boolean, limitName: string): StreamEvent {
  const seconds = Math.round(ms / 100) / 10;
  return {
    type: 'error',
    kind: 'timeout',
    message: `The answer took longer than ${seconds} s, ${limitName}, and was stopped.${interrupted ? ' The text that arrived is kept.' : ''}`,
    interrupted,
  };
}
