/**
 * The client side of the `stream-caps` benchmark, in a child process of its own (`--expose-gc`), so
 * its memory is the stream's alone: reads one hostile answer from the URL given through the real
 * `fetch` (gzip decoded as the extension host decodes it) and prints, as JSON on its last line, the
 * peak memory growth while reading and the stream's last event.
 * `node --expose-gc streamCapsWorker.js BASE_URL`.
 */
import { streamChat } from '../../src/core/client/streamChat';
import type { StreamEvent } from '../../src/core/types';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

/** What the process holds: JS heap, and memory outside it (buffers, the body's chunks). */
function used(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

async function main(): Promise<void> {
  const baseUrl = process.argv[2];
  // Compile the code paths first, so compiled code does not count as streaming memory.
  gc?.();
  const base = used();
  let peak = 0;
  const sample = (): void => {
    peak = Math.max(peak, used() - base);
  };
  const timer = setInterval(sample, 5);
  // The consumer keeps the answer as the chat transcript does: the deltas, compacted now and then.
  let parts: string[] = [];
  let text = '';
  let last: StreamEvent | undefined;
  let events = 0;
  for await (const e of streamChat(
    { baseUrl },
    { model: 'bench', messages: [{ role: 'user', content: 'x' }] },
    {
      idleTimeoutMs: 60_000,
    },
  )) {
    last = e;
    if (e.type === 'text') {
      parts.push(e.text);
      if (parts.length >= 1000) {
        text += parts.join('');
        parts = [];
      }
    }
    if (++events % 100 === 0) sample();
  }
  sample();
  clearInterval(timer);
  text += parts.join('');
  const end = last?.type === 'error' ? { kind: last.kind, message: last.message } : { kind: last?.type ?? 'none' };
  console.log(JSON.stringify({ peakBytes: peak, textChars: text.length, end }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
