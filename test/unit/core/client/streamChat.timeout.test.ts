/** The idle timeout: no byte for the configured time is an error; comments and keep-alives count as bytes. */
import * as assert from 'node:assert/strict';
import { streamChat } from '../../../../src/core/client/streamChat';
import type { StreamEvent } from '../../../../src/core/types';
import { chunk, collect, FakeClock, responseFrom, scriptedFetch, utf8 } from '../../../helpers/streamHarness';

const endpoint = { baseUrl: 'http://127.0.0.1:9999/v1' };
const request = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] };

/** A fetch that never answers; it honours its signal only when `honourSignal`. */
function silentFetch(honourSignal: boolean) {
  return scriptedFetch(
    (call) =>
      new Promise<Response>((_, reject) => {
        if (honourSignal)
          call.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      }),
  );
}

describe('idle timeout', () => {
  for (const honourSignal of [true, false]) {
    it(`before the response headers (fetch ${honourSignal ? 'honours' : 'ignores'} its signal)`, async () => {
      const clock = new FakeClock();
      const start = clock.now();
      const events = await clock.run(
        collect(streamChat(endpoint, request, { fetch: silentFetch(honourSignal), clock, idleTimeoutMs: 30_000 })),
      );
      assert.equal(events.length, 1);
      const e = events[0];
      assert.ok(e.type === 'error' && e.kind === 'timeout' && !e.interrupted);
      assert.match(e.message, /did not respond within 30 s/);
      assert.equal(clock.now() - start, 30_000);
      assert.equal(clock.pending, 0);
    });
  }

  it('mid-stream: the text so far is kept and the error is interrupted', async () => {
    const clock = new FakeClock();
    async function* body() {
      yield utf8(chunk({ content: 'half an ans' }));
      await new Promise(() => {});
    }
    const events = await clock.run(
      collect(
        streamChat(endpoint, request, { fetch: scriptedFetch(responseFrom(body())), clock, idleTimeoutMs: 10_000 }),
      ),
    );
    assert.deepEqual(events[0], { type: 'text', text: 'half an ans' });
    const e = events[1];
    assert.ok(e.type === 'error' && e.kind === 'timeout' && e.interrupted);
    assert.match(e.message, /sent nothing for 10 s/);
  });

  it('comments and keep-alives count as activity', async () => {
    const clock = new FakeClock();
    async function* body() {
      for (let i = 0; i < 6; i++) {
        await clock.sleep(5000);
        yield utf8(i % 2 ? ': ping\n\n' : ': OPENROUTER PROCESSING\n\n');
      }
      yield utf8(`${chunk({ content: 'worth the wait' }) + chunk({}, 'stop')}data: [DONE]\n\n`);
    }
    const events = await clock.run(
      collect(
        streamChat(endpoint, request, { fetch: scriptedFetch(responseFrom(body())), clock, idleTimeoutMs: 8000 }),
      ),
    );
    assert.deepEqual(events, [
      { type: 'text', text: 'worth the wait' },
      { type: 'finish', reason: 'stop' },
    ]);
  });

  it('a stall after the finish reason (no [DONE]) finishes normally', async () => {
    const clock = new FakeClock();
    async function* body() {
      yield utf8(chunk({ content: 'complete' }) + chunk({}, 'stop'));
      await new Promise(() => {});
    }
    const events = await clock.run(
      collect(
        streamChat(endpoint, request, { fetch: scriptedFetch(responseFrom(body())), clock, idleTimeoutMs: 5000 }),
      ),
    );
    assert.deepEqual(events, [
      { type: 'text', text: 'complete' },
      { type: 'finish', reason: 'stop' },
    ]);
  });

  it('a slow consumer is not the server’s silence', async () => {
    const clock = new FakeClock();
    const fetch = scriptedFetch(
      responseFrom([
        utf8(chunk({ content: 'a' })),
        utf8(chunk({ content: 'b' })),
        utf8(`${chunk({}, 'stop')}data: [DONE]\n\n`),
      ]),
    );
    const events: StreamEvent[] = [];
    await clock.run(
      (async () => {
        for await (const e of streamChat(endpoint, request, { fetch, clock, idleTimeoutMs: 1000 })) {
          events.push(e);
          await clock.sleep(5000);
        }
      })(),
    );
    assert.deepEqual(
      events.map((e) => e.type),
      ['text', 'text', 'finish'],
    );
  });
});
