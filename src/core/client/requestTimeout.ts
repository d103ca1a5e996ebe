/**
 * A limit on how long a whole answer may take (`rill.requestTimeoutSeconds`), on top of the
 * stream client's idle timeout, which only notices silence. When the limit passes, the request
 * is aborted and the stream ends with a `timeout` error instead of looking like the user's stop.
 */
import { type Clock, systemClock } from '../base';
import type { StreamEvent } from '../types';
import type { StreamFn } from './target';

/**
 * The default whole-answer limit, in seconds, of the extension (`rill.requestTimeoutSeconds`, same
 * default in package.json) and of the command-line tool (`--max-time`): without one, a server that
 * sends a keep-alive comment every few seconds keeps a request alive forever, since keep-alives
 * rightly reset the idle timer.
 */
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 600;

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
  return (endpoint, request, options) => {
    const ms = limitMs();
    // No limit: the stream itself, not a generator around it (a hop per event is measurable in
    // a fast answer: the CLI streamed 24 MB about 10% slower through one).
    return ms > 0
      ? limited(stream, endpoint, request, options, ms, clock, limitName)
      : stream(endpoint, request, options);
  };
}

/** The stream with the limit applied: aborted after `ms`, ending with a `timeout` error. */
async function* limited(
  stream: StreamFn,
  endpoint: Parameters<StreamFn>[0],
  request: Parameters<StreamFn>[1],
  options: Parameters<StreamFn>[2],
  ms: number,
  clock: Clock,
  limitName: string,
): AsyncGenerator<StreamEvent, void, undefined> {
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
