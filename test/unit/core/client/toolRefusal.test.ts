/**
 * Servers refusing native tools, each in its exact recorded shape: marked on the error event as
 * `toolsRefused`, never retried (llama.cpp's 500 included), and not marked for a request without tools.
 */
import * as assert from 'node:assert/strict';
import { EndpointMemory } from '../../../../src/core/client/endpointMemory';
import { streamChat } from '../../../../src/core/client/streamChat';
import { toolsRefusalInResponse, toolsRefusalInStream } from '../../../../src/core/client/toolRefusal';
import type { ChatRequest, StreamEvent } from '../../../../src/core/types';
import { chunk, collect, responseFrom, scriptedFetch, utf8 } from '../../../helpers/streamHarness';

const endpoint = { baseUrl: 'http://127.0.0.1:9999/v1' };
const tools: ChatRequest['tools'] = [
  {
    type: 'function',
    function: { name: 'read_file', description: 'Read', parameters: { type: 'object', properties: {} } },
  },
];
const withTools: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'hi' }], tools };

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const SHAPES: { server: string; status: number; body: unknown }[] = [
  {
    server: 'Ollama /v1',
    status: 400,
    body: {
      error: {
        message: 'registry.ollama.ai/library/gemma:latest does not support tools',
        type: 'api_error',
        param: null,
        code: null,
      },
    },
  },
  {
    server: 'Ollama /api',
    status: 400,
    body: { error: 'registry.ollama.ai/library/gemma:latest does not support tools' },
  },
  {
    server: 'vLLM',
    status: 400,
    body: {
      object: 'error',
      message: '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set',
      type: 'BadRequestError',
      param: null,
      code: 400,
    },
  },
  {
    server: 'llama.cpp --no-jinja',
    status: 500,
    body: { error: { code: 500, message: 'tools param requires --jinja flag', type: 'server_error' } },
  },
  {
    server: 'LM Studio',
    status: 400,
    body: {
      error:
        'Error rendering prompt with jinja template: "Cannot call something that is not a function: got UndefinedValue".',
    },
  },
];

describe('tool refusals', () => {
  for (const shape of SHAPES) {
    it(`${shape.server}: ${shape.status} is recognised, not retried, marked unsupported`, async () => {
      const fetch = scriptedFetch(json(shape.status, shape.body), json(shape.status, shape.body));
      const events = await collect(
        streamChat(endpoint, withTools, { fetch, memory: new EndpointMemory(), idleTimeoutMs: 0 }),
      );
      assert.deepEqual(
        events.map((e) => e.type),
        ['error'],
      );
      const e = events[0] as StreamEvent & { type: 'error' };
      assert.equal(e.toolsRefused, 'unsupported');
      assert.equal(e.status, shape.status);
      assert.equal(fetch.calls.length, 1, 'sent once only');
      assert.equal(toolsRefusalInResponse(shape.status, JSON.stringify(shape.body)), 'unsupported');
    });
  }

  it('the same words without tools in the request are an ordinary error (the 500 is retried as before)', async () => {
    const body = { error: { code: 500, message: 'tools param requires --jinja flag', type: 'server_error' } };
    const fetch = scriptedFetch(json(500, body), json(500, body), json(500, body));
    const events = await collect(
      streamChat(
        endpoint,
        { ...withTools, tools: undefined },
        {
          fetch,
          memory: new EndpointMemory(),
          idleTimeoutMs: 0,
          retry: { baseDelayMs: 1, maxDelayMs: 1 },
        },
      ),
    );
    const e = events.at(-1) as StreamEvent & { type: 'error' };
    assert.equal(e.type, 'error');
    assert.equal(e.toolsRefused, undefined);
    assert.equal(fetch.calls.length, 3);
  });

  it('other 400s and a status that does not fit the shape are not refusals', () => {
    assert.equal(
      toolsRefusalInResponse(400, JSON.stringify({ error: { message: 'max_tokens too large' } })),
      undefined,
    );
    assert.equal(toolsRefusalInResponse(500, JSON.stringify({ error: 'x does not support tools' })), undefined);
    assert.equal(toolsRefusalInResponse(400, 'does not support tools'), undefined);
  });

  it('llama.cpp: a 200 stream then the peg-native error is marked badOutput', async () => {
    const body =
      'data: {"error":{"code":500,"message":"The model produced output that does not match the expected peg-native format","type":"server_error"}}\n\n';
    const fetch = scriptedFetch(responseFrom([utf8(body)]));
    const events = await collect(
      streamChat(endpoint, withTools, { fetch, memory: new EndpointMemory(), idleTimeoutMs: 0 }),
    );
    const e = events.at(-1) as StreamEvent & { type: 'error' };
    assert.equal(e.type, 'error');
    assert.equal(e.toolsRefused, 'badOutput');
    assert.equal(toolsRefusalInStream({ error: { message: 'something else' } }), undefined);
  });

  it('the request carries tools with tool_choice auto, tool calls and tool_call_id in OpenAI names', async () => {
    const fetch = scriptedFetch(responseFrom([utf8(`${chunk({ content: 'ok' }, 'stop')}data: [DONE]\n\n`)]));
    await collect(
      streamChat(
        endpoint,
        {
          ...withTools,
          messages: [
            { role: 'user', content: 'q' },
            { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'read_file', arguments: '{"path":"a"}' }] },
            { role: 'tool', content: 'text', toolCallId: 'c1', toolResultOf: 'read_file' },
          ],
        },
        { fetch, memory: new EndpointMemory(), idleTimeoutMs: 0 },
      ),
    );
    const body = fetch.calls[0].body;
    assert.deepEqual(body.tools, tools);
    assert.equal(body.tool_choice, 'auto');
    assert.deepEqual(body.messages, [
      { role: 'user', content: 'q' },
      {
        role: 'assistant',
        content: '',
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a"}' } }],
      },
      { role: 'tool', content: 'text', tool_call_id: 'c1' },
    ]);
  });
});
