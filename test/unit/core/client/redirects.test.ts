/**
 * Redirects through the real `fetch` and two local servers: a redirect within the origin is
 * followed (bounded), a redirect to another origin is an error naming the new address, and the
 * other origin receives nothing at all: not the prompt, not the key, not the profile's headers.
 * Chat, the model list and the connection test go through the same path.
 */
import * as assert from 'node:assert/strict';
import type { FetchLike } from '../../../../src/core/client/attempt';
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

/**
 * A redirect from https to http on the same host is another origin (the scheme differs): following
 * it would resend the key and the prompt in clear text. An injected `fetch` plays the server, so
 * the test needs no certificate; it records every address asked for.
 */
describe('redirects: https to http on the same host', () => {
  const HOST = 'api.example.test';
  const secure: EndpointConfig = { baseUrl: `https://${HOST}/v1`, apiKey: KEY };

  /** A `fetch` that answers `status` to `http://HOST…` for the first request and records every URL. */
  function downgrading(status: number): { fetch: FetchLike; urls: string[] } {
    const urls: string[] = [];
    const fetch: FetchLike = async (url) => {
      urls.push(url);
      if (url.startsWith('http://')) return new Response('{"choices":[]}', { status: 200 });
      const target = new URL(url);
      target.protocol = 'http:';
      return new Response(null, { status, headers: { location: target.href } });
    };
    return { fetch, urls };
  }

  const broken = (urls: string[]): string =>
    `promise broken: a redirect from https to http on the same host was followed (the key would go in clear text): ${urls.join(' → ')}`;

  for (const status of [301, 302, 303, 307, 308]) {
    it(`chat: a ${status} to http:// on the same host is refused; nothing is sent over http`, async () => {
      const { fetch, urls } = downgrading(status);
      const events = await collect(
        streamChat(secure, request, { fetch, idleTimeoutMs: 5000, retry: { retries: 2, baseDelayMs: 1 } }),
      );
      assert.deepEqual(urls, [`https://${HOST}/v1/chat/completions`], broken(urls));
      const error = events.find((e) => e.type === 'error');
      assert.ok(error?.type === 'error' && error.kind === 'config', JSON.stringify(events));
      assert.ok(error.message.includes(`http://${HOST}/v1/chat/completions`), error.message);
    });
  }

  it('the model list: a 307 to http:// on the same host is refused', async () => {
    const { fetch, urls } = downgrading(307);
    await assert.rejects(
      listModels(secure, { fetch }),
      (e: unknown) => e instanceof EndpointError && e.kind === 'config',
    );
    assert.deepEqual(urls, [`https://${HOST}/v1/models`], broken(urls));
  });

  it('Test Connection: a 308 to http:// on the same host fails the test; nothing is sent over http', async () => {
    const { fetch, urls } = downgrading(308);
    const result = await testConnection(
      (e, r, o) => streamChat(e, r, { ...o, fetch, idleTimeoutMs: 5000 }),
      secure,
      'm',
    );
    assert.deepEqual(urls, [`https://${HOST}/v1/chat/completions`], broken(urls));
    assert.equal(result.ok, false, JSON.stringify(result));
  });
});
