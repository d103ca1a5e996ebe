/**
 * The request client the features use: the core's client with the user's timeouts and usage setting.
 */

import type { StreamFn } from '../../core/chat';
import { EndpointMemory, listModels, streamChat, withRequestTimeout } from '../../core/client';
import type { EndpointConfig } from '../../core/types';
import { readRequestSettings } from '../settings';

/** Lists an endpoint's models (`GET /models`); rejects with an error whose message a user can act on. */
export type ModelsFn = (endpoint: EndpointConfig, options?: { signal?: AbortSignal }) => Promise<string[]>;

/** With `rill.reportUsage` off, no endpoint is asked for usage (`stream_options` is never sent). */
class NoUsageMemory extends EndpointMemory {
  override allowsStreamOptions(): boolean {
    return false;
  }
}

/**
 * The request functions the features use: the core's client with the user's idle and request
 * timeouts and usage setting, read per request. Requests use the extension host's global `fetch`,
 * which VS Code (1.96 and later) routes through `http.proxy` and the system proxy settings.
 */
export function createClient(log: (line: string) => void): { stream: StreamFn; listModels: ModelsFn } {
  const memory = new EndpointMemory();
  const noUsage = new NoUsageMemory();
  const raw: StreamFn = (endpoint, request, { signal }) => {
    const s = readRequestSettings();
    // The core redacts keys from every line it logs.
    return streamChat(endpoint, request, {
      signal,
      idleTimeoutMs: s.idleTimeoutMs,
      memory: s.reportUsage ? memory : noUsage,
      log,
    });
  };
  return {
    stream: withRequestTimeout(raw, () => readRequestSettings().requestTimeoutMs),
    listModels,
  };
}
