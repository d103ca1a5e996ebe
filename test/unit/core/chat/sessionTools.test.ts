/** ChatSession with tools: steps in order with the text, the exchange kept and sent again, fallback and off. */
import * as assert from 'node:assert';
import { ChatSession, type RequestTarget, type SessionTools, type StreamFn } from '../../../../src/core/chat/session';
import { chatToMarkdown } from '../../../../src/core/chat/transcript';
import { EndpointMemory } from '../../../../src/core/client';
import { FILE_TOOLS } from '../../../../src/core/tools';
import type { ChatRequest, StreamEvent } from '../../../../src/core/types';
import { FakeHost } from '../tools/fakeHost';

const target: RequestTarget = { endpoint: { baseUrl: 'http://x/v1' }, model: 'm', systemPrompt: 'sys' };

function scripted(...scripts: StreamEvent[][]) {
  const requests: ChatRequest[] = [];
  const fn: StreamFn = async function* (_e, request) {
    requests.push(structuredClone(request));
    for (const ev of scripts.shift() ?? []) yield ev;
  };
  return { fn, requests };
}

const kit = (mode: SessionTools['mode'] = 'auto', memory?: EndpointMemory): SessionTools => ({
  host: new FakeHost({ 'src/a.ts': 'export const a = 1;' }),
  tools: FILE_TOOLS,
  mode,
  memory,
});

/** A round that answers `text` and ends. */
const say = (text: string): StreamEvent[] => [
  { type: 'text', text },
  { type: 'finish', reason: 'stop' },
];

describe('ChatSession with tools', () => {
  it('a chat question runs the calls as steps placed in the text, keeps the exchange, and sends it again next time', async () => {
    const s = scripted(
      [
        { type: 'text', text: 'Let me look. ' },
        { type: 'toolCall', id: 'c1', name: 'read_file', arguments: '{"path":"src/a.ts"}' },
        { type: 'finish', reason: 'tool_calls' },
      ],
      say('a is 1.'),
      say('Yes.'),
    );
    const session = new ChatSession(s.fn, async () => target, { tools: () => kit() });
    const turn = await session.ask('What is a?');
    assert.strictEqual(turn.text, 'Let me look. a is 1.');
    assert.strictEqual(turn.status, 'complete');
    assert.deepStrictEqual(
      turn.steps?.map((st) => [st.name, st.status, st.title, st.at]),
      [['read_file', 'done', 'Read src/a.ts, lines 1-1', 13]],
    );
    assert.deepStrictEqual(
      s.requests[0].tools?.map((t) => t.function.name),
      ['read_file', 'list_dir', 'find_files', 'search_text'],
    );
    assert.strictEqual(turn.exchange?.length, 2);
    await session.ask('Sure?');
    const sent = s.requests[2].messages;
    assert.deepStrictEqual(
      sent.map((m) => [m.role, m.content]),
      [
        ['system', 'sys'],
        ['user', 'What is a?'],
        ['assistant', 'Let me look. '],
        ['tool', 'export const a = 1;'],
        ['assistant', 'a is 1.'],
        ['user', 'Sure?'],
      ],
    );
    assert.strictEqual(sent[2].toolCalls?.[0].id, 'c1');
  });

  it('with tools off, earlier native calls are sent as text and no tools are offered', async () => {
    const s = scripted(
      [
        { type: 'toolCall', id: 'c1', name: 'list_dir', arguments: '{"path":"."}' },
        { type: 'finish', reason: 'tool_calls' },
      ],
      say('One file.'),
      say('ok'),
    );
    let mode: SessionTools['mode'] = 'auto';
    const session = new ChatSession(s.fn, async () => target, { tools: () => kit(mode) });
    await session.ask('List');
    mode = 'off';
    await session.ask('Again');
    const last = s.requests[2];
    assert.strictEqual(last.tools, undefined);
    assert.ok(last.messages.every((m) => m.role !== 'tool' && !m.toolCalls));
    assert.match(last.messages[2].content, /<tool_call>\{"name": "list_dir"/);
    assert.match(last.messages[3].content, /^<tool_response name="list_dir">/);
  });

  it('a refusal of native tools retracts nothing shown and answers through the text protocol', async () => {
    const memory = new EndpointMemory();
    const s = scripted(
      [
        {
          type: 'error',
          kind: 'api',
          message: 'x does not support tools',
          status: 400,
          interrupted: false,
          toolsRefused: 'unsupported',
        },
      ],
      say('Plain answer.'),
    );
    const session = new ChatSession(s.fn, async () => target, { tools: () => kit('auto', memory) });
    const turn = await session.ask('Hi');
    assert.strictEqual(turn.text, 'Plain answer.');
    assert.strictEqual(turn.status, 'complete');
    assert.strictEqual(turn.error, undefined);
    assert.strictEqual(s.requests[1].tools, undefined);
    assert.match(s.requests[1].messages[0].content, /^sys\n\nYou can look through the user's workspace/);
    assert.ok(memory.prefersTextTools('http://x/v1', 'm'));
  });

  it('editor commands (not chat questions) get no tools', async () => {
    const s = scripted(say('fixed'));
    const session = new ChatSession(s.fn, async () => target, { tools: () => kit() });
    await session.ask('fix this', { task: 'fix', alone: true });
    assert.strictEqual(s.requests[0].tools, undefined);
  });

  it('Continue sends the turn’s tool rounds (as text: it offers no tools) before its text; the Markdown export lists the steps', async () => {
    const s = scripted(
      [
        { type: 'toolCall', id: 'c1', name: 'read_file', arguments: '{"path":"src/a.ts"}' },
        { type: 'finish', reason: 'tool_calls' },
      ],
      [
        { type: 'text', text: 'a is' },
        { type: 'finish', reason: 'length' },
      ],
      say(' 1.'),
    );
    const session = new ChatSession(s.fn, async () => target, { tools: () => kit() });
    const turn = await session.ask('What is a?');
    await session.continueTurn(turn.id);
    assert.strictEqual(turn.text, 'a is 1.');
    assert.deepStrictEqual(
      s.requests[2].messages.map((m) => m.role),
      ['system', 'user', 'assistant', 'user', 'assistant', 'user'],
    );
    // Continue offers no tools, so the rounds go in the text protocol's form.
    assert.match(s.requests[2].messages[2].content, /^<tool_call>\{"name": "read_file"/);
    assert.match(s.requests[2].messages[3].content, /^<tool_response name="read_file">/);
    assert.strictEqual(s.requests[2].messages[4].content, 'a is');
    assert.match(chatToMarkdown(session.chat), /> Tool: Read src\/a\.ts, lines 1-1/);
  });
});
