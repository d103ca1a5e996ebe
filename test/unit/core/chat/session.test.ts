import * as assert from 'node:assert';
import { ChatSession, CONTINUE_PROMPT, type RequestTarget, SetupError } from '../../../../src/core/chat/session';
import { createChat } from '../../../../src/core/chat/transcript';
import type { SessionEvent } from '../../../../src/core/chat/turnFold';
import { buildSelectionPrompt } from '../../../../src/core/editor/prompt';
import type { StreamEvent } from '../../../../src/core/types';
import { scripted } from '../../../helpers/scriptedStream';

const target: RequestTarget = { endpoint: { baseUrl: 'http://x/v1' }, model: 'm', systemPrompt: 'sys' };

describe('ChatSession', () => {
  it('streams an answer into an assistant turn and reports events in order', async () => {
    const s = scripted([
      { type: 'text', text: 'Hel' },
      { type: 'text', text: 'lo' },
      { type: 'usage', promptTokens: 3, completionTokens: 2, totalTokens: 5 },
      { type: 'finish', reason: 'stop' },
    ]);
    const session = new ChatSession(s.fn, async () => target);
    const events: SessionEvent['type'][] = [];
    session.onEvent((e) => events.push(e.type));
    const turn = await session.ask('Hi');
    assert.strictEqual(turn.text, 'Hello');
    assert.strictEqual(turn.status, 'complete');
    assert.strictEqual(turn.usage?.totalTokens, 5);
    assert.deepStrictEqual(s.requests[0].messages, [
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'Hi' },
    ]);
    assert.deepStrictEqual(events, [
      'turnAdded',
      'turnAdded',
      'busy',
      'context',
      'delta',
      'delta',
      'turnUpdated',
      'busy',
    ]);
    assert.strictEqual(session.busy, false);
  });

  it('stop keeps the partial text and marks the turn interrupted', async () => {
    const many: StreamEvent[] = Array.from({ length: 200 }, (_, i) => ({ type: 'text', text: `${i} ` }));
    const s = scripted([...many, { type: 'finish', reason: 'stop' }]);
    const session = new ChatSession(s.fn, async () => target);
    let deltas = 0;
    session.onEvent((e) => {
      if (e.type === 'delta' && ++deltas === 5) void session.stop();
    });
    const turn = await session.ask('count');
    assert.strictEqual(turn.status, 'interrupted');
    assert.strictEqual(turn.finishReason, 'abort');
    assert.strictEqual(turn.text, '0 1 2 3 4 ');
  });

  it('an error after text keeps the text as interrupted; before text it is an error', async () => {
    const s = scripted(
      [
        { type: 'text', text: 'part' },
        { type: 'error', kind: 'network', message: 'connection lost', interrupted: true },
      ],
      [{ type: 'error', kind: 'auth', message: 'check the key', status: 401, interrupted: false }],
    );
    const session = new ChatSession(s.fn, async () => target);
    const a = await session.ask('one');
    assert.deepStrictEqual([a.status, a.text, a.error?.kind], ['interrupted', 'part', 'network']);
    const b = await session.ask('two');
    assert.deepStrictEqual([b.status, b.text, b.error?.kind, b.error?.status], ['error', '', 'auth', 401]);
    // the failed empty turn is not sent back to the model as history
    const next = scripted([{ type: 'finish', reason: 'stop' }]);
    const s2 = new ChatSession(next.fn, async () => target, { chat: session.chat });
    await s2.ask('three');
    assert.deepStrictEqual(
      next.requests[0].messages.map((m) => m.content),
      ['sys', 'one', 'part', 'two', 'three'],
    );
  });

  it('a setup error lands in the turn, not as an exception', async () => {
    const s = scripted();
    const session = new ChatSession(s.fn, async () => {
      throw new SetupError('No model is set.', 'notFound');
    });
    const turn = await session.ask('x');
    assert.deepStrictEqual(
      [turn.status, turn.error?.message, turn.error?.kind],
      ['error', 'No model is set.', 'notFound'],
    );
  });

  it('continue joins the rest to the same turn', async () => {
    const s = scripted(
      [
        { type: 'text', text: 'first half' },
        { type: 'finish', reason: 'length' },
      ],
      [
        { type: 'text', text: ', second half' },
        { type: 'finish', reason: 'stop' },
      ],
    );
    const session = new ChatSession(s.fn, async () => target);
    const turn = await session.ask('long please');
    assert.strictEqual(turn.finishReason, 'length');
    await session.continueTurn(turn.id);
    assert.strictEqual(session.chat.turns.length, 2);
    assert.strictEqual(session.chat.turns[1].text, 'first half, second half');
    assert.strictEqual(session.chat.turns[1].finishReason, 'stop');
    const msgs = s.requests[1].messages;
    assert.deepStrictEqual(msgs.slice(-2), [
      { role: 'assistant', content: 'first half' },
      { role: 'user', content: CONTINUE_PROMPT },
    ]);
  });

  it('regenerate replaces the answer; edit and resend replaces the question and drops what followed', async () => {
    const s = scripted(
      [
        { type: 'text', text: 'A1' },
        { type: 'finish', reason: 'stop' },
      ],
      [
        { type: 'text', text: 'A2' },
        { type: 'finish', reason: 'stop' },
      ],
      [
        { type: 'text', text: 'A3' },
        { type: 'finish', reason: 'stop' },
      ],
    );
    const session = new ChatSession(s.fn, async () => target);
    const first = await session.ask('Q1');
    await session.regenerate(first.id);
    assert.deepStrictEqual(
      session.chat.turns.map((t) => t.text),
      ['Q1', 'A2'],
    );
    await session.editResend(session.chat.turns[0].id, 'Q1 edited');
    assert.deepStrictEqual(
      session.chat.turns.map((t) => t.text),
      ['Q1 edited', 'A3'],
    );
  });

  it('refuses a second request while one streams', async () => {
    const s = scripted([
      { type: 'text', text: 'x' },
      { type: 'finish', reason: 'stop' },
    ]);
    const session = new ChatSession(s.fn, async () => target);
    const p = session.ask('a');
    await assert.rejects(session.ask('b'));
    await p;
  });
  describe('a turn knows how it was asked', () => {
    const fix = buildSelectionPrompt(
      'fix',
      '',
      { code: 'let x = 1', languageId: 'javascript', fileName: 'a.js' },
      'sys',
    );
    const done = (text: string): StreamEvent[] => [
      { type: 'text', text },
      { type: 'finish', reason: 'stop' },
    ];

    it('Regenerate and Continue on a Fix answer send the Fix system prompt again', async () => {
      const s = scripted(
        done('A1'),
        [
          { type: 'text', text: 'A2 cut' },
          { type: 'finish', reason: 'length' },
        ],
        done(' off'),
      );
      const session = new ChatSession(s.fn, async () => target);
      const first = await session.ask(fix.userMessage, { task: 'fix', systemPrompt: fix.systemPrompt });
      const again = await session.regenerate(first.id);
      assert.ok(again);
      await session.continueTurn(again.id);
      assert.strictEqual(s.requests.length, 3);
      for (const [i, r] of s.requests.entries()) {
        assert.deepStrictEqual(r.messages[0], { role: 'system', content: fix.systemPrompt }, `request ${i}`);
        assert.strictEqual(r.messages[1]?.content, fix.userMessage, `request ${i}`);
      }
      assert.deepStrictEqual(s.requests[2]?.messages.slice(2), [
        { role: 'assistant', content: 'A2 cut' },
        { role: 'user', content: CONTINUE_PROMPT },
      ]);
      assert.strictEqual(again.text, 'A2 cut off');
      assert.deepStrictEqual(again.request, { task: 'fix', systemPrompt: fix.systemPrompt });
      assert.deepStrictEqual(first.request, again.request);
    });

    it('Edit and resend asks the edited question the same way; a plain question keeps the configured prompt', async () => {
      const s = scripted(done('A1'), done('A2'), done('B1'), done('B2'));
      const session = new ChatSession(s.fn, async () => target);
      await session.ask(fix.userMessage, { task: 'fix', systemPrompt: fix.systemPrompt, context: { files: ['a.js'] } });
      const user = session.chat.turns[0];
      assert.ok(user);
      const edited = await session.editResend(
        user.id,
        `${fix.userMessage}
Also rename x.`,
      );
      assert.deepStrictEqual(s.requests[1]?.messages[0], { role: 'system', content: fix.systemPrompt });
      assert.deepStrictEqual(edited?.request, {
        task: 'fix',
        systemPrompt: fix.systemPrompt,
        context: { files: ['a.js'] },
      });
      await session.replaceChat();
      const plain = await session.ask('Hi');
      assert.deepStrictEqual(plain.request, { task: 'chat' });
      await session.regenerate(plain.id);
      assert.deepStrictEqual(s.requests[3]?.messages[0], { role: 'system', content: 'sys' });
    });

    it('an answer from a chat saved before requests were kept regenerates as a plain question', async () => {
      const s = scripted(done('again'));
      const chat = createChat(1);
      chat.turns.push(
        { id: 'u1', role: 'user', text: 'Q', status: 'complete' },
        { id: 'a1', role: 'assistant', text: 'old', status: 'complete' },
      );
      const session = new ChatSession(s.fn, async () => target, { chat });
      const turn = await session.regenerate('a1');
      assert.strictEqual(turn?.text, 'again');
      assert.deepStrictEqual(s.requests[0]?.messages, [
        { role: 'system', content: 'sys' },
        { role: 'user', content: 'Q' },
      ]);
    });
  });
});

