/**
 * Every server behaviour the issue lists, each fed whole, byte by byte and at seeded random split
 * points through `streamChat` with an injected `fetch`: every splitting must give exactly the same
 * events, and those events must be the expected ones.
 */
import * as assert from 'node:assert/strict';
import { streamChat } from '../../../../src/core/client/streamChat';
import type { StreamEvent } from '../../../../src/core/types';
import {
  chunk,
  collect,
  concat,
  data,
  merged,
  responseFrom,
  SPLITTINGS,
  scriptedFetch,
  utf8,
} from '../../../helpers/streamHarness';

const endpoint = { baseUrl: 'http://127.0.0.1:9999/v1' };
const request = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] };

interface Case {
  name: string;
  body: string | Uint8Array;
  headers?: Record<string, string>;
  /** Expected events with adjacent text (and reasoning) merged. */
  expect: StreamEvent[];
  /** Compare only these fields of an error event (messages are prose). */
  errorMessage?: RegExp;
}

const done = 'data: [DONE]\n\n';
const stop = chunk({}, 'stop');
const finish = (reason: 'stop' | 'length' | 'tool_calls' | 'content_filter'): StreamEvent => ({
  type: 'finish',
  reason,
});
const text = (t: string): StreamEvent => ({ type: 'text', text: t });
const reasoning = (t: string): StreamEvent => ({ type: 'reasoning', text: t });
const usage = (p: number, c: number, t = p + c): StreamEvent => ({
  type: 'usage',
  promptTokens: p,
  completionTokens: c,
  totalTokens: t,
});
const protocolError = (interrupted: boolean): StreamEvent => ({
  type: 'error',
  kind: 'protocol',
  message: '',
  interrupted,
});
const toolCall = (id: string, name: string, args: string): StreamEvent => ({
  type: 'toolCall',
  id,
  name,
  arguments: args,
});
const tc = (fields: Record<string, unknown>) => chunk({ tool_calls: [fields] });

/** The seed API's example stream, verbatim in shape. */
const seedExample =
  'data: {"id":"chatcmpl-xxx","object":"chat.completion.chunk","created":1234567890,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"Hello"},"finish_reason":null}]}\n\n' +
  'data: {"id":"chatcmpl-xxx","object":"chat.completion.chunk","created":1234567890,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":" world"},"finish_reason":null}]}\n\n' +
  'data: {"id":"chatcmpl-xxx","object":"chat.completion.chunk","created":1234567890,"model":"gpt-4o","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n' +
  done;

