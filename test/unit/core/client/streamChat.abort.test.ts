/** Cancellation: by AbortSignal, and by leaving the loop. */
import * as assert from 'node:assert/strict';
import { streamChat } from '../../../../src/core/client/streamChat';
import type { StreamEvent } from '../../../../src/core/types';
import { chunk, collect, responseFrom, scriptedFetch, settle, utf8 } from '../../../helpers/streamHarness';

const endpoint = { baseUrl: 'http://127.0.0.1:9999/v1' };
const request = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] };

/** A body that sends two deltas and then hangs; records whether the reader cancelled it. */
function hangingBody() {
  const state = { cancelled: false };
  const chunks = [utf8(chunk({ content: 'one ' })), utf8(chunk({ content: 'two ' }))];
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.shift();
      if (next) controller.enqueue(next);
      else return new Promise<void>(() => {});
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { state, response: new Response(body, { headers: { 'content-type': 'text/event-stream' } }) };
}

describe('cancellation', () => {
  it('breaking out of the loop aborts the request and cancels the body', async () => {
    const { state, response } = hangingBody();
    const fetch = scriptedFetch(response);
    for await (const e of streamChat(endpoint, request, { fetch, idleTimeoutMs: 0 })) {
      assert.equal(e.type, 'text');
      break;
    }
    await settle();
    assert.equal(fetch.calls[0].signal?.aborted, true);
    assert.equal(state.cancelled, true);
  });

  it('aborting the signal mid-stream keeps the text and finishes with reason abort', async () => {
    const { state, response } = hangingBody();
    const fetch = scriptedFetch(response);
    const controller = new AbortController();
    const events: StreamEvent[] = [];
    for await (const e of streamChat(endpoint, request, { fetch, signal: controller.signal, idleTimeoutMs: 0 })) {
      events.push(e);
      if (events.length === 2) setTimeout(() => controller.abort(), 5);
    }
    assert.deepEqual(events, [
      { type: 'text', text: 'one ' },
      { type: 'text', text: 'two ' },
      { type: 'finish', reason: 'abort' },
    ]);
    await settle();
    assert.equal(fetch.calls[0].signal?.aborted, true);
    assert.equal(state.cancelled, true);
  });

  it('aborting before the headers arrive finishes with reason abort', async () => {
    const controller = new AbortController();
    const fetch = scriptedFetch(() => new Promise<Response>(() => {}));
    const pending = collect(streamChat(endpoint, request, { fetch, signal: controller.signal, idleTimeoutMs: 0 }));
    await settle();
    controller.abort();
    assert.deepEqual(await pending, [{ type: 'finish', reason: 'abort' }]);
  });

  it('an already aborted signal sends nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const fetch = scriptedFetch();
    assert.deepEqual(await collect(streamChat(endpoint, request, { fetch, signal: controller.signal })), [
      { type: 'finish', reason: 'abort' },
    ]);
    assert.equal(fetch.calls.length, 0);
  });

  it('nothing is sent until iteration starts', async () => {
    const fetch = scriptedFetch(responseFrom([utf8(chunk({ content: 'x' }, 'stop'))]));
    const stream = streamChat(endpoint, request, { fetch, idleTimeoutMs: 0 });
    await settle();
    assert.equal(fetch.calls.length, 0);
    assert.deepEqual(await collect(stream), [
      { type: 'text', text: 'x' },
      { type: 'finish', reason: 'stop' },
    ]);
  });
});
