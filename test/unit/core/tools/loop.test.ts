/** The tools loop: rounds, message shapes, bounds, repeats, cancellation and the fallback to the text protocol. */
import * as assert from 'node:assert/strict';
import { EndpointMemory } from '../../../../src/core/client';
import {
  FILE_TOOLS,
  type StepWording,
  ToolLoop,
  type ToolLoopEvent,
  type ToolMode,
  type ToolRound,
} from '../../../../src/core/tools';
import type { StreamEvent } from '../../../../src/core/types';
import { FakeHost } from './fakeHost';

type Script = StreamEvent[] | ((round: ToolRound, signal: AbortSignal) => AsyncIterable<StreamEvent>);

/** A send that plays one script per round and records what each round asked. */
function scripted(...scripts: Script[]) {
  const rounds: ToolRound[] = [];
  const send = (round: ToolRound, signal: AbortSignal): AsyncIterable<StreamEvent> => {
    rounds.push({ ...round, exchange: round.exchange.map((m) => ({ ...m })) });
    const s = scripts.shift();
    if (!s) throw new Error(`no script for round ${rounds.length}`);
    if (typeof s === 'function') return s(round, signal);
    return (async function* () {
      yield* s;
    })();
  };
  return { send, rounds };
}

const native = (name: string, args: unknown, id = `id_${name}`): StreamEvent[] => [
  { type: 'toolCall', id, name, arguments: JSON.stringify(args) },
  { type: 'finish', reason: 'tool_calls' },
];
const answer = (text: string): StreamEvent[] => [
  { type: 'text', text },
  { type: 'finish', reason: 'stop' },
];

async function drive(
  send: ReturnType<typeof scripted>['send'],
  opts: {
    mode?: ToolMode;
    maxRounds?: number;
    host?: FakeHost;
    signal?: AbortSignal;
    memory?: EndpointMemory;
    wording?: StepWording;
  } = {},
) {
  const loop = new ToolLoop({
    send,
    wording: opts.wording,
    host: opts.host ?? new FakeHost({ 'a.ts': 'const a = 1;' }),
    tools: FILE_TOOLS,
    mode: opts.mode ?? 'auto',
    signal: opts.signal ?? new AbortController().signal,
    maxRounds: opts.maxRounds,
    memory: opts.memory,
    endpointKey: 'http://x/v1',
    model: 'm',
  });
  const events: ToolLoopEvent[] = [];
  for await (const e of loop.run()) events.push(e);
  return { events, loop, text: events.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('') };
}

