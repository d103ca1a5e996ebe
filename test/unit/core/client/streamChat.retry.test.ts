/**
 * Automatic retries: only before the first byte of an answer, bounded in count and total wait,
 * announced by `retry` events as they happen. Time is virtual.
 */
import * as assert from 'node:assert/strict';
import { type StreamOptions, streamChat } from '../../../../src/core/client/streamChat';
import type { StreamEvent } from '../../../../src/core/types';
import {
  chunk,
  collect,
  FakeClock,
  type FetchStep,
  responseFrom,
  scriptedFetch,
  utf8,
} from '../../../helpers/streamHarness';

const endpoint = { baseUrl: 'http://127.0.0.1:9999/v1' };
const request = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] };

const ok = () => responseFrom([utf8(`${chunk({ content: 'ok' }) + chunk({}, 'stop')}data: [DONE]\n\n`)]);
const status = (s: number, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ error: { message: `status ${s}` } }), {
    status: s,
    headers: { 'content-type': 'application/json', ...headers },
  });
const reset = () =>
  new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });

async function run(steps: FetchStep[], options: StreamOptions = {}) {
  const clock = new FakeClock();
  const start = clock.now();
  const fetch = scriptedFetch(...steps);
  const events = await clock.run(
    collect(streamChat(endpoint, request, { fetch, clock, idleTimeoutMs: 0, ...options })),
  );
  return { events, calls: fetch.calls.length, elapsed: clock.now() - start, clock };
}

const types = (events: StreamEvent[]) =>
  events.map((e) => (e.type === 'retry' ? `retry ${e.attempt} after ${e.delayMs}` : e.type));

describe('retries before the first byte', () => {
  it('retries 503s with doubling waits and reports each retry before waiting', async () => {
    const { events, calls, elapsed } = await run([status(503), status(503), ok()]);
    assert.deepEqual(types(events), ['retry 1 after 1000', 'retry 2 after 2000', 'text', 'finish']);
    assert.equal(calls, 3);
    assert.equal(elapsed, 3000);
    const first = events[0];
    assert.ok(first.type === 'retry' && first.kind === 'server' && /503/.test(first.message));
  });

  it('waits as long as Retry-After says', async () => {
    const { events, elapsed } = await run([status(429, { 'retry-after': '3' }), ok()]);
    assert.deepEqual(types(events), ['retry 1 after 3000', 'text', 'finish']);
    assert.ok(events[0].type === 'retry' && events[0].kind === 'rateLimited');
    assert.equal(elapsed, 3000);
  });

  it('gives up when Retry-After exceeds the total wait allowed, reporting the wait', async () => {
    const { events, calls } = await run([status(429, { 'retry-after': '120' })], { retry: { maxTotalWaitMs: 30_000 } });
    assert.equal(calls, 1);
    assert.equal(events.length, 1);
    const e = events[0];
    assert.ok(e.type === 'error' && e.kind === 'rateLimited' && e.retryAfterMs === 120_000 && !e.interrupted);
  });

  it('stops after the allowed number of retries', async () => {
    const { events, calls } = await run([status(502), status(502), status(502), ok()], { retry: { retries: 2 } });
    assert.deepEqual(types(events), ['retry 1 after 1000', 'retry 2 after 2000', 'error']);
    assert.equal(calls, 3);
  });

  it('bounds the total wait even within the count', async () => {
    const { events, calls } = await run([status(500), status(500), status(500), ok()], {
      retry: { retries: 5, baseDelayMs: 1000, maxTotalWaitMs: 3500 },
    });
    assert.deepEqual(types(events), ['retry 1 after 1000', 'retry 2 after 2000', 'error']);
    assert.equal(calls, 3);
  });

  it('retries a connection reset but not a refused connection or a 4xx', async () => {
    assert.deepEqual(types((await run([reset(), ok()])).events), ['retry 1 after 1000', 'text', 'finish']);
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    });
    assert.deepEqual(types((await run([refused, ok()])).events), ['error']);
    assert.deepEqual(types((await run([status(401), ok()])).events), ['error']);
    assert.deepEqual(types((await run([status(400), ok()])).events), ['error']);
  });

  it('never retries once the answer has begun: the partial text is kept, the error is interrupted', async () => {
    async function* body() {
      yield utf8(chunk({ content: 'partial ' }));
      throw reset();
    }
    const { events, calls } = await run([responseFrom(body()), ok()]);
    assert.equal(calls, 1);
    assert.deepEqual(types(events), ['text', 'error']);
    const e = events[1];
    assert.ok(e.type === 'error' && e.kind === 'network' && e.interrupted);
    assert.match(e.message, /broke during the answer \(ECONNRESET\)/);
  });

  it('a connection cut after the finish reason still finishes', async () => {
    async function* body() {
      yield utf8(chunk({ content: 'done' }) + chunk({}, 'length'));
      throw reset();
    }
    const { events } = await run([responseFrom(body())]);
    assert.deepEqual(events, [
      { type: 'text', text: 'done' },
      { type: 'finish', reason: 'length' },
    ]);
  });

  it('an abort during a retry wait ends the stream at once with finish: abort', async () => {
    const controller = new AbortController();
    const clock = new FakeClock();
    const fetch = scriptedFetch(status(503), ok());
    const events: StreamEvent[] = [];
    await clock.run(
      (async () => {
        for await (const e of streamChat(endpoint, request, {
          fetch,
          clock,
          idleTimeoutMs: 0,
          signal: controller.signal,
        })) {
          events.push(e);
          if (e.type === 'retry') controller.abort();
        }
      })(),
    );
    assert.deepEqual(types(events), ['retry 1 after 1000', 'finish']);
    assert.deepEqual(events[1], { type: 'finish', reason: 'abort' });
    assert.equal(fetch.calls.length, 1);
    assert.equal(clock.pending, 0, 'the wait timer was cleared');
  });
});
