/** HTTP failures become typed errors with messages a user can act on. */
import * as assert from 'node:assert/strict';
import { streamChat, type StreamOptions } from '../../../../src/core/client/streamChat';
import type { StreamEvent } from '../../../../src/core/types';
import { collect, scriptedFetch, type FetchStep } from '../../../helpers/streamHarness';

const endpoint = { baseUrl: 'https://api.example.test/v1', apiKey: 'sk-test-key-123456' };
const request = { model: 'gpt-4o-mni', messages: [{ role: 'user' as const, content: 'hi' }] };

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

function html(status: number, page: string): Response {
  return new Response(page, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

async function failWith(
  steps: FetchStep[],
  options: StreamOptions = {},
): Promise<{ error: StreamEvent & { type: 'error' }; events: StreamEvent[]; calls: number }> {
  const fetch = scriptedFetch(...steps);
  const events = await collect(
    streamChat(endpoint, request, { fetch, idleTimeoutMs: 0, retry: { retries: 0 }, ...options }),
  );
  const error = events[events.length - 1];
  assert.equal(error.type, 'error', JSON.stringify(events));
  return { error: error as StreamEvent & { type: 'error' }, events, calls: fetch.calls.length };
}

describe('HTTP errors', () => {
  it('401: check the key', async () => {
    const { error, calls } = await failWith([
      json(401, {
        error: { message: 'Invalid authentication', type: 'invalid_request_error', code: 'invalid_api_key' },
      }),
    ]);
    assert.equal(error.kind, 'auth');
    assert.equal(error.status, 401);
    assert.equal(error.interrupted, false);
    assert.match(error.message, /API key/);
    assert.match(error.message, /Invalid authentication/);
    assert.equal(calls, 1);
  });

  it('403: check the key and its permissions', async () => {
    const { error } = await failWith([json(403, { error: { message: 'Project does not have access to model' } })]);
    assert.equal(error.kind, 'auth');
    assert.equal(error.status, 403);
    assert.match(error.message, /allowed to use this model/);
  });

  it('404: names close models from GET /models', async () => {
    const { error } = await failWith([
      json(404, { error: { message: 'The model `gpt-4o-mni` does not exist', code: 'model_not_found' } }),
      (call) => {
        assert.equal(call.url, 'https://api.example.test/v1/models');
        assert.equal(call.method, 'GET');
        assert.equal(call.headers.authorization, 'Bearer sk-test-key-123456');
        return json(200, {
          object: 'list',
          data: [{ id: 'o3' }, { id: 'gpt-4o' }, { id: 'gpt-4o-mini' }, { id: 'text-embedding-3-small' }],
        });
      },
    ]);
    assert.equal(error.kind, 'notFound');
    assert.equal(error.status, 404);
    assert.match(error.message, /base URL/);
    assert.match(error.message, /similar names: gpt-4o-mini, gpt-4o\./);
  });

  it('404: says when the model exists (wrong path or not a chat model)', async () => {
    const { error } = await failWith([json(404, { error: 'not found' }), json(200, { data: [{ id: 'gpt-4o-mni' }] })]);
    assert.match(error.message, /does list “gpt-4o-mni”/);
  });

  it('404: keeps the plain advice when the model list is unavailable', async () => {
    const { error } = await failWith([json(404, { error: 'nope' }), json(404, { error: 'nope' })]);
    assert.equal(error.kind, 'notFound');
    assert.match(error.message, /Check the base URL \(it usually ends in \/v1\) and the model name “gpt-4o-mni”/);
    assert.doesNotMatch(error.message, /similar/);
  });

  it('429 with Retry-After in seconds', async () => {
    const { error } = await failWith([
      json(429, { error: { message: 'Rate limit reached for requests' } }, { 'retry-after': '7' }),
    ]);
    assert.equal(error.kind, 'rateLimited');
    assert.equal(error.retryAfterMs, 7000);
    assert.match(error.message, /Wait 7 s/);
  });

  it('429 with Retry-After as an HTTP date', async () => {
    const now = Date.UTC(2025, 0, 1, 12, 0, 0);
    const clock = { now: () => now, setTimeout: () => 0, clearTimeout: () => {} };
    const { error } = await failWith(
      [json(429, { error: 'slow down' }, { 'retry-after': new Date(now + 90_000).toUTCString() })],
      { clock },
    );
    assert.equal(error.retryAfterMs, 90_000);
    assert.match(error.message, /Wait 90 s/);
  });

  it('429 with retry-after-ms', async () => {
    const { error } = await failWith([
      json(
        429,
        { error: { message: 'Requests to the deployment have exceeded the rate limit' } },
        { 'retry-after-ms': '1500', 'retry-after': '2' },
      ),
    ]);
    assert.equal(error.retryAfterMs, 1500);
    assert.match(error.message, /Wait 1\.5 s/);
  });

  for (const status of [500, 502, 503, 504]) {
    it(`${status}: a server error`, async () => {
      const { error } = await failWith([json(status, { error: { message: 'upstream failed' } })]);
      assert.equal(error.kind, 'server');
      assert.equal(error.status, status);
      assert.match(error.message, /server’s side/);
    });
  }

  it('an HTML error page from a proxy is summarised, not echoed', async () => {
    const page =
      '<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>body{}</style></head><body><h1>502 Bad Gateway</h1><hr><center>nginx/1.25.3</center></body></html>';
    const { error } = await failWith([html(502, page)]);
    assert.equal(error.kind, 'server');
    assert.equal(error.status, 502);
    assert.match(error.message, /HTML page \(“502 Bad Gateway”\)/);
    assert.doesNotMatch(error.message, /<|nginx|style/);
  });

  it('a 200 HTML page (a login page or a website) is a protocol error', async () => {
    const { error } = await failWith([
      html(200, '<html><head><title>Sign in – Corporate Proxy</title></head><body>…</body></html>'),
    ]);
    assert.equal(error.kind, 'protocol');
    assert.match(error.message, /Sign in – Corporate Proxy/);
    assert.match(error.message, /base URL/);
  });

  it('a 400 with an API message is an api error quoting it', async () => {
    const { error } = await failWith([
      json(400, { error: { message: "Invalid value for 'temperature': must be at most 2.", param: 'temperature' } }),
    ]);
    assert.equal(error.kind, 'api');
    assert.equal(error.status, 400);
    assert.match(error.message, /must be at most 2/);
  });

  it('a 400 with a FastAPI detail, and a 400 without any message', async () => {
    const fastapi = await failWith([
      json(422, { detail: [{ loc: ['body', 'messages'], msg: 'field required', type: 'value_error.missing' }] }),
    ]);
    assert.equal(fastapi.error.kind, 'api');
    assert.match(fastapi.error.message, /field required/);
    const bare = await failWith([new Response('', { status: 418 })]);
    assert.equal(bare.error.kind, 'http');
    assert.equal(bare.error.status, 418);
  });

  it('a config error for a missing model, without any request', async () => {
    const fetch = scriptedFetch();
    const events = await collect(streamChat(endpoint, { ...request, model: ' ' }, { fetch }));
    assert.deepEqual(
      events.map((e) => e.type),
      ['error'],
    );
    assert.ok(events[0].type === 'error' && events[0].kind === 'config');
    assert.equal(fetch.calls.length, 0);
  });
});
