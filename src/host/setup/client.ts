/**
 * The request client the features use: the core's client with the user's timeouts and usage setting.
 */
import { EndpointMemory } from '../../core/client';
import { listModels } from '../../core/client';
import { withRequestTimeout } from '../../core/client';
import type { StreamFn } from '../../core/chat';
import { streamChat } from '../../core/client';
import type { ModelsFn } from '../services';
import { readRequestSettings } from '../settings';

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
