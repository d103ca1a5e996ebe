/** HTTP failures become typed errors with messages a user can act on, built from hostile server text. */
import * as assert from 'node:assert/strict';
import { EndpointError } from '../../../../src/core/client/errors';
import { listModels } from '../../../../src/core/client/listModels';
import { type StreamOptions, streamChat } from '../../../../src/core/client/streamChat';
import type { EndpointConfig, StreamEvent } from '../../../../src/core/types';
import { collect, type FetchStep, scriptedFetch } from '../../../helpers/streamHarness';

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
  to: EndpointConfig = endpoint,
): Promise<{ error: StreamEvent & { type: 'error' }; events: StreamEvent[]; calls: number }> {
  const fetch = scriptedFetch(...steps);
  const events = await collect(streamChat(to, request, { fetch, idleTimeoutMs: 0, retry: { retries: 0 }, ...options }));
  const error = events[events.length - 1];
  assert.equal(error.type, 'error', JSON.stringify(events));
  return { error: error as StreamEvent & { type: 'error' }, events, calls: fetch.calls.length };
}

const KEY = 'sk-proj-Abcdefghijklmnopqrstuvwxyz0123456789';
const withKey: EndpointConfig = { baseUrl: 'https://api.example.test/v1', apiKey: KEY };

/** A JSON response with a reason phrase of the server's choosing. */
function jsonWithReason(status: number, body: unknown, statusText: string): Response {
  return new Response(JSON.stringify(body), { status, statusText, headers: { 'content-type': 'application/json' } });
}

/** No piece of the key of 8 or more characters appears in `text`. */
function assertNoKeyPiece(text: string): void {
  for (let i = 0; i + 8 <= KEY.length; i++) {
    const piece = KEY.slice(i, i + 8);
    assert.ok(!text.includes(piece), `a piece of the key (${piece}) leaked: ${text}`);
  }
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

describe('HTTP errors: hardening', () => {
  it('redacts a key in the reason phrase (401 Invalid key sk-…)', async () => {
    const log: string[] = [];
    const { error } = await failWith(
      [jsonWithReason(401, {}, `Invalid key ${KEY}`)],
      { log: (l) => log.push(l) },
      withKey,
    );
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /401 Invalid key \*\*\*/);
    assertNoKeyPiece(`${error.message}\n${log.join('\n')}`);
  });

  it('redacts a key in a long HTML title before clipping it, so no prefix of the key survives', async () => {
    for (let pad = 80; pad <= 100; pad++) {
      const title = `${'x'.repeat(pad)} ${KEY}`;
      const page = `<!doctype html><html><head><title>${title}</title></head><body>${KEY}</body></html>`;
      const { error } = await failWith([html(502, page)], {}, withKey);
      assertNoKeyPiece(error.message);
    }
  });

  it('keeps the message beside a string error ({"error":"Not Found","message":"Cannot POST …"})', async () => {
    const { error } = await failWith([
      json(404, { statusCode: 404, error: 'Not Found', message: 'Cannot POST /v1/chat/completions' }),
    ]);
    assert.match(error.message, /Not Found: Cannot POST \/v1\/chat\/completions/);
  });

  it('keeps the server’s error code and type on the stream’s error and on EndpointError', async () => {
    const body = {
      error: {
        message: "This model's maximum context length is 8192 tokens.",
        type: 'invalid_request_error',
        param: 'messages',
        code: 'context_length_exceeded',
      },
    };
    const { error } = await failWith([json(400, body)]);
    assert.equal(error.status, 400);
    assert.deepEqual(error.server, { code: 'context_length_exceeded', type: 'invalid_request_error' });
    await assert.rejects(listModels(endpoint, { fetch: scriptedFetch(json(400, body)) }), (e: unknown) => {
      assert.ok(e instanceof EndpointError);
      assert.deepEqual(e.server, { code: 'context_length_exceeded', type: 'invalid_request_error' });
      return true;
    });
  });

  it('a 401 when no key was set says that no key was sent', async () => {
    const body = { error: { message: 'Missing bearer token', type: 'invalid_request_error' } };
    const none = await failWith([json(401, body)], {}, { baseUrl: 'https://api.example.test/v1' });
    assert.equal(none.error.kind, 'auth');
    assert.match(none.error.message, /no(ne)? .*(key|was) sent|none was sent/i);
    assert.doesNotMatch(none.error.message, /rejected the API key/);
    const sent = await failWith([json(401, body)]);
    assert.match(sent.error.message, /rejected the API key/);
    assert.doesNotMatch(sent.error.message, /none was sent/);
    // A credential in a custom header counts as a key sent.
    const header = await failWith(
      [json(401, body)],
      {},
      {
        baseUrl: 'https://api.example.test/v1',
        headers: { 'Ocp-Apim-Subscription-Key': 'subscription-secret' },
      },
    );
    assert.doesNotMatch(header.error.message, /none was sent/);
  });

  it('does not retry a 429 whose quota is exhausted (insufficient_quota), and says waiting will not help', async () => {
    const quota = () =>
      json(
        429,
        {
          error: {
            message: 'You exceeded your current quota, please check your plan and billing details.',
            type: 'insufficient_quota',
            code: 'insufficient_quota',
          },
        },
        { 'retry-after': '1' },
      );
    const { error, events, calls } = await failWith([quota(), quota(), quota()], {
      retry: { retries: 2, baseDelayMs: 1 },
    });
    assert.equal(calls, 1, 'sent once');
    assert.ok(!events.some((e) => e.type === 'retry'));
    assert.equal(error.kind, 'rateLimited');
    assert.equal(error.server?.code, 'insufficient_quota');
    assert.doesNotMatch(error.message, /Wait \d/);
    assert.match(error.message, /quota/);
  });

  it('a Retry-After of 0 does not say "Wait 0 s"', async () => {
    const { error } = await failWith([json(429, { error: { message: 'slow down' } }, { 'retry-after': '0' })]);
    assert.doesNotMatch(error.message, /Wait 0/);
    assert.match(error.message, /Wait a moment/);
  });
});
