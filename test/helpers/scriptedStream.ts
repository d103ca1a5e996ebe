/** A stand-in for the streaming client in unit tests of the chat session: it plays scripts. */
import type { StreamFn } from '../../src/core/client';
import type { ChatRequest, StreamEvent } from '../../src/core/types';

/** A stream that plays one script per request; it records each request and honours the abort signal. */
export function scripted(...scripts: StreamEvent[][]) {
  const requests: ChatRequest[] = [];
  const fn: StreamFn = async function* (_e, request, { signal }) {
    requests.push(request);
    const script = scripts.shift() ?? [];
    for (const ev of script) {
      await new Promise((r) => setTimeout(r, 1));
      if (signal.aborted) {
        yield { type: 'finish', reason: 'abort' };
        return;
      }
      yield ev;
    }
  };
  return { fn, requests };
}
