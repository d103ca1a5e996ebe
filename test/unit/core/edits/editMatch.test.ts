import * as assert from 'node:assert';
import { describeEditFailure, describeProposedEdit, type EditMatch, matchEdit } from '../../../../src/core/edits';

const FILE = [
  'function count(list) {',
  '  let n = 0;',
  '  for (const x of list) n += x.size;',
  '  return n;',
  '}',
  '',
].join('\n');

function ok(m: EditMatch): Extract<EditMatch, { ok: true }> {
  assert.ok(m.ok, `expected a match, got ${JSON.stringify(m)}`);
  return m;
}

describe('edit matcher', () => {
  it('exact: one occurrence is replaced, mid-line too, with its line number and nothing healed', () => {
    const m = ok(matchEdit(FILE, 'let n = 0;', 'let n = 1;'));
    assert.deepStrictEqual(m.healed, []);
    assert.strictEqual(m.line, 2);
    assert.strictEqual(m.text, FILE.replace('let n = 0;', 'let n = 1;'));
    assert.strictEqual(FILE.slice(m.start, m.end), 'let n = 0;');
  });

  it('ambiguous: text found more than once names the line of each occurrence', () => {
    const file = 'a();\nb();\na();\n';
    assert.deepStrictEqual(matchEdit(file, 'a();', 'c();'), { ok: false, reason: 'ambiguous', lines: [1, 3] });
    // Lines healed into two places are ambiguous too.
    assert.deepStrictEqual(matchEdit('  x\ny\n    x\n', 'x  ', 'z'), { ok: false, reason: 'ambiguous', lines: [1, 3] });
  });

  it('empty old_text and an edit that changes nothing are refused with their own reasons', () => {
    assert.deepStrictEqual(matchEdit(FILE, '', 'x'), { ok: false, reason: 'empty' });
    assert.deepStrictEqual(matchEdit(FILE, 'return n;', 'return n;'), { ok: false, reason: 'noChange' });
  });

  it('healed line endings: LF old_text matches a CRLF file and the replacement is written in CRLF', () => {
    const crlf = FILE.replace(/\n/g, '\r\n');
    const m = ok(matchEdit(crlf, '  let n = 0;\n  for', '  let n = 0;\n  // loop\n  for'));
    assert.strictEqual(m.text, crlf.replace('  let n = 0;\r\n', '  let n = 0;\r\n  // loop\r\n'));
    assert.ok(!/[^\r]\n/.test(m.text), 'no bare LF introduced');
  });

  it('healed line endings as whole lines: CRLF old_text in an LF file keeps LF', () => {
    const m = ok(
      matchEdit(
        FILE,
        '  let n = 0;\r\n  return n;\r\n'.replace('  return n;', '  for (const x of list) n += x.size;'),
        '  let n = 2;\r\n',
      ),
    );
    assert.deepStrictEqual(m.healed, ['lineEndings']);
    assert.strictEqual(m.text, FILE.replace('  let n = 0;\n  for (const x of list) n += x.size;', '  let n = 2;'));
    assert.ok(!m.text.includes('\r'));
  });

  it('a file with mixed endings keeps each line ending outside the replaced text', () => {
    const mixed = 'a\r\nb\nc\r\n';
    const m = ok(matchEdit(mixed, 'b', 'B'));
    assert.strictEqual(m.text, 'a\r\nB\nc\r\n');
  });

  it('healed trailing spaces: the file has trailing spaces old_text lost, or the reverse', () => {
    const file = 'one  \ntwo\t\nthree\n';
    const m = ok(matchEdit(file, 'one\ntwo\n', 'ONE\nTWO\n'));
    assert.deepStrictEqual(m.healed, ['trailingSpaces']);
    assert.strictEqual(m.text, 'ONE\nTWO\nthree\n');
    const r = ok(matchEdit('x\ny\n', 'x   \ny  ', 'z'));
    assert.strictEqual(r.text, 'z\n');
  });

  it("healed indentation: old_text quoted at another indentation; new_text is shifted to the file's", () => {
    const file = 'class A {\n    run() {\n        go();\n    }\n}\n';
    const m = ok(matchEdit(file, 'run() {\n    go();\n}', 'run() {\n    go();\n    stop();\n}'));
    assert.deepStrictEqual(m.healed, ['indentation']);
    assert.strictEqual(m.text, 'class A {\n    run() {\n        go();\n        stop();\n    }\n}\n');
  });

  it('healed indentation with tabs in the file and spaces in old_text', () => {
    const file = 'if (a) {\n\tb();\n\tc();\n}\n';
    const m = ok(matchEdit(file, '    b();\n    c();', '    b();\n    d();'));
    assert.strictEqual(m.text, 'if (a) {\n\tb();\n\td();\n}\n');
  });

  it('deleting whole healed lines leaves no blank line behind', () => {
    const m = ok(matchEdit('a\n  b  \nc\n', 'b\n', ''));
    assert.strictEqual(m.text, 'a\nc\n');
  });

  it('missing: the closest text, its lines and the first differing line', () => {
    const m = matchEdit(FILE, '  let total = 0;\n  for (const x of list) n += x.size;', 'x');
    assert.strictEqual(m.ok, false);
    assert.ok(!m.ok && m.reason === 'notFound');
    const c = m.reason === 'notFound' ? m.closest : undefined;
    assert.ok(c);
    assert.deepStrictEqual([c.startLine, c.endLine], [2, 3]);
    assert.strictEqual(c.text, '  let n = 0;\n  for (const x of list) n += x.size;');
    assert.deepStrictEqual(c.firstDifference, { line: 2, file: '  let n = 0;', expected: '  let total = 0;' });
    assert.ok(c.similarity > 0.5 && c.similarity < 1);
  });

  it('missing in an empty file, or only blank lines asked for: no closest text', () => {
    assert.deepStrictEqual(matchEdit('', 'a', 'b'), { ok: false, reason: 'notFound', closest: undefined });
    assert.deepStrictEqual(matchEdit('a\n\nb', '\n\n\n', 'x'), { ok: false, reason: 'notFound' });
  });

  it('the closest-match search stays fast on a large file', () => {
    const big = Array.from({ length: 50_000 }, (_, i) => `line ${i} of the file`).join('\n');
    const old = Array.from({ length: 60 }, (_, i) => `line ${20_000 + i} of the fil`).join('\n');
    const t = performance.now();
    const m = matchEdit(big, old, 'x');
    assert.ok(performance.now() - t < 2000);
    assert.ok(!m.ok && m.reason === 'notFound');
  });

  it('the results the model reads: proposed (not applied), ambiguous, missing with numbered lines', () => {
    const m = ok(matchEdit(FILE, '  let n = 0;', '    let n = 0;'));
    const proposed = describeProposedEdit('src/a.js', m, { added: 1, removed: 1 });
    assert.match(proposed, /Proposed an edit to src\/a\.js at line 2/);
    assert.match(proposed, /NOT applied/);
    const amb = matchEdit('a\na\n', 'a', 'b');
    assert.ok(!amb.ok);
    assert.match(describeEditFailure('x.txt', amb), /occurs 2 times in x\.txt \(starting at lines 1, 2\)/);
    const miss = matchEdit(FILE, '  return total;', 'x');
    assert.ok(!miss.ok);
    const text = describeEditFailure('src/a.js', miss);
    assert.match(text, /not found in src\/a\.js\. The closest text is lines 4-4/);
    assert.match(text, /^4: {3}return n;$/m);
    assert.match(text, /the file has " {2}return n;", old_text has " {2}return total;"/);
    const nothing = matchEdit(FILE, 'zzzzqqqq', 'x');
    assert.ok(!nothing.ok);
    assert.match(describeEditFailure('src/a.js', nothing), /nor anything like it/);
  });
});
