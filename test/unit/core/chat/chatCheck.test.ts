/**
 * Saved chats are checked field by field on load: each malformed field is dropped (the chat still
 * opens), a chat without what it cannot be without, or whose id is not its file's name, is kept
 * aside; export and a follow-up question never throw on what a damaged file held.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkChat } from '../../../../src/core/chat/chatCheck';
import { ChatStore } from '../../../../src/core/chat/chatStore';
import { ChatSession, type StreamFn } from '../../../../src/core/chat/session';
import { type Chat, chatToMarkdown } from '../../../../src/core/chat/transcript';

const ID = 'damaged1';

/** A chat as a file may hold it: every optional field of its turns set to `damage[field]`. */
function chatFile(damage: Record<string, unknown>, chat: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: ID,
    title: 'A chat',
    createdAt: 1,
    updatedAt: 2,
    turns: [
      { id: 'u1', role: 'user', text: 'question', status: 'complete', ...damage },
      { id: 'a1', role: 'assistant', text: 'answer', status: 'complete', ...damage },
    ],
    ...chat,
  };
}

const good = {
  attachments: [{ kind: 'file', label: 'a.ts', path: 'src/a.ts', text: 'code' }],
  toolCalls: [{ id: 'c1', name: 'read', arguments: '{}' }],
  usage: { promptTokens: 5, completionTokens: 2, totalTokens: 7, cost: 0.001 },
  error: { kind: 'api', message: 'bad', status: 400 },
  request: { task: 'fix', systemPrompt: 'rules' },
  context: { windowTokens: 8192, promptTokens: 100, droppedMessages: 0 },
  finishReason: 'length',
  startedAt: 10,
};

/** Malformed values, by field: each must be dropped, the rest of the chat kept. */
const malformed: Record<string, unknown[]> = {
  attachments: ['file', 7, { length: 1 }],
  toolCalls: ['read()', { id: 'c1' }],
  usage: [
    'lots',
    { promptTokens: -1, completionTokens: 2, totalTokens: 1 },
    { promptTokens: 1.5, completionTokens: 2, totalTokens: 3 },
    { promptTokens: 5, completionTokens: 2, totalTokens: 7, cost: 1e12 },
  ],
  error: ['boom', { kind: 'nonsense', message: 'x' }, { kind: 'api', message: 3 }],
  request: [[], { task: 'format-disk' }, { task: 'fix', systemPrompt: 9 }],
  context: [{ windowTokens: 'big', promptTokens: 1, droppedMessages: 0 }],
  finishReason: ['exploded', 3],
  reasoning: [{}],
  model: [42],
  summary: ['yes'],
  startedAt: ['noon', -5],
};

