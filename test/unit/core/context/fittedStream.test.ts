import * as assert from 'node:assert';
import type { StreamFn } from '../../../../src/core/client';
import { type ContextEvent, createContextState, type FittedRequest, streamFitted } from '../../../../src/core/context';
import type { ChatMessage, ChatRequest, StreamEvent } from '../../../../src/core/types';

function history(turns: number): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (let i = 0; i < turns; i++) {
    out.push({ role: 'user', content: `question ${i} ${'about things '.repeat(40)}` });
    out.push({ role: 'assistant', content: `answer ${i} ${'because reasons '.repeat(40)}` });
  }
  return out;
}

/** A stream that answers each request with the next script and records what was asked. */
function scripted(...scripts: StreamEvent[][]) {
  const requests: ChatRequest[] = [];
  const fn: StreamFn = async function* (_e, request) {
    requests.push(request);
    for (const ev of scripts.shift() ?? []) yield ev;
  };
  return { fn, requests };
}

const spec = (turns: number, setting?: number): FittedRequest => ({
  endpoint: { baseUrl: 'http://x/v1' },
  endpointKey: 'http://x/v1',
  request: { model: 'm' },
  conversation: { system: 'sys', history: history(turns), question: { role: 'user', content: 'and now?' } },
  window: { setting },
});

async function collect(it: AsyncIterable<StreamEvent | ContextEvent>): Promise<(StreamEvent | ContextEvent)[]> {
  const out: (StreamEvent | ContextEvent)[] = [];
  for await (const e of it) out.push(e);
  return out;
}

const overflow = (message: string): StreamEvent => ({
  type: 'error',
  kind: 'api',
  status: 400,
  message: `The server rejected the request (400 Bad Request): ${message}`,
  interrupted: false,
});
const answer: StreamEvent[] = [
  { type: 'text', text: 'ok' },
  { type: 'finish', reason: 'stop' },
];

