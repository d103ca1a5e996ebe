import * as assert from 'node:assert';
import { type DeltaBatch, DeltaBatcher, type Timers } from '../../../../src/core/chat/deltaBatcher';

/** Manual timers and clock: `tick()` advances 16 ms and fires what is due. */
function fakeTimers() {
  let pending: (() => void) | undefined;
  let now = 1000;
  const timers: Timers = {
    now: () => now,
    setTimeout: (fn) => (pending = fn),
    clearTimeout: () => (pending = undefined),
  };
  return {
    timers,
    tick: () => {
      now += 16;
      const f = pending;
      pending = undefined;
      f?.();
    },
    advance: (ms: number) => (now += ms),
    get armed() {
      return !!pending;
    },
  };
}

describe('DeltaBatcher', () => {
  it('sends the first delta at once, then coalesces the rest of the interval into one message', () => {
    const sent: DeltaBatch[] = [];
    const t = fakeTimers();
    const b = new DeltaBatcher((x) => sent.push(x), 16, t.timers);
    for (let i = 0; i < 50; i++) b.push('a', `t${i} `, '');
    assert.deepStrictEqual(
      sent.map((s) => s.text),
      ['t0 '],
    );
    t.tick();
    assert.strictEqual(sent.length, 2);
    assert.strictEqual(sent[1].seq, 2);
    assert.ok(sent[1].text.startsWith('t1 t2 '));
  });

  it('a slow stream gets every delta at once', () => {
    const sent: DeltaBatch[] = [];
    const t = fakeTimers();
    const b = new DeltaBatcher((x) => sent.push(x), 16, t.timers);
    for (let i = 0; i < 5; i++) {
      b.push('a', `${i}`, '');
      t.advance(20);
    }
    assert.deepStrictEqual(
      sent.map((s) => s.text),
      ['0', '1', '2', '3', '4'],
    );
    assert.strictEqual(t.armed, false);
  });

  it('loses, duplicates and reorders nothing over 100k deltas, with increasing seq', () => {
    const sent: DeltaBatch[] = [];
    const t = fakeTimers();
    const b = new DeltaBatcher((x) => sent.push(x), 16, t.timers);
    let expected = '';
    let reasoning = '';
    for (let i = 0; i < 100_000; i++) {
      const piece = `${i},`;
      if (i % 7 === 0) {
        b.push('turn', '', piece);
        reasoning += piece;
      } else {
        b.push('turn', piece, '');
        expected += piece;
      }
      if (i % 37 === 0) t.tick();
    }
    b.flush();
    assert.strictEqual(sent.map((s) => s.text).join(''), expected);
    assert.strictEqual(sent.map((s) => s.reasoning).join(''), reasoning);
    sent.forEach((s, i) => assert.strictEqual(s.seq, i + 1));
    assert.ok(sent.length < 100_000 / 30, 'far fewer messages than deltas');
  });

  it('flushes the previous turn before text of another turn', () => {
    const sent: DeltaBatch[] = [];
    const t = fakeTimers();
    const b = new DeltaBatcher((x) => sent.push(x), 16, t.timers);
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

  it('discard drops pending text without advancing seq', () => {
    const sent: DeltaBatch[] = [];
    const t = fakeTimers();
    const b = new DeltaBatcher((x) => sent.push(x), 16, t.timers);
    b.push('a', 'x', '');
    b.push('a', 'lost', '');
    b.discard();
    assert.strictEqual(t.armed, false);
    assert.strictEqual(b.seqOf('a'), 1);
    b.push('a', 'y', '');
    b.flush();
    assert.deepStrictEqual(
      sent.map((s) => [s.seq, s.text]),
      [
        [1, 'x'],
        [2, 'y'],
      ],
    );
  });
});
