/**
 * The chat session with tools: the model's calls become steps of the answer (in order with its
 * text), their results go back in the next request, and the steps are sent again, in the form of
 * the request that carries them, when the conversation is asked again (Continue, the next
 * question); Stop ends a running tool at once; the window marker counts turns, not messages.
 */
import * as assert from 'node:assert';
import type { ChatTurn } from '../../../../src/core/chat';
import { answerMessages, markUnfinishedInterrupted } from '../../../../src/core/chat';
import { ChatSession, type RequestTarget, type SessionTools } from '../../../../src/core/chat/session';
import { READ_TOOLS, type ToolHost } from '../../../../src/core/tools';
import type { StreamEvent } from '../../../../src/core/types';
import { scripted } from '../../../helpers/scriptedStream';

const target: RequestTarget = { endpoint: { baseUrl: 'http://x/v1' }, model: 'm', systemPrompt: 'sys' };

/** A workspace of one file; `readText` can be made to hang until cancelled. */
function host(opts: { hang?: boolean } = {}): ToolHost {
  const files: Record<string, string> = { 'src/retry.ts': 'export const retryDelay = 5;\n' };
  return {
    workspaceRelative: () => undefined,
    readText: (path, signal) =>
      opts.hang
        ? new Promise((resolve) =>
            signal.addEventListener('abort', () => resolve({ ok: false, refusal: { reason: 'cancelled' } })),
          )
        : Promise.resolve(
            files[path] !== undefined
              ? { ok: true, value: files[path] }
              : { ok: false, refusal: { reason: path === '.env' ? 'secret' : 'notFound' } },
          ),
    listDir: async () => ({ ok: true, value: [{ name: 'src', folder: true }] }),
    findFiles: async () => ({ ok: true, value: { items: Object.keys(files), more: false } }),
    searchText: async () => ({
      ok: true,
      value: { items: [{ path: 'src/retry.ts', line: 1, text: files['src/retry.ts'].trim() }], more: false },
    }),
  };
}

const tools = (h: ToolHost, mode: SessionTools['mode'] = 'auto'): SessionTools => ({
  host: h,
  tools: READ_TOOLS.filter((t) => !t.available || t.available(h)),
  mode,
  maxRounds: 25,
});

const call = (id: string, name: string, args: object): StreamEvent => ({
  type: 'toolCall',
  id,
  name,
  arguments: JSON.stringify(args),
});

