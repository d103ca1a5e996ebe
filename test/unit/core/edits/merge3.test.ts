import * as assert from 'node:assert';
import { merge3, narrowReplacement } from '../../../../src/core/edits';

const BASE = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((l) => `${l}\n`).join('');

describe("three-way merge of the user's edits into a waiting proposal", () => {
  it("no user edit: the proposal; no proposal change: the user's text", () => {
    assert.deepStrictEqual(merge3(BASE, BASE, 'x\n'), { ok: true, text: 'x\n' });
    assert.deepStrictEqual(merge3(BASE, 'y\n', BASE), { ok: true, text: 'y\n' });
  });

  it('edits in different places both land', () => {
    const ours = BASE.replace('a\n', 'A\n').replace('h\n', 'h\ni\n');
    const theirs = BASE.replace('d\n', 'D\nD2\n');
    assert.deepStrictEqual(merge3(BASE, ours, theirs), { ok: true, text: 'A\nb\nc\nD\nD2\ne\nf\ng\nh\ni\n' });
    // Lines the user inserted above the change move it down.
    const above = `new\n${BASE}`;
    const del = BASE.replace('f\n', '');
    assert.deepStrictEqual(merge3(BASE, above, del), { ok: true, text: `new\n${del}` });
  });

  it("overlapping edits and insertions at the same line conflict, with the line in the user's text", () => {
    const ours = BASE.replace('d\n', 'user\n');
    assert.deepStrictEqual(merge3(BASE, ours, BASE.replace('d\n', 'model\n')), { ok: false, conflictLines: [4] });
    assert.deepStrictEqual(merge3(BASE, ours, BASE.replace('c\nd\ne\n', 'model\n')), { ok: false, conflictLines: [4] });
    assert.deepStrictEqual(merge3(BASE, BASE.replace('e\n', 'e\nu\n'), BASE.replace('e\n', 'e\nm\n')), {
      ok: false,
      conflictLines: [6],
    });
    // Next to each other is no conflict: a line inserted after a replaced one, neighbouring lines replaced.
    assert.deepStrictEqual(merge3(BASE, BASE.replace('e\n', 'e\nu\n'), BASE.replace('e\n', 'E\n')), {
      ok: true,
      text: BASE.replace('e\n', 'E\nu\n'),
    });
    assert.deepStrictEqual(merge3(BASE, ours, BASE.replace('e\n', 'model\n')), {
      ok: true,
      text: BASE.replace('d\ne\n', 'user\nmodel\n'),
    });
    // The same change on both sides is no conflict.
    assert.deepStrictEqual(merge3(BASE, ours, ours.replace('a\n', 'z\n')), {
      ok: true,
      text: ours.replace('a\n', 'z\n'),
    });
  });
});

describe("three-way merge preferring the proposal where the user's edits collide with it", () => {
  it("takes the proposal's lines there and keeps the user's edits elsewhere; never a conflict", () => {
    const ours = BASE.replace('a\n', 'A\n').replace('d\n', 'user\n');
    const theirs = BASE.replace('c\nd\ne\n', 'model\n');
    assert.deepStrictEqual(merge3(BASE, ours, theirs, { prefer: 'theirs' }), {
      ok: true,
      text: 'A\nb\nmodel\nf\ng\nh\n',
    });
    // Without a collision it is the plain merge.
    const apart = BASE.replace('h\n', 'H\n');
    assert.deepStrictEqual(merge3(BASE, apart, theirs, { prefer: 'theirs' }), merge3(BASE, apart, theirs));
  });
});

describe('narrowReplacement', () => {
  it('replaces only the changed middle, never splitting CRLF or surrogate pairs', () => {
    assert.deepStrictEqual(narrowReplacement('abcXdef', 'abcYYdef'), { start: 3, end: 4, text: 'YY' });
    assert.deepStrictEqual(narrowReplacement('same', 'same'), { start: 4, end: 4, text: '' });
    const r = narrowReplacement('a\r\nb', 'a\nb');
    assert.strictEqual('a\r\nb'.slice(0, r.start) + r.text + 'a\r\nb'.slice(r.end), 'a\nb');
    assert.ok(r.start <= 1, 'the CR is inside the replaced span');
    const s = narrowReplacement('x\u{1F600}y', 'x\u{1F601}y');
    assert.deepStrictEqual(s, { start: 1, end: 3, text: '\u{1F601}' });
  });
});
