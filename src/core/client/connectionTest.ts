/**
 * `Rill: Test Connection`: one small chat request through the same client as real questions, so it
 * checks the base URL, the key, the model, the network and the proxy together. It stops at the
 * first token: the latency reported is the time to the answer's first token.
 */

import type { EndpointConfig, ErrorKind } from '../types';
import type { StreamFn } from './target';

/** The outcome of a connection test. */
export type ConnectionResult =
  | { ok: true; latencyMs: number; model: string }
  | { ok: false; latencyMs: number; model: string; kind: ErrorKind; message: string; status?: number };

/** The question sent: short, and answerable by any chat model. */
export const TEST_PROMPT = 'Reply with the single word OK.';

/**
 * Sends {@link TEST_PROMPT} to `model` at `endpoint` and reports the first token's latency or the
 * error the stream reported. Aborting `signal` ends the test as a failure of kind `timeout`.
 */
export async function testConnection(
  stream: StreamFn,
  endpoint: EndpointConfig,
  model: string,
  options: { signal?: AbortSignal; now?: () => number } = {},
): Promise<ConnectionResult> {
  const now = options.now ?? Date.now;
  // The caller's signal goes to the stream as it is; leaving the loop early ends the request.
  const signal = options.signal ?? new AbortController().signal;
  const started = now();
  try {
    for await (const ev of stream(
      endpoint,
      { model, messages: [{ role: 'user', content: TEST_PROMPT }] },
      { signal },
    )) {
      switch (ev.type) {
        case 'text':
        case 'reasoning':
        case 'toolCall':
          // Leaving the loop aborts the rest of the answer: one token proves the connection.
          return { ok: true, latencyMs: now() - started, model };
        case 'finish':
          if (ev.reason === 'abort')
            return {
              ok: false,
              latencyMs: now() - started,
              model,
              kind: 'timeout',
              message: 'The test was cancelled.',
            };
          return { ok: true, latencyMs: now() - started, model };
        case 'error':
          return {
            ok: false,
            latencyMs: now() - started,
            model,
            kind: ev.kind,
            message: ev.message,
            status: ev.status,
          };
        default:
          break;
      }
    }
    return {
      ok: false,
      latencyMs: now() - started,
      model,
      kind: 'protocol',
      message: 'The server ended the answer without sending anything.',
    };
  } catch (e) {
    return {
      ok: false,
      latencyMs: now() - started,
      model,
      kind: 'api',
      message: e instanceof Error ? e.message : String(e),
    };
  }
}
