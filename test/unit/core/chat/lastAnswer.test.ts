import * as assert from 'node:assert';
import { lastAnswer } from '../../../../src/core/chat/lastAnswer';
import type { ChatTurn } from '../../../../src/core/chat/transcript';

const q = (id: string): ChatTurn => ({ id, role: 'user', text: 'q', status: 'complete' });
const a = (id: string, text: string, startedAt?: number): ChatTurn => ({
  id,
  role: 'assistant',
  text,
  status: 'complete',
  ...(startedAt === undefined ? {} : { startedAt }),
});

describe('lastAnswer', () => {
  it("is one conversation's last answer with text, skipping empty ones after it", () => {
    assert.strictEqual(lastAnswer([[q('1'), a('2', 'first', 10), q('3'), a('4', '  ', 20)]])?.id, '2');
  });

  it('is the answer asked most recently across conversations', () => {
    const panel = [q('p1'), a('p2', 'panel', 100)];
    const editor = [q('e1'), a('e2', 'editor', 200)];
    assert.strictEqual(lastAnswer([panel, editor])?.id, 'e2');
    assert.strictEqual(lastAnswer([editor, panel])?.id, 'e2');
    panel.push(q('p3'), a('p4', 'panel again', 300));
    assert.strictEqual(lastAnswer([panel, editor])?.id, 'p4');
  });

  it('counts an answer without a start time as oldest, and prefers the earlier conversation on a tie', () => {
    assert.strictEqual(lastAnswer([[a('old', 'x')], [a('new', 'y', 1)]])?.id, 'new');
    assert.strictEqual(lastAnswer([[a('first', 'x', 5)], [a('second', 'y', 5)]])?.id, 'first');
  });

  it('is undefined when no conversation has an answer', () => {
    assert.strictEqual(lastAnswer([]), undefined);
    assert.strictEqual(lastAnswer([[q('1')], []]), undefined);
  });
});
