import * as assert from 'assert';
import { DeltaBatch, DeltaBatcher, Timers } from '../../../src/core/deltaBatcher';

/** Manual timers: `tick()` fires what is due. */
function fakeTimers() {
  let pending: (() => void) | undefined;
  const timers: Timers = {
    setTimeout: (fn) => (pending = fn),
    clearTimeout: () => (pending = undefined),
  };
  return { timers, tick: () => { const f = pending; pending = undefined; f?.(); }, get armed() { return !!pending; } };
}

describe('DeltaBatcher', () => {
  it('coalesces many deltas into one message per interval', () => {
    const sent: DeltaBatch[] = [];
    const t = fakeTimers();
    const b = new DeltaBatcher((x) => sent.push(x), 16, t.timers);
    for (let i = 0; i < 50; i++) b.push('a', `t${i} `, '');
    assert.strictEqual(sent.length, 0);
    t.tick();
    assert.strictEqual(sent.length, 1);
    assert.strictEqual(sent[0].seq, 1);
    assert.ok(sent[0].text.startsWith('t0 t1 '));
  });

  it('loses, duplicates and reorders nothing over 100k deltas, with increasing seq', () => {
    const sent: DeltaBatch[] = [];
    const t = fakeTimers();
    const b = new DeltaBatcher((x) => sent.push(x), 16, t.timers);
    let expected = '';
    let reasoning = '';
    for (let i = 0; i < 100_000; i++) {
      const piece = `${i},`;
      if (i % 7 === 0) { b.push('turn', '', piece); reasoning += piece; }
      else { b.push('turn', piece, ''); expected += piece; }
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
    b.push('b', 'y', '');
    b.flush();
    assert.deepStrictEqual(sent.map((s) => [s.turnId, s.seq, s.text]), [['a', 1, 'x'], ['b', 1, 'y']]);
  });

  it('discard drops pending text without advancing seq', () => {
    const sent: DeltaBatch[] = [];
    const t = fakeTimers();
    const b = new DeltaBatcher((x) => sent.push(x), 16, t.timers);
    b.push('a', 'x', '');
    b.flush();
    b.push('a', 'lost', '');
    b.discard();
    assert.strictEqual(t.armed, false);
    assert.strictEqual(b.seqOf('a'), 1);
    b.push('a', 'y', '');
    b.flush();
    assert.deepStrictEqual(sent.map((s) => [s.seq, s.text]), [[1, 'x'], [2, 'y']]);
  });
});
