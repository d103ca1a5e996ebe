import * as assert from 'node:assert';
import type { ChatTurn } from '../../../../src/core/chat/transcript';
import { type FoldRun, foldEvent } from '../../../../src/core/chat/turnFold';

const answer = (text = ''): ChatTurn => ({ id: 'a', role: 'assistant', text, status: 'streaming' });
const run = (over: Partial<FoldRun> = {}): FoldRun => ({ runStart: 0, sentTurnIds: [], now: () => 1000, ...over });

describe('foldEvent: one event into the answer', () => {
  it('appends text and reasoning, stamps the first token once, and tells the views a delta', () => {
    const t = answer();
    let clock = 10;
    const r = run({ now: () => clock });
    assert.deepStrictEqual(foldEvent(t, { type: 'text', text: 'He' }, r), {
      type: 'delta',
      turnId: 'a',
      text: 'He',
      reasoning: '',
    });
    clock = 20;
    assert.deepStrictEqual(foldEvent(t, { type: 'reasoning', text: 'hm' }, r), {
      type: 'delta',
      turnId: 'a',
      text: '',
      reasoning: 'hm',
    });
    foldEvent(t, { type: 'text', text: 'llo' }, r);
    assert.strictEqual(t.text, 'Hello');
    assert.strictEqual(t.reasoning, 'hm');
    assert.strictEqual(t.firstTokenAt, 10);
  });

  it('moves what streamed as answer in this request into the reasoning (a template that opened <think>)', () => {
    const t = answer('Earlier. thinking');
    const told = foldEvent(t, { type: 'textWasReasoning', chars: 8 }, run({ runStart: 9 }));
    assert.strictEqual(t.text, 'Earlier. ');
    assert.strictEqual(t.reasoning, 'thinking');
    assert.deepStrictEqual(told, { type: 'turnUpdated', turn: t });
  });

  it('records the context, with the first turn still sent when earlier messages were left out', () => {
    const t = answer();
    const r = run({ sentTurnIds: ['u1', 'a1', 'u2', undefined] });
    const told = foldEvent(
      t,
      { type: 'context', windowTokens: 100, promptTokens: 90, droppedMessages: 2, cutAttachments: 1 } as never,
      r,
    );
    assert.deepStrictEqual(told, { type: 'context', turn: t });
    assert.deepStrictEqual(t.context, {
      windowTokens: 100,
      promptTokens: 90,
      droppedMessages: 2,
      firstSentTurnId: 'u2',
      cutAttachments: 1,
    });
    foldEvent(t, { type: 'context', windowTokens: 100, promptTokens: 50, droppedMessages: 0 } as never, r);
    assert.deepStrictEqual(t.context, { windowTokens: 100, promptTokens: 50, droppedMessages: 0 });
  });

  it('marks an overflow only when no retry follows, and a warning only on a planned request', () => {
    const t = answer();
    assert.strictEqual(foldEvent(t, { type: 'contextWarning', message: 'cut' } as never, run()), undefined);
    foldEvent(t, { type: 'context', windowTokens: 10, promptTokens: 9, droppedMessages: 0 } as never, run());
    assert.strictEqual(
      foldEvent(t, { type: 'contextOverflow', retrying: true, questionTooLong: false } as never, run()),
      undefined,
    );
    assert.strictEqual(t.context?.overflow, undefined);
    foldEvent(t, { type: 'contextOverflow', retrying: false, questionTooLong: true } as never, run());
    assert.strictEqual(t.context?.overflow, 'question');
  });

  it('ends the turn on finish and error, keeps usage and tool calls, and times a retry by the clock', () => {
    const t = answer('partial');
    assert.strictEqual(
      foldEvent(t, { type: 'usage', promptTokens: 1, completionTokens: 2, totalTokens: 3 }, run()),
      undefined,
    );
    assert.deepStrictEqual(t.usage, { promptTokens: 1, completionTokens: 2, totalTokens: 3 });
    assert.deepStrictEqual(foldEvent(t, { type: 'retry', delayMs: 500, attempt: 2, message: 'busy' } as never, run()), {
      type: 'retryWait',
      turnId: 'a',
      until: 1500,
      attempt: 2,
      message: 'busy',
    });
    foldEvent(t, { type: 'toolCall', id: 'c', name: 'f', arguments: '{}' } as never, run());
    assert.deepStrictEqual(t.toolCalls, [{ id: 'c', name: 'f', arguments: '{}' }]);
    foldEvent(t, { type: 'error', kind: 'network', message: 'gone' } as never, run());
    assert.strictEqual(t.status, 'interrupted');
    const u = answer();
    foldEvent(u, { type: 'finish', reason: 'stop' }, run());
    assert.strictEqual(u.status, 'complete');
    const v = answer();
    foldEvent(v, { type: 'error', kind: 'api', message: 'no' } as never, run());
    assert.strictEqual(v.status, 'error');
  });
});
