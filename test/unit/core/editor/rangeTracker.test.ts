import * as assert from 'node:assert';
import { type OffsetChange, TrackedRange } from '../../../../src/core/editor/rangeTracker';

/** Applies a change to a string, as the editor does. */
const edit = (s: string, c: OffsetChange) =>
  s.slice(0, c.rangeOffset) + c.text + s.slice(c.rangeOffset + c.rangeLength);

describe('TrackedRange', () => {
  const text = 'head\nSELECTED\ntail';
  const start = text.indexOf('SELECTED');
  const fresh = () => new TrackedRange(start, start + 'SELECTED'.length);

  it('moves with edits above it, and the text it covers stays the selection', () => {
    let doc = text;
    const r = fresh();
    for (const c of [
      { rangeOffset: 0, rangeLength: 0, text: 'new line\n' },
      { rangeOffset: 0, rangeLength: 4, text: 'H' },
      { rangeOffset: 2, rangeLength: 3, text: '' },
    ]) {
      doc = edit(doc, c);
      r.apply(c);
    }
    assert.strictEqual(doc.slice(r.start, r.end), 'SELECTED');
    assert.strictEqual(r.touched, false);
  });

  it('ignores edits below it and insertions right at its edges', () => {
    let doc = text;
    const r = fresh();
    for (const c of [
      { rangeOffset: text.length, rangeLength: 0, text: '\nmore' },
      { rangeOffset: r.end, rangeLength: 0, text: '!' },
      { rangeOffset: r.start, rangeLength: 0, text: '>' },
    ]) {
      doc = edit(doc, c);
      r.apply(c);
    }
    assert.strictEqual(doc.slice(r.start, r.end), 'SELECTED');
    assert.strictEqual(r.touched, false);
  });

  it('marks edits inside or across it as touching the selection', () => {
    for (const c of [
      { rangeOffset: start + 2, rangeLength: 1, text: 'x' },
      { rangeOffset: start - 2, rangeLength: 4, text: '' },
      { rangeOffset: start + 6, rangeLength: 10, text: 'END' },
      { rangeOffset: 0, rangeLength: text.length, text: 'all new' },
    ]) {
      const r = fresh();
      r.apply(c);
      assert.strictEqual(r.touched, true, JSON.stringify(c));
      const doc = edit(text, c);
      assert.ok(r.start >= 0 && r.start <= r.end && r.end <= doc.length, JSON.stringify({ c, r }));
    }
  });

  it("applies a multi-cursor event's changes in the order VS Code lists them (last first)", () => {
    let doc = 'a\nb\nSEL\nc';
    const s = doc.indexOf('SEL');
    const r = new TrackedRange(s, s + 3);
    const changes = [
      { rangeOffset: 9, rangeLength: 0, text: '//' },
      { rangeOffset: 2, rangeLength: 0, text: '//' },
      { rangeOffset: 0, rangeLength: 0, text: '//' },
    ];
    for (const c of changes) doc = edit(doc, c);
    r.applyAll(changes);
    assert.strictEqual(doc.slice(r.start, r.end), 'SEL');
  });
});
