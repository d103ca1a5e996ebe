/** stream_options: sent by default, dropped once (and remembered) when a server rejects it. */
import * as assert from 'node:assert/strict';
import { EndpointMemory } from '../../../../src/core/client/endpointMemory';
import { streamChat } from '../../../../src/core/client/streamChat';
import { chunk, collect, responseFrom, scriptedFetch, utf8 } from '../../../helpers/streamHarness';

const endpoint = { baseUrl: 'http://127.0.0.1:9999/v1/' };
const request = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] };
const ok = () => responseFrom([utf8(`${chunk({ content: 'ok' }, 'stop')}data: [DONE]\n\n`)]);
const rejected = () =>
  new Response(
    JSON.stringify({
      object: 'error',
      message:
        "[{'type': 'extra_forbidden', 'loc': ('body', 'stream_options'), 'msg': 'Extra inputs are not permitted'}]",
      code: 400,
    }),
    {
      status: 400,
      headers: { 'content-type': 'application/json' },
    },
  );

describe('stream_options', () => {
  it('is sent by default with include_usage', async () => {
    const fetch = scriptedFetch(ok());
    await collect(streamChat(endpoint, request, { fetch, memory: new EndpointMemory(), idleTimeoutMs: 0 }));
    assert.deepEqual(fetch.calls[0].body.stream_options, { include_usage: true });
    assert.equal(fetch.calls[0].body.stream, true);
    assert.equal(fetch.calls[0].url, 'http://127.0.0.1:9999/v1/chat/completions');
  });

  it('a 400 naming it is retried once without it, and remembered for the endpoint', async () => {
    const memory = new EndpointMemory();
    const fetch = scriptedFetch(rejected(), ok(), ok());
    const events = await collect(streamChat(endpoint, request, { fetch, memory, idleTimeoutMs: 0 }));
    assert.deepEqual(
      events.map((e) => e.type),
      ['retry', 'text', 'finish'],
    );
    assert.ok(events[0].type === 'retry' && events[0].delayMs === 0 && /stream_options/.test(events[0].message));
    assert.deepEqual(fetch.calls[0].body.stream_options, { include_usage: true });
    assert.equal('stream_options' in fetch.calls[1].body, false);
    // The next request to the same endpoint leaves it out from the start.
    await collect(streamChat({ baseUrl: 'http://127.0.0.1:9999/v1' }, request, { fetch, memory, idleTimeoutMs: 0 }));
    assert.equal('stream_options' in fetch.calls[2].body, false);
  });

  it('is retried only once: a second rejection is an error', async () => {
    const fetch = scriptedFetch(rejected(), rejected());
    const events = await collect(
      streamChat(endpoint, request, { fetch, memory: new EndpointMemory(), idleTimeoutMs: 0 }),
    );
    assert.deepEqual(
      events.map((e) => e.type),
      ['retry', 'error'],
    );
    assert.ok(events[1].type === 'error' && events[1].kind === 'api' && events[1].status === 400);
  });

  it('another 400 is not retried', async () => {
    const fetch = scriptedFetch(new Response('{"error":{"message":"messages: field required"}}', { status: 400 }));
    const events = await collect(
      streamChat(endpoint, request, { fetch, memory: new EndpointMemory(), idleTimeoutMs: 0 }),
    );
    assert.deepEqual(
      events.map((e) => e.type),
      ['error'],
    );
    assert.equal(fetch.calls.length, 1);
  });
});