describe('a fitted request', () => {
  it('announces the plan before the stream', async () => {
    const s = scripted(answer);
    const events = await collect(
      streamFitted(s.fn, spec(2, 100_000), createContextState(), new AbortController().signal),
    );
    const first = events[0] as Extract<ContextEvent, { type: 'context' }>;
    assert.strictEqual(first.type, 'context');
    assert.strictEqual(first.windowTokens, 100_000);
    assert.strictEqual(first.windowSource, 'setting');
    assert.strictEqual(first.droppedMessages, 0);
    assert.deepStrictEqual(events.slice(1), answer);
    assert.strictEqual(s.requests[0].messages.length, 6);
  });

  it('after an overflow error, learns the stated window, retries once with less, and remembers it', async () => {
    const s = scripted(
      [overflow("This model's maximum context length is 1500 tokens. However, you requested 9000 tokens.")],
      answer,
    );
    const state = createContextState();
    const events = await collect(streamFitted(s.fn, spec(30, 100_000), state, new AbortController().signal));
    assert.strictEqual(s.requests.length, 2);
    assert.ok(s.requests[1].messages.length < s.requests[0].messages.length);
    assert.strictEqual(s.requests[1].messages[0].content, 'sys');
    assert.strictEqual(s.requests[1].messages.at(-1)?.content, 'and now?');
    const types = events.map((e) => e.type);
    assert.deepStrictEqual(types, ['context', 'contextOverflow', 'context', 'text', 'finish']);
    const retry = events[2] as Extract<ContextEvent, { type: 'context' }>;
    assert.strictEqual(retry.retry, true);
    assert.strictEqual(retry.windowTokens, 1500);
    assert.strictEqual(retry.windowSource, 'learned');
    assert.ok(retry.droppedMessages > 0);
    assert.ok(retry.promptTokens <= 1500);
    assert.strictEqual(state.memory.get('http://x/v1', 'm'), 1500);

    // The next request plans with the learned window from the start.
    const next = scripted(answer);
    await collect(streamFitted(next.fn, spec(30, 100_000), state, new AbortController().signal));
    assert.strictEqual(next.requests[0].messages.length, s.requests[1].messages.length);
  });

  it('retries at most once, then reports the error', async () => {
    const err = overflow('request (5000 tokens) exceeds the available context size (2000 tokens), try increasing it');
    const s = scripted([err], [err], [err]);
    const events = await collect(
      streamFitted(s.fn, spec(30, 100_000), createContextState(), new AbortController().signal),
    );
    assert.strictEqual(s.requests.length, 2);
    assert.deepStrictEqual(
      events.map((e) => e.type),
      ['context', 'contextOverflow', 'context', 'contextOverflow', 'error'],
    );
    assert.strictEqual((events[3] as { retrying: boolean }).retrying, false);
  });

  it('uses the server’s count from the error to calibrate, so the retry fits its tokenizer', async () => {
    // The server counts three times what Rill estimates (another vocabulary).
    const s = scripted([], answer);
    const state = createContextState();
    const first = await collect(streamFitted(scripted(answer).fn, spec(30, 3000), state, new AbortController().signal));
    const sent = (first[0] as Extract<ContextEvent, { type: 'context' }>).plan.rawTokens;
    const s2 = scripted(
      [overflow(`request (${sent * 3} tokens) exceeds the available context size (3000 tokens), try increasing it`)],
      answer,
    );
    const events = await collect(streamFitted(s2.fn, spec(30, 3000), state, new AbortController().signal));
    const retry = events[2] as Extract<ContextEvent, { type: 'context' }>;
    assert.strictEqual(retry.type, 'context');
    assert.ok(Math.abs(state.calibration.factor('m') - 3) < 0.05);
    assert.ok(retry.plan.rawTokens * 3 <= 3000, `retry sends ${retry.plan.rawTokens} raw tokens`);
    assert.strictEqual(s.requests.length, 0);
  });

  it('does not retry an overflow after text arrived, nor other errors', async () => {
    const s = scripted([{ type: 'error', kind: 'auth', status: 401, message: 'bad key', interrupted: false }]);
    const events = await collect(streamFitted(s.fn, spec(3), createContextState(), new AbortController().signal));
    assert.deepStrictEqual(
      events.map((e) => e.type),
      ['context', 'error'],
    );
    assert.strictEqual(s.requests.length, 1);
  });

  it('says when the question alone cannot fit', async () => {
    const s = scripted([overflow('prompt is too long: 90000 tokens > 1000 maximum')]);
    const big = spec(0, 100_000);
    big.conversation.question = { role: 'user', content: 'word '.repeat(20_000) };
    const events = await collect(streamFitted(s.fn, big, createContextState(), new AbortController().signal));
    const o = events.find((e) => e.type === 'contextOverflow') as Extract<ContextEvent, { type: 'contextOverflow' }>;
    assert.strictEqual(o.retrying, false);
    assert.strictEqual(o.questionTooLong, true);
    assert.strictEqual(s.requests.length, 1);
    assert.strictEqual(events.at(-1)?.type, 'error');
  });

  it('warns once when the server counted far fewer prompt tokens than were sent', async () => {
    const usage: StreamEvent = { type: 'usage', promptTokens: 2048, completionTokens: 5, totalTokens: 2053 };
    const state = createContextState();
    const run = async () =>
      collect(
        streamFitted(
          scripted([usage, ...answer]).fn,
          { ...spec(60, 100_000), ollama: true },
          state,
          new AbortController().signal,
        ),
      );
    const first = await run();
    const warning = first.find((e) => e.type === 'contextWarning') as Extract<ContextEvent, { type: 'contextWarning' }>;
    assert.ok(warning, 'warned');
    assert.match(warning.message, /num_ctx/, "Ollama's setting, on Ollama");
    assert.strictEqual(warning.serverTokens, 2048);
    const second = await run();
    assert.ok(!second.some((e) => e.type === 'contextWarning'), 'only once');
    assert.strictEqual(state.calibration.factor('m'), 1, 'a cut prompt teaches nothing about the vocabulary');
  });

  it('gives no Ollama advice for another server', async () => {
    const usage: StreamEvent = { type: 'usage', promptTokens: 2048, completionTokens: 5, totalTokens: 2053 };
    const events = await collect(
      streamFitted(
        scripted([usage, ...answer]).fn,
        spec(60, 100_000),
        createContextState(),
        new AbortController().signal,
      ),
    );
    const warning = events.find((e) => e.type === 'contextWarning') as Extract<
      ContextEvent,
      { type: 'contextWarning' }
    >;
    assert.match(warning.message, /Raise the window in the server's settings/);
    assert.doesNotMatch(warning.message, /num_ctx|Ollama/);
  });

  it('passes on the server’s count of an accepted prompt, for the meter', async () => {
    const usage: StreamEvent = { type: 'usage', promptTokens: 900, completionTokens: 5, totalTokens: 905 };
    const events = await collect(
      streamFitted(
        scripted([usage, ...answer]).fn,
        spec(3, 100_000),
        createContextState(),
        new AbortController().signal,
      ),
    );
    assert.deepStrictEqual(
      events.find((e) => e.type === 'contextCounted'),
      { type: 'contextCounted', promptTokens: 900 },
    );
  });
});