describe('saved chats checked on load', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rill-check-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (content: unknown, id = ID): void =>
    fs.writeFileSync(path.join(dir, `${id}.json`), JSON.stringify({ version: 1, chat: content }));

  it('keeps every well-formed field', () => {
    const checked = checkChat(chatFile(good), ID);
    assert.ok(checked.ok);
    assert.deepStrictEqual(checked.dropped, []);
    assert.deepStrictEqual(checked.chat.turns[1].usage, good.usage);
    assert.deepStrictEqual(checked.chat.turns[0].attachments, good.attachments);
  });

  for (const [field, values] of Object.entries(malformed)) {
    for (const value of values) {
      it(`drops a malformed ${field} (${JSON.stringify(value)}) and keeps the chat`, async () => {
        write(chatFile({ ...good, [field]: value }));
        const store = new ChatStore(dir);
        const chat = await store.load(ID);
        assert.ok(chat, `promise broken: a malformed ${field} lost the whole chat`);
        assert.deepStrictEqual(store.corrupt, []);
        for (const turn of chat.turns) {
          const kept = (turn as unknown as Record<string, unknown>)[field];
          assert.ok(
            kept === undefined || (Array.isArray(kept) && kept.length === 0),
            `promise broken: a malformed ${field} was kept: ${JSON.stringify(kept)}`,
          );
        }
        assert.strictEqual(chat.turns[1].text, 'answer');
        assert.ok(chatToMarkdown(chat).includes('answer'), 'export works');
      });
    }
  }

  it('drops only the malformed entries of a list', () => {
    const checked = checkChat(chatFile({ attachments: [good.attachments[0], { kind: 'file' }, null] }), ID);
    assert.ok(checked.ok);
    assert.deepStrictEqual(checked.chat.turns[0].attachments, good.attachments);
  });

  it('a turn of unknown status keeps its text, shown as not finished', () => {
    const checked = checkChat(chatFile({ status: 'hacked' }), ID);
    assert.ok(checked.ok);
    assert.deepStrictEqual(
      checked.chat.turns.map((t) => t.status),
      ['complete', 'interrupted'],
    );
  });

  const quarantined: [string, Record<string, unknown>][] = [
    ['an id that is not its file name', chatFile({}, { id: 'another' })],
    ['a title that is not text', chatFile({}, { title: 5 })],
    ['times that are not numbers', chatFile({}, { createdAt: 'yesterday' })],
    ['turns that are not a list', chatFile({}, { turns: {} })],
    ['a turn without text', chatFile({ text: undefined })],
    ['a turn of another role', chatFile({ role: 'system' })],
  ];
  for (const [what, content] of quarantined) {
    it(`keeps aside a file with ${what}`, async () => {
      write(content);
      const store = new ChatStore(dir);
      assert.strictEqual(await store.load(ID), undefined, `promise broken: a chat with ${what} was opened`);
      assert.strictEqual(store.corrupt.length, 1);
      assert.ok(fs.existsSync(path.join(dir, store.corrupt[0].keptAs)), 'the file is kept, never dropped');
    });
  }

  it('export and a follow-up question never throw on a damaged file', async () => {
    const damage: Record<string, unknown> = {};
    for (const [field, values] of Object.entries(malformed)) damage[field] = values[values.length - 1];
    write(chatFile(damage));
    const chat = (await new ChatStore(dir).load(ID)) as Chat;
    assert.doesNotThrow(() => chatToMarkdown(chat), 'promise broken: export threw on a damaged file');
    const sent: unknown[] = [];
    const stream: StreamFn = async function* (_endpoint, request) {
      sent.push(request.messages);
      yield { type: 'text', text: 'fine' };
      yield { type: 'finish', reason: 'stop' };
    };
    const session = new ChatSession(stream, async () => ({ endpoint: { baseUrl: 'http://x/v1' }, model: 'm' }), {
      chat,
    });
    const turn = await session.ask('and then?');
    assert.strictEqual(turn.text, 'fine', 'promise broken: a follow-up on a damaged file failed');
    assert.deepStrictEqual(sent[0], [
      { role: 'user', content: 'question' },
      { role: 'assistant', content: 'answer' },
      { role: 'user', content: 'and then?' },
    ]);
  });
});

describe('saved chats: tool steps and exchanges', () => {
  const steps = [
    {
      id: 'c1',
      name: 'read_file',
      arguments: '{}',
      title: 'Read a.ts',
      status: 'done',
      at: 0,
      result: 'x',
      locations: [{ path: 'a.ts', line: 1 }],
    },
  ];
  const exchange = [
    { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'read_file', arguments: '{}' }] },
    { role: 'tool', content: 'x', toolCallId: 'c1', toolResultOf: 'read_file' },
  ];

  it('keeps well-formed steps, exchange and stop note', () => {
    const r = checkChat(chatFile({ steps, exchange, toolStop: 'Stopped.' }), ID);
    assert.ok(r.ok);
    assert.deepStrictEqual(r.dropped, []);
    assert.deepStrictEqual(r.chat.turns[1].steps, steps);
    assert.deepStrictEqual(r.chat.turns[1].exchange, exchange);
  });

  it('drops a malformed step alone, and a malformed exchange whole', () => {
    const r = checkChat(
      chatFile({
        steps: [...steps, { ...steps[0], status: 'exploded' }, { ...steps[0], at: -1 }],
        exchange: [...exchange, { role: 'root', content: 'x' }],
        toolStop: 5,
      }),
      ID,
    );
    assert.ok(r.ok);
    assert.deepStrictEqual(r.chat.turns[1].steps, steps);
    assert.strictEqual(r.chat.turns[1].exchange, undefined);
    assert.strictEqual(r.chat.turns[1].toolStop, undefined);
    assert.ok(r.dropped.includes('turns[1].exchange') && r.dropped.includes('turns[1].steps'));
  });
});
