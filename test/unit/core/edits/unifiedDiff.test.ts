import * as assert from 'node:assert';
import { changeStats, diffLines, unifiedDiff } from '../../../../src/core/edits';

describe('line diff and unified diff', () => {
  it('diffLines: runs that rebuild the new text from the old', () => {
    const a = ['a', 'b', 'c', 'd', 'e'];
    const b = ['a', 'x', 'c', 'e', 'f'];
    const runs = diffLines(a, b);
    const rebuilt: string[] = [];
    for (const r of runs) {
      if (r.kind === 'equal') rebuilt.push(...a.slice(r.oldStart, r.oldStart + r.count));
      if (r.kind === 'insert') rebuilt.push(...b.slice(r.newStart, r.newStart + r.count));
    }
    assert.deepStrictEqual(rebuilt, b);
    assert.deepStrictEqual(changeStats('a\nb\nc\nd\ne\n', 'a\nx\nc\ne\nf\n'), { added: 2, removed: 2 });
  });

  it('a changed line with context, as git prints it', () => {
    const old = 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n';
    const neu = old.replace('five', 'FIVE');
    assert.strictEqual(
      unifiedDiff('src/n.txt', old, neu),
      [
        '--- a/src/n.txt',
        '+++ b/src/n.txt',
        '@@ -2,7 +2,7 @@',
        ' two',
        ' three',
        ' four',
        '-five',
        '+FIVE',
        ' six',
        ' seven',
        ' eight',
        '',
      ].join('\n'),
    );
  });

  it('changes far apart make two hunks; close ones share one', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `l${i + 1}`);
    const old = `${lines.join('\n')}\n`;
    const far = old.replace('l2\n', 'L2\n').replace('l25\n', 'L25\n');
    assert.strictEqual((unifiedDiff('f', old, far).match(/^@@/gm) ?? []).length, 2);
    const near = old.replace('l2\n', 'L2\n').replace('l8\n', 'L8\n');
    assert.strictEqual((unifiedDiff('f', old, near).match(/^@@/gm) ?? []).length, 1);
    assert.match(unifiedDiff('f', old, near), /^@@ -1,11 \+1,11 @@$/m);
  });

  it('a new file diffs from /dev/null; an unchanged file gives nothing', () => {
    assert.strictEqual(
      unifiedDiff('n.py', undefined, 'a\nb\n'),
      '--- /dev/null\n+++ b/n.py\n@@ -0,0 +1,2 @@\n+a\n+b\n',
    );
    assert.strictEqual(unifiedDiff('n.py', 'a\n', 'a\n'), '');
  });

  it('a missing final newline is marked; CR of CRLF lines is not printed', () => {
    assert.strictEqual(
      unifiedDiff('f', 'a\nb', 'a\nc'),
      '--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n',
    );
    assert.strictEqual(unifiedDiff('f', 'a\r\nb\r\n', 'a\r\nc\r\n'), '--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n');
  });

  it('a diff is fast for a 2,000-line rewrite', () => {
    const old = Array.from({ length: 2000 }, (_, i) => `old ${i}`).join('\n');
    const neu = Array.from({ length: 2000 }, (_, i) => (i % 2 ? `new ${i}` : `old ${i}`)).join('\n');
    const t = performance.now();
    assert.deepStrictEqual(changeStats(old, neu), { added: 1000, removed: 1000 });
    assert.ok(performance.now() - t < 1000);
  });
});
