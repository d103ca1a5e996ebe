/**
 * Redirects through the real `fetch` and two local servers: a redirect within the origin is
 * followed (bounded), a redirect to another origin is an error naming the new address, and the
 * other origin receives nothing at all: not the prompt, not the key, not the profile's headers.
 * Chat, the model list and the connection test go through the same path.
 */
import * as assert from 'node:assert/strict';
import { testConnection } from '../../../../src/core/client/connectionTest';
import { EndpointError } from '../../../../src/core/client/errors';
import { listModels } from '../../../../src/core/client/listModels';
import { MAX_REDIRECTS } from '../../../../src/core/client/redirects';
import { streamChat } from '../../../../src/core/client/streamChat';
import type { EndpointConfig, StreamEvent } from '../../../../src/core/types';
import { MockServer, sseReply } from '../../../helpers/mockServer';
import { collect, merged } from '../../../helpers/streamHarness';

const KEY = 'sk-redirect-test-key-0123456789';
const request = { model: 'rill-test-model', messages: [{ role: 'user' as const, content: 'my secret code' }] };

describe('redirects', function () {
  this.timeout(15_000);
  let home: MockServer;
  let elsewhere: MockServer;
  let endpoint: EndpointConfig;

  before(async () => {
    home = await MockServer.start();
    elsewhere = await MockServer.start();
  });
  after(async () => {
    await home.close();
    await elsewhere.close();
  });
  beforeEach(() => {
    home.reset();
    elsewhere.reset();
    endpoint = { baseUrl: home.baseUrl, apiKey: KEY, headers: { 'X-Team': 'blue' } };
  });

  const run = (config: EndpointConfig = endpoint): Promise<StreamEvent[]> =>
    collect(streamChat(config, request, { idleTimeoutMs: 5000, retry: { retries: 2, baseDelayMs: 1 } }));

  for (const status of [307, 308, 301, 302]) {
    it(`a ${status} to another origin is an error naming the address; nothing is sent there`, async () => {
      home.enqueue({ status, headers: { location: `${elsewhere.baseUrl}/chat/completions?token=abc` }, body: '' });
      const events = await run();
      assert.equal(events.length, 1, JSON.stringify(events));
      const error = events[0];
      assert.ok(error.type === 'error');
      assert.equal(error.kind, 'config');
      assert.ok(error.message.includes(`${elsewhere.baseUrl}/chat/completions`), error.message);
      assert.ok(!error.message.includes('token=abc'), 'the query is not shown');
      assert.equal(home.requests.length, 1, 'not retried');
      assert.equal(elsewhere.requests.length, 0, 'the other origin received nothing');
    });
  }

  it('follows a same-origin 307/308 with the same body and headers', async () => {
    const path = new URL(home.baseUrl).pathname;
    home.enqueue(
      { status: 308, headers: { location: `${path}/chat/completions?moved=1` }, body: '' },
      sseReply(['Moved ', 'fine.']),
    );
    const events = merged(await run());
    assert.deepEqual(events[0], { type: 'text', text: 'Moved fine.' });
    assert.equal(home.requests.length, 2);
    assert.equal(home.requests[1].path, '/v1/chat/completions?moved=1');
    assert.equal(home.requests[1].method, 'POST');
    assert.equal(home.requests[1].headers.authorization, `Bearer ${KEY}`);
    assert.deepEqual(home.requests[1].body.messages, request.messages);
  });

  it('gives up on a same-origin redirect loop after a bounded number of hops', async () => {
    const loop = { status: 307, headers: { location: '/v1/chat/completions' }, body: '' };
    for (let i = 0; i < MAX_REDIRECTS + 3; i++) home.enqueue(loop);
    const events = await run();
    const last = events[events.length - 1];
    assert.ok(last.type === 'error' && /redirect/i.test(last.message), JSON.stringify(last));
    assert.equal(home.requests.length, MAX_REDIRECTS + 1);
  });

  it('the model list does not follow a redirect to another origin', async () => {
    home.enqueueModels({ status: 307, headers: { location: `${elsewhere.baseUrl}/models` }, body: '' });
    await assert.rejects(listModels(endpoint), (e: unknown) => {
      assert.ok(e instanceof EndpointError);
      assert.equal(e.kind, 'config');
      assert.ok(e.message.includes(`${elsewhere.baseUrl}/models`), e.message);
      return true;
    });
    assert.equal(elsewhere.requests.length, 0);
  });

  it('the connection test reports a cross-origin redirect and sends nothing there', async () => {
    home.enqueue({ status: 307, headers: { location: `${elsewhere.baseUrl}/chat/completions` }, body: '' });
    const result = await testConnection(
      (e, r, o) => streamChat(e, r, { ...o, idleTimeoutMs: 5000 }),
      endpoint,
      'rill-test-model',
    );
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.message.includes(elsewhere.baseUrl), JSON.stringify(result));
    assert.equal(elsewhere.requests.length, 0);
  });
});
