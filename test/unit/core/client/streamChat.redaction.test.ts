/**
 * The API key never appears in an error, a retry notice or a log line, wherever the server or the
 * user put it: error bodies, HTML pages, response headers, in-stream errors, the base URL.
 * Runs against the real test server through the real `fetch`.
 */
import * as assert from 'node:assert/strict';
import { EndpointError } from '../../../../src/core/client/errors';
import { listModels } from '../../../../src/core/client/listModels';
import { streamChat } from '../../../../src/core/client/streamChat';
import type { EndpointConfig, StreamEvent } from '../../../../src/core/types';
import { MockServer, sseReply } from '../../../helpers/mockServer';
import { collect } from '../../../helpers/streamHarness';

const KEY = 'sk-proj-SECRET0123456789abcdef';
const TOKEN = 'gateway-token-SECRET-42';
const request = { model: 'rill-test-model', messages: [{ role: 'user' as const, content: 'hi' }] };

describe('secrets stay out of errors and logs', () => {
  let server: MockServer;
  let endpoint: EndpointConfig;
  let log: string[];

  before(async () => {
    server = await MockServer.start();
  });
  after(() => server.close());
  beforeEach(() => {
    server.reset();
    log = [];
    endpoint = { baseUrl: server.baseUrl, apiKey: KEY, headers: { 'X-Gateway-Token': TOKEN } };
  });

  async function run(config: EndpointConfig = endpoint): Promise<StreamEvent[]> {
    return collect(
      streamChat(config, request, {
        idleTimeoutMs: 5000,
        retry: { retries: 1, baseDelayMs: 1 },
        log: (l) => log.push(l),
      }),
    );
  }

  function assertClean(events: StreamEvent[]): void {
    const text = `${JSON.stringify(events)}\n${log.join('\n')}`;
    assert.ok(!text.includes(KEY), `key leaked: ${text}`);
    assert.ok(!text.includes(TOKEN), `token leaked: ${text}`);
    assert.ok(!text.includes(encodeURIComponent(KEY)), 'encoded key leaked');
  }

  it('sends the key and the extra header (so the test is meaningful)', async () => {
    await run();
    assert.equal(server.requests[0].headers.authorization, `Bearer ${KEY}`);
    assert.equal(server.requests[0].headers['x-gateway-token'], TOKEN);
  });

  it('in a 401 body echoing the key and the token', async () => {
    server.enqueue({
      status: 401,
      body: JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY} (token ${TOKEN})` } }),
    });
    const events = await run();
    assertClean(events);
    assert.match(JSON.stringify(events), /Incorrect API key provided: \*\*\*/);
  });

  it('in response headers', async () => {
    server.enqueue({
      status: 403,
      headers: { 'www-authenticate': `Bearer error="invalid_token", key="${KEY}"`, 'x-debug': TOKEN },
      body: '{"error":"forbidden"}',
    });
    assertClean(await run());
  });

  it('in an HTML error page title and body', async () => {
    server.enqueue(
      {
        status: 502,
        headers: { 'content-type': 'text/html' },
        body: `<html><head><title>Bad key ${KEY}</title></head><body>${KEY}</body></html>`,
      },
      { status: 502, body: `<title>${KEY}</title>`, headers: { 'content-type': 'text/html' } },
    );
    const events = await run();
    assert.deepEqual(
      events.map((e) => e.type),
      ['retry', 'error'],
    );
    assertClean(events);
  });

  it('in a plain-text body and a retry notice', async () => {
    server.enqueue(
      { status: 503, headers: { 'content-type': 'text/plain' }, body: `overloaded, key=${KEY}` },
      sseReply(['fine']),
    );
    const events = await run();
    assert.deepEqual(
      events.map((e) => e.type),
      ['retry', 'text', 'finish'],
    );
    assertClean(events);
  });

  it('in in-stream error objects and event: error', async () => {
    server.enqueue({
      chunks: [...sseReply(['a']).chunks!.slice(0, 2), `data: {"error":{"message":"bad key ${KEY}"}}\n\n`],
    });
    const first = await run();
    assert.ok(first[first.length - 1].type === 'error');
    assertClean(first);
    server.enqueue({ chunks: [`event: error\ndata: upstream rejected ${KEY}\n\n`] });
    assertClean(await run());
  });

  it('in the base URL’s query, with a 404 and with a refused connection', async () => {
    server.enqueue({ status: 404, body: JSON.stringify({ error: { message: 'no such route' } }) });
    const withQuery = { baseUrl: `${server.baseUrl}?api_key=${encodeURIComponent(KEY)}` };
    const events = await run(withQuery);
    assert.ok(events[0].type === 'error' && events[0].kind === 'notFound');
    assertClean(events);
    assert.equal(server.requests[0].path, `/v1/chat/completions?api_key=${encodeURIComponent(KEY)}`);
    const closed = await MockServer.start();
    const url = closed.baseUrl;
    await closed.close();
    assertClean(await run({ baseUrl: `${url}?key=${KEY}`, apiKey: KEY }));
  });

  it('in a model list error', async () => {
    const original = server.models;
    // Make GET /models fail by pointing at a path the server does not know, with the key in the query.
    await assert.rejects(
      listModels({ baseUrl: `${server.baseUrl}/nothing-here?token=${TOKEN}`, apiKey: KEY }),
      (e: unknown) => {
        assert.ok(e instanceof EndpointError);
        assert.ok(!e.message.includes(TOKEN) && !e.message.includes(KEY), e.message);
        return true;
      },
    );
    server.models = original;
  });
});
