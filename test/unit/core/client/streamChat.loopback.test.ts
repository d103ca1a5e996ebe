/** The core through the real global `fetch` against the local test server. */
import * as assert from 'node:assert/strict';
import { EndpointMemory } from '../../../../src/core/client/endpointMemory';
import { listModels } from '../../../../src/core/client/listModels';
import { streamChat } from '../../../../src/core/client/streamChat';
import type { StreamEvent } from '../../../../src/core/types';
import { MockServer, sseReply } from '../../../helpers/mockServer';
import { collect, merged } from '../../../helpers/streamHarness';

const request = {
  model: 'rill-test-model',
  messages: [
    { role: 'system' as const, content: 'Be brief.' },
    { role: 'user' as const, content: 'Say hello' },
  ],
};

describe('loopback: real fetch against the test server', function () {
  this.timeout(10_000);
  let server: MockServer;

  before(async () => {
    server = await MockServer.start();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  it('streams the default reply with usage, and sends a well-formed request', async () => {
    const events = await collect(
      streamChat(
        { baseUrl: server.baseUrl, apiKey: 'sk-loop' },
        { ...request, temperature: 0.3, maxTokens: 50 },
        { memory: new EndpointMemory() },
      ),
    );
    assert.deepEqual(merged(events), [
      { type: 'text', text: 'Hello from the test server.' },
      { type: 'usage', promptTokens: 12, completionTokens: 6, totalTokens: 18 },
      { type: 'finish', reason: 'stop' },
    ]);
    const [req] = server.requests;
    assert.equal(req.method, 'POST');
    assert.equal(req.path, '/v1/chat/completions');
    assert.equal(req.headers.authorization, 'Bearer sk-loop');
    assert.match(String(req.headers['content-type']), /application\/json/);
    assert.deepEqual(req.body, {
      ...request,
      messages: request.messages,
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.3,
      max_tokens: 50,
    });
  });

  it('normalises a base URL without /v1 and with the full path pasted', async () => {
    const root = server.baseUrl.replace(/\/v1$/, '');
    for (const baseUrl of [root, `${root}/`, `${server.baseUrl}/chat/completions`]) {
      const events = await collect(streamChat({ baseUrl }, request));
      assert.equal(events[events.length - 1].type, 'finish', baseUrl);
    }
    assert.deepEqual(
      server.requests.map((r) => r.path),
      Array(3).fill('/v1/chat/completions'),
    );
  });

  it('streams scripted chunks with delays, reasoning and a finish reason', async () => {
    server.enqueue(sseReply(['A', 'B', 'C'], { reasoning: ['hmm'], finish: 'length', delayMs: 5 }));
    const events = await collect(streamChat({ baseUrl: server.baseUrl }, request));
    assert.deepEqual(merged(events), [
      { type: 'reasoning', text: 'hmm' },
      { type: 'text', text: 'ABC' },
      { type: 'finish', reason: 'length' },
    ]);
  });

  it('answers 404 with close model names from the server’s /models', async () => {
    server.models = ['llama3.1:8b', 'llama3.1:70b', 'qwen2.5:7b'];
    server.enqueue({
      status: 404,
      body: JSON.stringify({
        error: { message: 'model "llama3.1" not found, try pulling it first', type: 'api_error' },
      }),
    });
    const events = await collect(streamChat({ baseUrl: server.baseUrl }, { ...request, model: 'llama3.1' }));
    const e = events[0];
    assert.ok(e.type === 'error' && e.kind === 'notFound');
    assert.match(e.message, /similar names: llama3\.1:8b, llama3\.1:70b\./);
    assert.deepEqual(
      server.requests.map((r) => `${r.method} ${r.path}`),
      ['POST /v1/chat/completions', 'GET /v1/models'],
    );
  });

  it('lists models', async () => {
    server.models = ['a', 'b'];
    assert.deepEqual(await listModels({ baseUrl: server.baseUrl }), ['a', 'b']);
  });

  it('leaving the loop closes the connection (the server sees the abort)', async () => {
    server.enqueue({ ...sseReply(['x', 'y', 'z']), hang: true });
    for await (const e of streamChat({ baseUrl: server.baseUrl }, request)) {
      if (e.type === 'text') break;
    }
    await waitFor(() => server.requests[0]?.aborted === true);
  });

  it('an idle server times out with the text kept (real timers)', async () => {
    server.enqueue({ chunks: sseReply(['still ', 'here']).chunks!.slice(0, 3), hang: true });
    const events: StreamEvent[] = await collect(
      streamChat({ baseUrl: server.baseUrl }, request, { idleTimeoutMs: 300 }),
    );
    assert.deepEqual(merged(events).slice(0, 1), [{ type: 'text', text: 'still here' }]);
    const e = events[events.length - 1];
    assert.ok(e.type === 'error' && e.kind === 'timeout' && e.interrupted);
    await waitFor(() => server.requests[0]?.aborted === true);
  });

  it('a non-streaming answer (server ignored stream: true)', async () => {
    server.enqueue({
      body: JSON.stringify({
        choices: [{ message: { role: 'assistant', content: 'whole' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }),
    });
    const events = await collect(streamChat({ baseUrl: server.baseUrl }, request));
    assert.deepEqual(events, [
      { type: 'text', text: 'whole' },
      { type: 'usage', promptTokens: 1, completionTokens: 1, totalTokens: 2 },
      { type: 'finish', reason: 'stop' },
    ]);
  });

  it('the control API scripts the server over HTTP', async () => {
    const root = server.baseUrl.replace(/\/v1$/, '');
    const queued = await fetch(`${root}/__control/enqueue`, {
      method: 'POST',
      body: JSON.stringify([sseReply(['via ', 'control']), { status: 500, body: '{"error":"boom"}' }]),
    });
    assert.deepEqual(await queued.json(), { queued: 2 });
    assert.deepEqual(merged(await collect(streamChat({ baseUrl: server.baseUrl }, request))).slice(0, 1), [
      { type: 'text', text: 'via control' },
    ]);
    const failed = await collect(streamChat({ baseUrl: server.baseUrl }, request, { retry: { retries: 0 } }));
    assert.ok(failed[0].type === 'error' && failed[0].kind === 'server');
    const recorded = await (await fetch(`${root}/__control/requests`)).json();
    assert.equal(recorded.length, 2);
    assert.equal(recorded[0].body.model, 'rill-test-model');
    await fetch(`${root}/__control/models`, { method: 'POST', body: JSON.stringify({ models: ['m1'] }) });
    assert.deepEqual(server.models, ['m1']);
    await fetch(`${root}/__control/reset`, { method: 'POST' });
    assert.equal(server.requests.length, 0);
  });

  it('demo mode streams canned Markdown picked by keywords', async () => {
    const demo = await MockServer.start({ demo: true, demoDelayMs: 1 });
    try {
      const ask = (content: string) =>
        collect(streamChat({ baseUrl: demo.baseUrl }, { model: 'demo', messages: [{ role: 'user', content }] }));
      const code = merged(await ask('Show me some TypeScript code'));
      assert.ok(code[0].type === 'text' && code[0].text.includes('```typescript'));
      const table = merged(await ask('compare the servers in a table'));
      assert.ok(table[0].type === 'text' && /\| Server \|/.test(table[0].text));
      const think = merged(await ask('think about why'));
      assert.equal(think[0].type, 'reasoning');
      const fallback = await ask('hello there');
      assert.ok(fallback.filter((e) => e.type === 'text').length > 10, 'streamed in many small deltas');
      assert.deepEqual(
        fallback.slice(-2).map((e) => e.type),
        ['usage', 'finish'],
      );
    } finally {
      await demo.close();
    }
  });
});

async function waitFor(condition: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