describe('ChatSession with tools', () => {
  it('runs the calls as steps where the text stands, sends their results back, and keeps the answer after them', async () => {
    const s = scripted(
      [
        { type: 'text', text: 'Looking. ' },
        call('c1', 'search_text', { query: 'retryDelay' }),
        call('c2', 'read_file', { path: '.env' }),
        { type: 'finish', reason: 'tool_calls' },
      ],
      [
        { type: 'text', text: 'It is in src/retry.ts.' },
        { type: 'finish', reason: 'stop' },
      ],
    );
    const session = new ChatSession(s.fn, async () => target, { tools: () => tools(host()) });
    const turn = await session.ask('where is retryDelay?');
    assert.strictEqual(turn.status, 'complete');
    assert.strictEqual(turn.text, 'Looking. It is in src/retry.ts.');
    const steps = turn.steps ?? [];
    assert.deepStrictEqual(
      steps.map((st) => [st.id, st.name, st.round, st.at, st.status]),
      [
        ['c1', 'search_text', 0, 9, 'done'],
        ['c2', 'read_file', 0, 9, 'refused'],
      ],
    );
    assert.match(steps[0].label, /retryDelay/);
    assert.deepStrictEqual(steps[0].links, [{ path: 'src/retry.ts', line: 1 }]);
    assert.match(steps[1].label, /Refused \.env: secret file/);
    assert.ok(
      s.requests[0].tools?.some((t) => t.function.name === 'read_file'),
      'native tools offered',
    );
    const second = s.requests[1].messages;
    assert.deepStrictEqual(
      second.slice(-4).map((m) => [m.role, m.toolCallId ?? m.toolCalls?.map((c) => c.id).join(',') ?? '']),
      [
        ['user', ''],
        ['assistant', 'c1,c2'],
        ['tool', 'c1'],
        ['tool', 'c2'],
      ],
    );
    assert.match(second[second.length - 2].content, /retry\.ts:1/);
  });

  it('sends an earlier answer with steps again on the next question: native form with native tools, text form without', async () => {
    const s = scripted(
      [call('c1', 'read_file', { path: 'src/retry.ts' }), { type: 'finish', reason: 'tool_calls' }],
      [
        { type: 'text', text: 'Five.' },
        { type: 'finish', reason: 'stop' },
      ],
      [
        { type: 'text', text: 'ok' },
        { type: 'finish', reason: 'stop' },
      ],
      [
        { type: 'text', text: 'ok' },
        { type: 'finish', reason: 'stop' },
      ],
    );
    let mode: SessionTools['mode'] = 'native';
    const session = new ChatSession(s.fn, async () => target, { tools: () => tools(host(), mode) });
    await session.ask('what is retryDelay?');
    await session.ask('and then?');
    const native = s.requests[2].messages.map((m) => m.role);
    assert.deepStrictEqual(native, ['system', 'user', 'assistant', 'tool', 'assistant', 'user']);
    assert.strictEqual(s.requests[2].messages[2].toolCalls?.[0].name, 'read_file');
    mode = 'off';
    await session.ask('and now?');
    const plain = s.requests[3].messages;
    assert.strictEqual(s.requests[3].tools, undefined);
    assert.deepStrictEqual(
      plain.map((m) => m.role),
      ['system', 'user', 'assistant', 'user', 'assistant', 'user', 'assistant', 'user'],
    );
    assert.match(
      plain[2].content,
      /<tool_call>\{"name": "read_file", "arguments": \{"path":"src\/retry.ts"\}\}<\/tool_call>/,
    );
    assert.match(plain[3].content, /<tool_response name="read_file">/);
  });

  it('Continue sends the answer so far with its steps, and numbers the new rounds on', async () => {
    const s = scripted(
      [call('c1', 'list_dir', { path: '.' }), { type: 'finish', reason: 'tool_calls' }],
      [
        { type: 'text', text: 'Part one' },
        { type: 'finish', reason: 'length' },
      ],
      [call('c1', 'find_files', { pattern: '**/*.ts' }), { type: 'finish', reason: 'tool_calls' }],
      [
        { type: 'text', text: ' and two.' },
        { type: 'finish', reason: 'stop' },
      ],
    );
    const session = new ChatSession(s.fn, async () => target, { tools: () => tools(host(), 'native') });
    const turn = await session.ask('list it');
    await session.continueTurn(turn.id);
    assert.strictEqual(turn.text, 'Part one and two.');
    assert.deepStrictEqual(
      turn.steps?.map((st) => [st.id, st.round, st.at]),
      [
        ['c1', 0, 0],
        ['c1_1', 1, 8],
      ],
    );
    const roles = s.requests[2].messages.map((m) => m.role);
    assert.deepStrictEqual(roles, ['system', 'user', 'assistant', 'tool', 'assistant', 'user']);
  });

  it('Stop ends a running tool at once: the step is marked stopped and the turn interrupted', async () => {
    const s = scripted([call('c1', 'read_file', { path: 'src/retry.ts' }), { type: 'finish', reason: 'tool_calls' }]);
    const session = new ChatSession(s.fn, async () => target, { tools: () => tools(host({ hang: true })) });
    const asked = session.ask('read it');
    while (!session.chat.turns[1]?.steps?.length) await new Promise((r) => setTimeout(r, 2));
    assert.strictEqual(session.chat.turns[1].steps?.[0].status, 'running');
    const t0 = Date.now();
    await session.stop();
    const turn = await asked;
    assert.ok(Date.now() - t0 < 200, 'stopped at once');
    assert.strictEqual(turn.steps?.[0].status, 'cancelled');
    assert.strictEqual(turn.status, 'interrupted');
    assert.strictEqual(s.requests.length, 1, 'no request after the stop');
  });

  it('a step left running by a closed window comes back stopped', () => {
    const turn: ChatTurn = {
      id: 'a',
      role: 'assistant',
      text: '',
      status: 'streaming',
      steps: [{ id: 'c', name: 'read_file', arguments: '{}', round: 0, at: 0, status: 'running', label: 'Reading' }],
    };
    const chat = { id: 'x', title: '', createdAt: 0, updatedAt: 0, turns: [turn] };
    assert.ok(markUnfinishedInterrupted(chat));
    assert.strictEqual(turn.steps?.[0].status, 'cancelled');
    assert.deepStrictEqual(
      answerMessages(turn, 'native').map((m) => [m.role, m.content]),
      [
        ['assistant', ''],
        ['tool', 'Not run: the answer stopped before this call finished.'],
      ],
    );
  });
});