describe('ChatSession: cost from list prices', () => {
  const usage: StreamEvent = { type: 'usage', promptTokens: 1000, completionTokens: 200, totalTokens: 1200 };
  const prices = Promise.resolve({ prompt: 0.000003, completion: 0.000015 });

  it('computes the cost from the model list prices when the server reports none, and marks it', async () => {
    const s = scripted([usage, { type: 'finish', reason: 'stop' }]);
    const session = new ChatSession(s.fn, async () => ({ ...target, prices }));
    const turn = await session.ask('Hi');
    assert.ok(Math.abs((turn.usage?.cost ?? 0) - 0.006) < 1e-12, String(turn.usage?.cost));
    assert.strictEqual(turn.usage?.priced, true);
  });

  it("keeps the server's own cost when it reports one", async () => {
    const s = scripted([{ ...usage, cost: 0.01 } as StreamEvent, { type: 'finish', reason: 'stop' }]);
    const session = new ChatSession(s.fn, async () => ({ ...target, prices }));
    const turn = await session.ask('Hi');
    assert.strictEqual(turn.usage?.cost, 0.01);
    assert.strictEqual(turn.usage?.priced, undefined);
  });

  it('shows no cost without prices, or when the list could not be read', async () => {
    const lists = [() => undefined, () => Promise.resolve(undefined), () => Promise.reject(new Error('list failed'))];
    for (const list of lists) {
      const s = scripted([usage, { type: 'finish', reason: 'stop' }]);
      const session = new ChatSession(s.fn, async () => ({ ...target, prices: list() }));
      const turn = await session.ask('Hi');
      assert.strictEqual(turn.usage?.totalTokens, 1200);
      assert.strictEqual(turn.usage?.cost, undefined);
    }
  });
});