describe('tools loop', () => {
  it('native: runs the calls, sends assistant tool_calls then role tool results, and ends with the answer', async () => {
    const s = scripted(
      [
        { type: 'text', text: 'Looking. ' },
        { type: 'toolCall', id: 'c1', name: 'read_file', arguments: '{"path":"a.ts"}' },
        { type: 'toolCall', id: 'c2', name: 'list_dir', arguments: '{"path":"."}' },
        { type: 'finish', reason: 'tool_calls' },
      ],
      answer('It is 1.'),
    );
    const { events, loop, text } = await drive(s.send);
    assert.equal(text, 'Looking. It is 1.');
    assert.deepEqual(
      events.map((e) => e.type),
      ['text', 'toolCall', 'toolResult', 'toolCall', 'toolResult', 'text', 'finish'],
    );
    assert.equal(s.rounds[0].protocol, 'native');
    assert.deepEqual(
      s.rounds[0].tools?.map((t) => t.function.name),
      ['read_file', 'list_dir', 'find_files', 'search_text'],
    );
    assert.deepEqual(s.rounds[1].exchange, [
      {
        role: 'assistant',
        content: 'Looking. ',
        toolCalls: [
          { id: 'c1', name: 'read_file', arguments: '{"path":"a.ts"}' },
          { id: 'c2', name: 'list_dir', arguments: '{"path":"."}' },
        ],
      },
      { role: 'tool', toolCallId: 'c1', content: 'const a = 1;', toolResultOf: 'read_file' },
      { role: 'tool', toolCallId: 'c2', content: 'a.ts', toolResultOf: 'list_dir' },
    ]);
    assert.equal(loop.exchange.length, 3);
    const step = events.find((e) => e.type === 'toolCall');
    assert.ok(step?.type === 'toolCall' && step.step === 'Reading a.ts' && step.protocol === 'native');
  });

  it('text protocol: the tools in the system addition, calls hidden from the text, results as <tool_response> blocks', async () => {
    const s = scripted(
      answer('Let me read. <tool_call>{"name":"read_file","arguments":{"path":"a.ts"}}</tool_call>'),
      answer('Done.'),
    );
    const { text } = await drive(s.send, { mode: 'text' });
    assert.equal(text, 'Let me read. Done.');
    assert.equal(s.rounds[0].tools, undefined);
    assert.match(s.rounds[0].systemAddition ?? '', /read_file\(path, start_line\?, end_line\?\)/);
    assert.match(s.rounds[0].systemAddition ?? '', /<tool_call>/);
    const [assistant, results] = s.rounds[1].exchange;
    assert.equal(assistant.role, 'assistant');
    assert.match(assistant.content, /<tool_call>/);
    assert.equal(results.role, 'user');
    assert.equal(results.content, '<tool_response name="read_file">\nconst a = 1;\n</tool_response>');
  });

  it('tags written as text while tools are offered natively are run too', async () => {
    const s = scripted(answer('<tool_call>{"name":"list_dir","arguments":{"path":"."}}</tool_call>'), answer('ok'));
    const { events } = await drive(s.send);
    assert.ok(events.some((e) => e.type === 'toolResult' && e.ok));
    assert.equal(s.rounds[1].exchange[1].role, 'user');
  });

  it('a plain answer is passed through; mode off offers nothing and runs nothing', async () => {
    const s = scripted(answer('<tool_call>{"name":"list_dir","arguments":{}}</tool_call> plain'));
    const { text, events } = await drive(s.send, { mode: 'off' });
    assert.equal(s.rounds[0].protocol, 'none');
    assert.equal(s.rounds[0].tools, undefined);
    assert.equal(s.rounds[0].systemAddition, undefined);
    assert.match(text, /plain/);
    assert.ok(!events.some((e) => e.type === 'toolResult'));
  });

  it('stops after maxRounds, saying why, and answers every call so the exchange stays valid', async () => {
    const s = scripted(native('read_file', { path: 'a.ts' }, 'x1'), native('list_dir', { path: '.' }, 'x2'));
    const { events, loop } = await drive(s.send, { maxRounds: 2 });
    const stop = events.find((e) => e.type === 'toolStop');
    assert.ok(stop?.type === 'toolStop' && stop.reason === 'maxRounds' && /2 rounds/.test(stop.message));
    assert.deepEqual(events.at(-1), { type: 'finish', reason: 'stop' });
    assert.equal(s.rounds.length, 2);
    assert.equal(loop.exchange.at(-1)?.toolCallId, 'x2');
    assert.match(loop.exchange.at(-1)?.content ?? '', /^Not run/);
  });

  it('the same call three times in a row stops the loop (arguments compared as JSON, key order aside)', async () => {
    const s = scripted(
      native('read_file', { path: 'a.ts', start_line: 1 }),
      [
        { type: 'toolCall', id: 'r2', name: 'read_file', arguments: '{"start_line":1,"path":"a.ts"}' },
        { type: 'finish', reason: 'tool_calls' },
      ],
      native('read_file', { path: 'a.ts', start_line: 1 }),
      answer('never sent'),
    );
    const host = new FakeHost({ 'a.ts': 'x' });
    const { events } = await drive(s.send, { host });
    assert.equal(s.rounds.length, 3);
    assert.equal(host.calls.length, 2, 'the third call is not run');
    const stop = events.find((e) => e.type === 'toolStop');
    assert.ok(stop?.type === 'toolStop' && stop.reason === 'repeated' && /3 times in a row/.test(stop.message));
  });

  it('different calls in between do not count as a repeat', async () => {
    const s = scripted(
      native('read_file', { path: 'a.ts' }),
      native('read_file', { path: 'a.ts' }),
      native('list_dir', { path: '.' }),
      native('read_file', { path: 'a.ts' }),
      answer('fine'),
    );
    const { text } = await drive(s.send);
    assert.equal(text, 'fine');
  });

  it('cancellation while a tool runs stops at once: the call is answered as cancelled, finish abort, no further request', async () => {
    const controller = new AbortController();
    const host = new FakeHost({ 'a.ts': 'x' }, { delayMs: 10_000 });
    const s = scripted(native('read_file', { path: 'a.ts' }), answer('never'));
    const started = Date.now();
    setTimeout(() => controller.abort(), 30);
    const { events, loop } = await drive(s.send, { host, signal: controller.signal });
    assert.ok(Date.now() - started < 2000);
    assert.deepEqual(events.at(-1), { type: 'finish', reason: 'abort' });
    const result = events.find((e) => e.type === 'toolResult');
    assert.ok(result?.type === 'toolResult' && result.refusal === 'cancelled');
    assert.equal(s.rounds.length, 1);
    assert.equal(loop.exchange.length, 2);
  });

  it('cancellation during the stream keeps the text that arrived and ends with finish abort', async () => {
    const s = scripted([
      { type: 'text', text: 'partial' },
      { type: 'finish', reason: 'abort' },
    ]);
    const { events, text } = await drive(s.send);
    assert.equal(text, 'partial');
    assert.deepEqual(events.at(-1), { type: 'finish', reason: 'abort' });
  });

  for (const reason of ['unsupported', 'badOutput'] as const)
    it(`auto: a ${reason} refusal asks the same round again at once with the text protocol, and remembers it`, async () => {
      const memory = new EndpointMemory();
      const s = scripted(
        [
          ...(reason === 'badOutput' ? [{ type: 'text' as const, text: 'par' }] : []),
          {
            type: 'error',
            kind: 'api',
            message: 'no tools',
            interrupted: reason === 'badOutput',
            toolsRefused: reason,
          },
        ],
        answer('<tool_call>{"name":"read_file","arguments":{"path":"a.ts"}}</tool_call>'),
        answer('It is 1.'),
      );
      const { events } = await drive(s.send, { memory });
      assert.deepEqual(
        s.rounds.map((r) => r.protocol),
        ['native', 'text', 'text'],
      );
      const fb = events.find((e) => e.type === 'toolFallback');
      assert.ok(fb?.type === 'toolFallback' && fb.reason === reason);
      assert.equal(fb.retractChars, reason === 'badOutput' ? 3 : 0);
      assert.deepEqual(events.at(-1), { type: 'finish', reason: 'stop' });
      assert.ok(memory.prefersTextTools('http://x/v1', 'm'));
      // The next question goes straight to the text protocol.
      const next = scripted(answer('hi'));
      await drive(next.send, { memory });
      assert.equal(next.rounds[0].protocol, 'text');
    });

  it('native mode does not fall back: the refusal is the answer’s error', async () => {
    const s = scripted([
      { type: 'error', kind: 'api', message: 'no tools', interrupted: false, toolsRefused: 'unsupported' },
    ]);
    const { events } = await drive(s.send, { mode: 'native' });
    assert.equal(events.at(-1)?.type, 'error');
    assert.equal(s.rounds.length, 1);
  });

  it('falls back only once: a second refusal is the error', async () => {
    const refusal: StreamEvent[] = [
      { type: 'error', kind: 'api', message: 'no', interrupted: false, toolsRefused: 'unsupported' },
    ];
    const s = scripted(refusal, refusal);
    const { events } = await drive(s.send);
    assert.equal(events.at(-1)?.type, 'error');
    assert.equal(s.rounds.length, 2);
  });

  it('a refused file is a result saying why, and the loop goes on', async () => {
    const host = new FakeHost({ '.env': 'K=1' }, { secret: ['.env'] });
    const s = scripted(native('read_file', { path: '.env' }), answer('I may not read it.'));
    const { events } = await drive(s.send, { host });
    const r = events.find((e) => e.type === 'toolResult');
    assert.ok(r?.type === 'toolResult' && !r.ok && r.summary === 'Refused .env: secret file');
    assert.match(s.rounds[1].exchange[1].content, /Secret files are never sent/);
  });

  it("words the steps' lines through the host's wording (the extension's translation), nested counts first", async () => {
    const host = new FakeHost({ 'a.ts': 'const a = 1;', '.env': 'K=1' }, { secret: ['.env'] });
    const s = scripted(
      [
        { type: 'toolCall', id: 'c1', name: 'list_dir', arguments: '{"path":"."}' },
        { type: 'toolCall', id: 'c2', name: 'read_file', arguments: '{"path":".env"}' },
        { type: 'finish', reason: 'tool_calls' },
      ],
      answer('Done.'),
    );
    const asked: string[] = [];
    const wording: StepWording = (template, args) => {
      asked.push(template);
      return `<${template.replace(/\{(\d)\}/g, (_m, i: string) => `[${args[Number(i)]}]`)}>`;
    };
    const { events } = await drive(s.send, { host, wording });
    const lines = events.flatMap((e) =>
      e.type === 'toolCall' ? [e.step] : e.type === 'toolResult' ? [e.summary] : [],
    );
    assert.deepEqual(lines, [
      '<Listing [.]>',
      '<Listed [.]: [<[2] entries>]>',
      '<Reading [.env]>',
      '<Refused [.env]: secret file>',
    ]);
    assert.ok(asked.includes('{0} entries'), 'the count is worded on its own');
    // What the model gets stays English: only the lines are worded.
    assert.match(s.rounds[1].exchange[2].content, /^Refused \.env: secret file/);
  });
});
