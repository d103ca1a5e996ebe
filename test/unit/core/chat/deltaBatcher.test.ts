import * as assert from 'node:assert';
import type { Clock } from '../../../../src/core/base';
import { type ChatTurn, DeltaBatcher, type DeltaMessage, PATIENCE_MS, SLOW_GAP_MS } from '../../../../src/core/chat';
import { seededRandom } from '../../../helpers/random';

/** A clock whose time moves only when the test says; `advance` fires the timers that are due. */
function manualClock() {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      timers.set(next, { at: now + ms, fn });
      return next++;
    },
    clearTimeout: (h) => timers.delete(h as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [h, t] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at > now || !timers.has(h)) continue;
      timers.delete(h);
      t.fn();
    }
  };
  return { clock, advance, armed: () => timers.size };
}

function batcher(paced = true) {
  const sent: DeltaMessage[] = [];
  const time = manualClock();
  const b = new DeltaBatcher((m) => sent.push(m), paced, time.clock);
  /** The view reports the frame that holds the last message sent. */
  const drawLast = () => {
    const last = sent[sent.length - 1];
    if (last) b.drawn(last.turnId, last.seq);
  };
  return { b, sent, drawLast, time };
}

const turn = (id: string, text: string, status: ChatTurn['status'] = 'streaming', reasoning?: string): ChatTurn => ({
  id,
  role: 'assistant',
  text,
  status,
  ...(reasoning === undefined ? {} : { reasoning }),
});

