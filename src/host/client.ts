import { SetupError, type StreamFn } from '../core/session';
import { withRequestTimeout } from '../core/requestTimeout';
import type { ModelsFn } from './services';
import { readRequestSettings } from './settings';

// Replaced by the streaming core's client when it lands.
// eslint-disable-next-line require-yield
const streamChat: StreamFn = async function* () {
  throw new SetupError('The streaming client is not part of this build yet.');
};
const listModels: ModelsFn = async () => {
  throw new SetupError('The streaming client is not part of this build yet.');
};

/**
 * The request functions the features use: the core's client with the user's timeouts, usage
 * reporting and the extension host's `fetch` (which VS Code routes through `http.proxy`).
 */
export function createClient(): { stream: StreamFn; listModels: ModelsFn } {
  return { stream: withRequestTimeout(streamChat, () => readRequestSettings().requestTimeoutMs), listModels };
}