const cases: Case[] = [
  { name: 'the seed API example', body: seedExample, expect: [text('Hello world'), finish('stop')] },
  {
    name: 'comments and keep-alives',
    body:
      ': ping\n\n' +
      chunk({ content: 'a' }) +
      ': OPENROUTER PROCESSING\n\n' +
      ':\n\n' +
      chunk({ content: 'b' }) +
      ': ping\n\n' +
      stop +
      done,
    expect: [text('ab'), finish('stop')],
  },
  {
    name: 'a byte-order mark before the first event',
    body: concat([new Uint8Array([0xef, 0xbb, 0xbf]), utf8(chunk({ content: 'bom' }) + stop + done)]),
    expect: [text('bom'), finish('stop')],
  },
  {
    name: 'CRLF line ends',
    body: (chunk({ content: 'cr' }) + chunk({ content: 'lf' }) + stop + done).replace(/\n/g, '\r\n'),
    expect: [text('crlf'), finish('stop')],
  },
  {
    name: 'CR line ends',
    body: (chunk({ content: 'old' }) + chunk({ content: ' mac' }) + stop + done).replace(/\n/g, '\r'),
    expect: [text('old mac'), finish('stop')],
  },
  {
    name: 'multi-line data',
    body: `data: {"choices":[{"index":0,\ndata: "delta":{"content":"two lines"}}]}\n\n${stop}${done}`,
    expect: [text('two lines'), finish('stop')],
  },
  {
    name: 'data: without a space',
    body: 'data:{"choices":[{"delta":{"content":"tight"}}]}\n\ndata:{"choices":[{"delta":{},"finish_reason":"stop"}]}\n\ndata:[DONE]\n\n',
    expect: [text('tight'), finish('stop')],
  },
  {
    name: 'many events in one chunk and events across chunks',
    body: Array.from({ length: 40 }, (_, i) => chunk({ content: `${i},` })).join('') + stop + done,
    expect: [text(Array.from({ length: 40 }, (_, i) => `${i},`).join('')), finish('stop')],
  },
  {
    name: 'multi-byte UTF-8 characters (split inside characters by the byte splittings)',
    body:
      chunk({ content: 'héllo wörld ' }) +
      chunk({ content: '你好，世界 ' }) +
      chunk({ content: '🌊🦀 ok' }) +
      stop +
      done,
    expect: [text('héllo wörld 你好，世界 🌊🦀 ok'), finish('stop')],
  },
  {
    name: "Azure's prompt-filter chunk and the usage chunk, both with choices: []",
    body:
      data({
        choices: [],
        created: 0,
        id: '',
        model: '',
        object: '',
        prompt_filter_results: [{ prompt_index: 0, content_filter_results: {} }],
      }) +
      chunk({ role: 'assistant', content: '' }) +
      chunk({ content: 'filtered' }) +
      stop +
      data({ id: 'x', choices: [], usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } }) +
      done,
    expect: [text('filtered'), usage(5, 2, 7), finish('stop')],
  },
  {
    name: 'finish_reason in the same chunk as content',
    body: chunk({ content: 'all at once' }, 'length') + done,
    expect: [text('all at once'), finish('length')],
  },
  {
    name: 'missing id and model',
    body:
      data({ choices: [{ delta: { content: 'anon' } }] }) +
      data({ choices: [{ delta: {}, finish_reason: 'stop' }] }) +
      done,
    expect: [text('anon'), finish('stop')],
  },
  {
    name: '[DONE] and nothing after it',
    body:
      chunk({ content: 'kept' }) +
      stop +
      done +
      chunk({ content: 'IGNORED' }) +
      data({ error: { message: 'ignored too' } }),
    expect: [text('kept'), finish('stop')],
  },
  {
    name: 'a body that ends without [DONE] after a finish reason',
    body: chunk({ content: 'fine' }) + stop,
    expect: [text('fine'), finish('stop')],
  },
  {
    name: 'a body that ends without [DONE] and before a finish reason: ended early',
    body: chunk({ content: 'partial' }),
    expect: [text('partial'), protocolError(true)],
    errorMessage: /stopped early/,
  },
  {
    name: 'a body cut inside an event',
    body: `${chunk({ content: 'partial' })}data: {"choices":[{"delta":{"content":"cu`,
    expect: [text('partial'), protocolError(true)],
    errorMessage: /stopped early/,
  },
  {
    name: '[DONE] with no finish reason after some content: a normal stop',
    body: chunk({ content: 'no reason' }) + done,
    expect: [text('no reason'), finish('stop')],
  },
  {
    name: '[DONE] with no data event before it: nothing usable',
    body: `: ping\n\n${done}`,
    expect: [protocolError(false)],
    errorMessage: /anything usable/,
  },
  {
    name: 'an empty body',
    body: '',
    expect: [protocolError(false)],
    errorMessage: /without sending an answer/,
  },
  {
    name: 'an {"error": …} object mid-stream',
    body:
      chunk({ content: 'half' }) +
      data({ error: { message: 'Upstream provider overloaded', type: 'server_error', code: 'overloaded' } }) +
      done,
    expect: [
      text('half'),
      {
        type: 'error',
        kind: 'api',
        message: '',
        server: { code: 'overloaded', type: 'server_error' },
        interrupted: true,
      },
    ],
    errorMessage: /Upstream provider overloaded/,
  },
  {
    name: 'event: error mid-stream',
    body: `${chunk({ content: 'half' })}event: error\ndata: {"message":"model crashed"}\n\n${done}`,
    expect: [text('half'), { type: 'error', kind: 'api', message: '', interrupted: true }],
    errorMessage: /model crashed/,
  },
  {
    name: 'event: error with plain-text data',
    body: 'event: error\ndata: rate limit reached\n\n',
    expect: [{ type: 'error', kind: 'api', message: '', interrupted: false }],
    errorMessage: /rate limit reached/,
  },
  {
    name: 'a server that ignores stream: true and answers with one JSON completion',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id: 'chatcmpl-1',
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Whole answer, ünïcode.' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
    }),
    expect: [text('Whole answer, ünïcode.'), usage(3, 4), finish('stop')],
  },
  {
    name: 'one JSON completion with reasoning and a tool call, mislabelled as an event stream',
    body:
      '\n' +
      JSON.stringify(
        {
          choices: [
            {
              message: {
                role: 'assistant',
                content: null,
                reasoning_content: 'Need weather.',
                tool_calls: [
                  { id: 'call_9', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } },
                ],
              },
              finish_reason: 'tool_calls',
            },
          ],
        },
        null,
        2,
      ),
    expect: [reasoning('Need weather.'), toolCall('call_9', 'weather', '{"city":"Oslo"}'), finish('tool_calls')],
  },
  {
    name: 'an HTML page labelled as an event stream',
    body: '\n<!doctype html><html><body>Gateway says hi</body></html>',
    expect: [protocolError(false)],
    errorMessage: /HTML page instead of an event stream/,
  },
  {
    name: 'non-JSON lines',
    body:
      'OPENROUTER PROCESSING\n\n' +
      chunk({ content: 'a' }) +
      'data: this is not json\n\n' +
      'retry: soon\n' +
      chunk({ content: 'b' }) +
      stop +
      done,
    expect: [text('ab'), finish('stop')],
  },
  {
    name: 'finish_reason "" on every chunk is not a finish',
    body: chunk({ content: 'x' }, '') + chunk({ content: 'y' }, '') + chunk({}, '') + done,
    expect: [text('xy'), finish('stop')],
  },
  {
    name: 'finish_reason "" on every chunk, then the body ends: ended early',
    body: chunk({ content: 'x' }, '') + chunk({ content: 'y' }, ''),
    expect: [text('xy'), protocolError(true)],
  },
  {
    name: 'role: ""',
    body: chunk({ role: '', content: 'r' }) + chunk({ role: '', content: 'ole' }) + stop + done,
    expect: [text('role'), finish('stop')],
  },
  {
    name: 'tool calls: OpenAI shape, two calls',
    body:
      chunk({
        role: 'assistant',
        content: null,
        tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }],
      }) +
      tc({ index: 0, function: { arguments: '{"city":' } }) +
      tc({ index: 0, function: { arguments: '"Paris"}' } }) +
      tc({ index: 1, id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{}' } }) +
      chunk({}, 'tool_calls') +
      done,
    expect: [
      toolCall('call_a', 'get_weather', '{"city":"Paris"}'),
      toolCall('call_b', 'get_time', '{}'),
      finish('tool_calls'),
    ],
  },
  {
    name: 'tool-call indexes starting at 1',
    body:
      tc({ index: 1, id: 'c1', function: { name: 'f', arguments: '{"a"' } }) +
      tc({ index: 1, function: { arguments: ':1}' } }) +
      tc({ index: 2, id: 'c2', function: { name: 'g', arguments: '{}' } }) +
      chunk({}, 'tool_calls') +
      done,
    expect: [toolCall('c1', 'f', '{"a":1}'), toolCall('c2', 'g', '{}'), finish('tool_calls')],
  },
  {
    name: 'tool-call indexes missing (keyed on id)',
    body:
      tc({ id: 'p', function: { name: 'one', arguments: '{"x":' } }) +
      tc({ function: { arguments: '1}' } }) +
      tc({ id: 'q', function: { name: 'two', arguments: '{}' } }) +
      chunk({}, 'tool_calls') +
      done,
    expect: [toolCall('p', 'one', '{"x":1}'), toolCall('q', 'two', '{}'), finish('tool_calls')],
  },
  {
    name: 'parallel tool calls all at index 0, told apart by id',
    body:
      tc({ index: 0, id: 'u', function: { name: 'a', arguments: '{}' } }) +
      tc({ index: 0, id: 'v', function: { name: 'b', arguments: '{"k":' } }) +
      tc({ index: 0, function: { arguments: '2}' } }) +
      chunk({}, 'tool_calls') +
      done,
    expect: [toolCall('u', 'a', '{}'), toolCall('v', 'b', '{"k":2}'), finish('tool_calls')],
  },
  {
    name: 'a tool name that arrives late',
    body:
      tc({ index: 0, id: 'late', function: { arguments: '{"q":' } }) +
      tc({ index: 0, function: { name: 'search' } }) +
      tc({ index: 0, function: { arguments: '"rill"}' } }) +
      chunk({}, 'tool_calls') +
      done,
    expect: [toolCall('late', 'search', '{"q":"rill"}'), finish('tool_calls')],
  },
  {
    name: 'a trailing empty-arguments delta (still one call)',
    body:
      tc({ index: 0, id: 'once', type: 'function', function: { name: 'lookup', arguments: '{"id":7}' } }) +
      tc({ index: 0, id: 'once', function: { arguments: '' } }) +
      chunk({}, 'tool_calls') +
      done,
    expect: [toolCall('once', 'lookup', '{"id":7}'), finish('tool_calls')],
  },
  {
    name: 'U+2028 and U+2029 inside JSON strings, raw and escaped',
    body:
      `data: {"choices":[{"delta":{"content":"a\u2028b\u2029c"}}]}\n\n` +
      'data: {"choices":[{"delta":{"content":"\\u2028d"}}]}\n\n' +
      stop +
      done,
    expect: [text('a\u2028b\u2029c\u2028d'), finish('stop')],
  },
  {
    name: 'usage on the finish chunk',
    body:
      chunk({ content: 'u' }) +
      chunk({}, 'stop', { usage: { prompt_tokens: 10, completion_tokens: 1, total_tokens: 11 } }) +
      done,
    expect: [text('u'), usage(10, 1, 11), finish('stop')],
  },
  {
    name: 'usage under x_groq',
    body:
      chunk({ content: 'g' }) +
      chunk({}, 'stop', {
        x_groq: { id: 'req_1', usage: { prompt_tokens: 8, completion_tokens: 3, total_tokens: 11, queue_time: 0.01 } },
      }) +
      done,
    expect: [text('g'), usage(8, 3, 11), finish('stop')],
  },
  {
    name: 'usage without total_tokens',
    body:
      chunk({ content: 't' }) + stop + data({ choices: [], usage: { prompt_tokens: 2, completion_tokens: 3 } }) + done,
    expect: [text('t'), usage(2, 3, 5), finish('stop')],
  },
  {
    name: 'an error object whose error is a string',
    body: data({ error: 'model "m" not found, try pulling it first' }),
    expect: [{ type: 'error', kind: 'api', message: '', interrupted: false }],
    errorMessage: /try pulling it first/,
  },
  {
    name: 'an error object with a numeric code',
    body: chunk({ content: 'so far' }) + data({ error: { message: 'Rate limit exceeded', code: 429 } }),
    expect: [
      text('so far'),
      { type: 'error', kind: 'rateLimited', status: 429, message: '', server: { code: '429' }, interrupted: true },
    ],
    errorMessage: /Rate limit exceeded/,
  },
  {
    name: 'an error object without its wrapper ({"object":"error"})',
    body: data({
      object: 'error',
      message: 'This model has a maximum context length of 4096 tokens.',
      type: 'BadRequestError',
      param: null,
      code: 400,
    }),
    expect: [
      {
        type: 'error',
        kind: 'http',
        status: 400,
        message: '',
        server: { code: '400', type: 'BadRequestError' },
        interrupted: false,
      },
    ],
    errorMessage: /maximum context length/,
  },
  {
    name: 'an OpenRouter mid-stream error with finish_reason "error"',
    body:
      chunk({ content: 'abc' }) +
      data({
        id: 'x',
        object: 'chat.completion.chunk',
        error: { code: 502, message: 'Provider disconnected' },
        choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }],
      }) +
      done,
    expect: [
      text('abc'),
      { type: 'error', kind: 'server', status: 502, message: '', server: { code: '502' }, interrupted: true },
    ],
    errorMessage: /Provider disconnected/,
  },
  {
    name: 'reasoning_content and reasoning fields',
    body:
      chunk({ reasoning_content: 'Let me ' }) +
      chunk({ reasoning: 'think. ' }) +
      chunk({ content: 'Answer.' }) +
      stop +
      done,
    expect: [reasoning('Let me think. '), text('Answer.'), finish('stop')],
  },
  {
    name: '<think>…</think> in the content',
    body: chunk({ content: '<think>\nweigh options' }) + chunk({ content: '</think>\n\nThe answer.' }) + stop + done,
    expect: [reasoning('\nweigh options'), text('The answer.'), finish('stop')],
  },
  {
    name: '<think> split across deltas, and still open when the answer ends',
    body:
      chunk({ content: '  <th' }) + chunk({ content: 'ink>deep' }) + chunk({ content: ' thought </thi' }) + stop + done,
    expect: [reasoning('deep thought </thi'), finish('stop')],
  },
  {
    name: 'only </think> arrives: what came before it was reasoning',
    body:
      chunk({ content: 'The user asks' }) +
      chunk({ content: ' something.</th' }) +
      chunk({ content: 'ink>\n\nHere it is.' }) +
      stop +
      done,
    expect: [
      text('The user asks something.'),
      { type: 'textWasReasoning', chars: 24 },
      text('Here it is.'),
      finish('stop'),
    ],
  },
  {
    name: 'only </think> arrives, with reasoning before it in the same delta',
    body: chunk({ content: 'Plan: greet.</think>Hi!' }) + stop + done,
    expect: [reasoning('Plan: greet.'), text('Hi!'), finish('stop')],
  },
  {
    name: 'only </think> arrives after some text, in the middle of a delta',
    body: chunk({ content: 'Okay, ' }) + chunk({ content: 'plan.</think>\nHi!' }) + stop + done,
    expect: [text('Okay, '), { type: 'textWasReasoning', chars: 6 }, reasoning('plan.'), text('Hi!'), finish('stop')],
  },
  {
    name: 'a <think> block in the middle of an answer is reasoning (interleaved thinking)',
    body: chunk({ content: 'First part. <think>check it' }) + chunk({ content: '</think> Second part.' }) + stop + done,
    expect: [text('First part. '), reasoning('check it'), text('Second part.'), finish('stop')],
  },
  {
    name: 'several <think> blocks in one answer, tags split across deltas',
    body:
      chunk({ content: '<think>plan</thi' }) +
      chunk({ content: 'nk>Step 1.\n<th' }) +
      chunk({ content: 'ink>recheck</think>\nStep 2.<think>' }) +
      chunk({ content: 'done?</think>Done.' }) +
      stop +
      done,
    expect: [
      reasoning('plan'),
      text('Step 1.\n'),
      reasoning('recheck'),
      text('Step 2.'),
      reasoning('done?'),
      text('Done.'),
      finish('stop'),
    ],
  },
  {
    name: 'tags quoted in inline code are text',
    body: chunk({ content: 'Use the `<think>` tag like this: `<think>x</think>`.' }) + stop + done,
    expect: [text('Use the `<think>` tag like this: `<think>x</think>`.'), finish('stop')],
  },
  {
    name: 'tags quoted in a double-backtick code span split across deltas are text',
    body: chunk({ content: 'Write ``<thi' }) + chunk({ content: 'nk>` x</think>`` to mark it.' }) + stop + done,
    expect: [text('Write ``<think>` x</think>`` to mark it.'), finish('stop')],
  },
  {
    name: 'tags inside a fenced code block are text; after the fence they count again',
    body:
      chunk({ content: 'Example:\n``' }) +
      chunk({ content: '`xml\n<think>a</think>\n</think>\n`' }) +
      chunk({ content: '``\nThen <think>real</think>end.' }) +
      stop +
      done,
    expect: [
      text('Example:\n```xml\n<think>a</think>\n</think>\n```\nThen '),
      reasoning('real'),
      text('end.'),
      finish('stop'),
    ],
  },
  {
    name: 'tags inside a tilde fence are text',
    body: chunk({ content: '~~~\n<think>x</think>\n~~~\nok' }) + stop + done,
    expect: [text('~~~\n<think>x</think>\n~~~\nok'), finish('stop')],
  },
  {
    name: 'a lone </think> after a block and answer text is text',
    body: chunk({ content: '<think>a</think>The tag </think> closes a block.' }) + stop + done,
    expect: [reasoning('a'), text('The tag </think> closes a block.'), finish('stop')],
  },
  {
    name: 'a lone </think> quoted in code before any tag is text, not reasoning',
    body: chunk({ content: 'Close it with `</think>`.' }) + stop + done,
    expect: [text('Close it with `</think>`.'), finish('stop')],
  },
  {
    name: 'an unclosed code span ends at a blank line: a later tag counts',
    body: chunk({ content: 'A stray ` here.\n\n<think>x</think>ok' }) + stop + done,
    expect: [text('A stray ` here.\n\n'), reasoning('x'), text('ok'), finish('stop')],
  },
  {
    name: 'only choice 0 is the answer when a server interleaves several choices',
    body:
      data({ choices: [{ index: 0, delta: { role: 'assistant', content: 'A' } }] }) +
      data({ choices: [{ index: 1, delta: { role: 'assistant', content: 'X' } }] }) +
      data({
        choices: [
          { index: 1, delta: { tool_calls: [{ index: 0, id: 'c1', function: { name: 'f', arguments: '{}' } }] } },
        ],
      }) +
      data({ choices: [{ index: 1, delta: {}, finish_reason: 'tool_calls' }] }) +
      data({
        choices: [
          { index: 0, delta: { content: 'B' } },
          { index: 1, delta: { content: 'Y' } },
        ],
      }) +
      data({
        choices: [
          { index: 1, delta: { content: 'Z' } },
          { index: 0, delta: { content: 'C' } },
        ],
      }) +
      data({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }) +
      done,
    expect: [text('ABC'), finish('stop')],
  },
  {
    name: 'an older llama.cpp error sent as an SSE error: field at HTTP 200',
    body:
      'error: {"code":400,"message":"the request exceeds the available context size, try increasing it","type":"exceed_context_size_error","n_prompt_tokens":5000,"n_ctx":4096}\n\n' +
      done,
    expect: [
      {
        type: 'error',
        kind: 'http',
        status: 400,
        message: '',
        server: { code: '400', type: 'exceed_context_size_error' },
        interrupted: false,
      },
    ],
    errorMessage: /exceeds the available context size/,
  },
  {
    name: 'a string error with a message beside it shows both',
    body: data({ error: 'Not Found', message: 'Cannot POST /v1/chat/completions', statusCode: 404 }),
    expect: [{ type: 'error', kind: 'api', message: '', interrupted: false }],
    errorMessage: /Not Found: Cannot POST \/v1\/chat\/completions/,
  },
  {
    name: 'length and content_filter finish reasons',
    body: chunk({ content: 'cut' }) + chunk({}, 'content_filter') + done,
    expect: [text('cut'), finish('content_filter')],
  },
  {
    name: 'a legacy function_call delta',
    body:
      chunk({ function_call: { name: 'legacy', arguments: '{"a":' } }) +
      chunk({ function_call: { arguments: '1}' } }) +
      chunk({}, 'function_call') +
      done,
    expect: [toolCall('call_0', 'legacy', '{"a":1}'), finish('tool_calls')],
  },
];

/** Blanks error messages (checked separately) so the events compare by structure. */
function shape(events: StreamEvent[]): StreamEvent[] {
  return merged(events).map((e) => (e.type === 'error' ? { ...e, message: '' } : e));
}

async function runWith(
  body: Uint8Array,
  split: (b: Uint8Array) => Uint8Array[],
  headers?: Record<string, string>,
): Promise<StreamEvent[]> {
  const fetch = scriptedFetch(responseFrom(split(body), { headers }));
  return collect(streamChat(endpoint, request, { fetch, idleTimeoutMs: 0 }));
}

describe('stream cases (each whole, byte by byte, and at random split points)', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const body = typeof c.body === 'string' ? utf8(c.body) : c.body;
      const reference = await runWith(body, (b) => [b], c.headers);
      assert.deepEqual(shape(reference), c.expect);
      const terminal = reference[reference.length - 1];
      if (c.errorMessage) {
        assert.equal(terminal.type, 'error');
        if (terminal.type === 'error') assert.match(terminal.message, c.errorMessage);
      }
      for (const s of SPLITTINGS.slice(1)) {
        const events = await runWith(body, s.split, c.headers);
        assert.deepEqual(events, reference, `events differ when fed ${s.name}`);
      }
    });
  }
});