describe('DeltaBatcher', () => {
  it('sends the first delta at once and coalesces the rest until the view has drawn it', () => {
    const { b, sent, drawLast } = batcher();
    for (let i = 0; i < 50; i++) b.push('a', `t${i} `, '');
    assert.deepStrictEqual(sent, [{ type: 'delta', turnId: 'a', seq: 1, text: 't0 ' }]);
    drawLast();
    assert.strictEqual(sent.length, 2, 'one message for everything that waited');
    assert.strictEqual(sent[1]?.seq, 2);
    assert.strictEqual(sent[1]?.text, Array.from({ length: 49 }, (_, i) => `t${i + 1} `).join(''));
    drawLast();
    assert.strictEqual(sent.length, 2, 'nothing waited, nothing sent');
    b.push('a', 'next', '');
    assert.strictEqual(sent.length, 3, 'after a pause the next delta goes at once');
  });

  it('a slow stream (the view draws between tokens) gets every delta at once', () => {
    const { b, sent, drawLast } = batcher();
    for (let i = 0; i < 5; i++) {
      b.push('a', `${i}`, '');
      drawLast();
    }
    assert.deepStrictEqual(
      sent.map((s) => s.text),
      ['0', '1', '2', '3', '4'],
    );
  });

  it('a token that comes half a frame after the last message, with nothing waiting, goes before the report', () => {
    const { b, sent, time } = batcher();
    // 100 tokens/s while the view has not reported a frame yet: each token is a message of its own.
    for (let i = 0; i < 6; i++) {
      b.push('a', `${i}`, '');
      time.advance(10);
    }
    assert.deepStrictEqual(
      sent.map((s) => s.text),
      ['0', '1', '2', '3', '4', '5'],
    );
    // Closer than SLOW_GAP_MS: it waits for the view, and so does the next one however late (text waits).
    b.push('a', 'x', '');
    time.advance(SLOW_GAP_MS - 1);
    b.push('a', 'y', '');
    time.advance(SLOW_GAP_MS + 5);
    b.push('a', 'z', '');
    assert.strictEqual(sent.length, 7);
    assert.strictEqual(sent[6]?.text, 'x');
  });

  it('a fast stream with no frame report gets at most one message per half frame', () => {
    const { b, sent, time } = batcher();
    // 3,000 tokens/s for 90 ms; the view never reports, so only the rule of the gap lets text out.
    for (let ms = 0; ms < 90; ms++) {
      for (let k = 0; k < 3; k++) b.push('a', 't', '');
      time.advance(1);
    }
    assert.ok(sent.length <= Math.ceil(90 / SLOW_GAP_MS), `${sent.length} messages in 90 ms`);
    assert.strictEqual(sent.length, 1, 'text always waits in a fast stream, so only the leading edge went');
  });

  it('sends at most one message per frame the view reports, and ignores stale or foreign reports', () => {
    const { b, sent } = batcher();
    b.push('a', 'x', '');
    b.push('a', 'y', '');
    b.drawn('a', 0);
    b.drawn('b', 1);
    assert.strictEqual(sent.length, 1, 'a report for an older message or another turn sends nothing');
    b.drawn('a', 1);
    assert.strictEqual(sent.length, 2);
    b.drawn('a', 1);
    b.push('a', 'z', '');
    assert.strictEqual(sent.length, 2, 'a repeated report for seq 1 does not release seq 2');
    b.drawn('a', 2);
    assert.deepStrictEqual(
      sent.map((s) => [s.seq, s.text]),
      [
        [1, 'x'],
        [2, 'y'],
        [3, 'z'],
      ],
    );
  });

  it('loses, duplicates and reorders nothing over 100k deltas, with increasing seq and one message per frame', () => {
    const { b, sent, drawLast } = batcher();
    const rand = seededRandom(9);
    let expected = '';
    let reasoning = '';
    let frames = 0;
    for (let i = 0; i < 100_000; i++) {
      const piece = `${i},`;
      if (i % 7 === 0) {
        b.push('turn', '', piece);
        reasoning += piece;
      } else {
        b.push('turn', piece, '');
        expected += piece;
      }
      if (rand() < 0.03) {
        frames++;
        drawLast();
      }
    }
    b.flush();
    assert.strictEqual(sent.map((s) => s.text).join(''), expected);
    assert.strictEqual(sent.map((s) => s.reasoning ?? '').join(''), reasoning);
    sent.forEach((s, i) => assert.strictEqual(s.seq, i + 1));
    assert.ok(sent.length <= frames + 2, `${sent.length} messages for ${frames} frames`);
    assert.ok(
      sent.every((s) => s.reasoning !== ''),
      'no empty reasoning field',
    );
    assert.deepStrictEqual(b.heldOf('turn'), { seq: sent.length, text: expected.length, reasoning: reasoning.length });
  });

  it('a view that reports no frame still gets the waiting text every PATIENCE_MS, and nothing when none waits', () => {
    const { b, sent, drawLast, time } = batcher();
    b.push('a', 'x', '');
    b.push('a', 'y', '');
    time.advance(PATIENCE_MS - 1);
    assert.strictEqual(sent.length, 1, 'still waiting for the report');
    time.advance(1);
    assert.deepStrictEqual(
      sent.map((s) => s.text),
      ['x', 'y'],
    );
    time.advance(PATIENCE_MS);
    assert.strictEqual(sent.length, 2, 'nothing waited, nothing sent');
    b.push('a', 'z', '');
    assert.strictEqual(sent.length, 3, 'the wait ended: the next delta goes at once');
    drawLast();
    assert.strictEqual(time.armed(), 0, 'a report ends the wait and its timer');
    b.push('a', 'w', '');
    b.snapshot([]);
    assert.strictEqual(time.armed(), 0, 'so does a snapshot');
  });

  it('flush sends at once, even while waiting for the view, and flushes the previous turn before another', () => {
    const { b, sent } = batcher();
    b.push('a', 'x', '');
    b.push('a', 'z', '');
    b.push('b', 'y', '');
    b.flush();
    assert.deepStrictEqual(
      sent.map((s) => [s.turnId, s.seq, s.text]),
      [
        ['a', 1, 'x'],
        ['a', 2, 'z'],
        ['b', 1, 'y'],
      ],
    );
  });

  it('a snapshot drops pending text, stops waiting, keeps seq and counts what the view then holds', () => {
    const { b, sent } = batcher();
    b.push('a', 'x', '');
    b.push('a', 'lost', '');
    const seqs = b.snapshot([turn('u', 'question', 'complete'), turn('a', 'xlost', 'streaming', 'r')]);
    assert.deepStrictEqual(seqs, { a: 1 }, 'the last seq sent, for turns that had deltas');
    assert.deepStrictEqual(b.heldOf('a'), { seq: 1, text: 5, reasoning: 1 });
    assert.deepStrictEqual(b.heldOf('u'), { seq: 0, text: 8, reasoning: 0 });
    b.push('a', 'y', '');
    assert.deepStrictEqual(
      sent.map((s) => [s.seq, s.text]),
      [
        [1, 'x'],
        [2, 'y'],
      ],
      'the next delta goes at once, after the snapshot',
    );
    assert.deepStrictEqual(b.heldOf('a'), { seq: 2, text: 6, reasoning: 1 });
    assert.deepStrictEqual(
      b.snapshot([turn('a', 'xlosty', 'complete')]),
      { a: 2 },
      'a finished turn keeps its seq, so a Continue goes on from it',
    );
    b.snapshot([]);
    assert.deepStrictEqual(b.heldOf('a'), { seq: 0, text: 0, reasoning: 0 }, 'a replaced chat holds nothing');
  });

  it('hold records a whole turn given to the view, keeping its seq', () => {
    const { b } = batcher();
    b.push('a', 'abc', '');
    b.hold(turn('a', 'abcdef', 'complete', 'why'));
    assert.deepStrictEqual(b.heldOf('a'), { seq: 1, text: 6, reasoning: 3 });
  });

  it('unpaced (the pass-through reference) sends every delta at once', () => {
    const { b, sent } = batcher(false);
    for (let i = 0; i < 10; i++) b.push('a', `${i}`, '');
    assert.strictEqual(sent.length, 10);
  });
});
