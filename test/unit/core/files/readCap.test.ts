import * as assert from 'node:assert';
import { capText, READ_CAP_MAX_CHARS, READ_CAP_MIN_CHARS, readCapChars } from '../../../../src/core/files';

describe('file policy: the read cap', () => {
  it('is 1 MiB of characters when the window is unknown', () => {
    assert.strictEqual(readCapChars(), READ_CAP_MAX_CHARS);
    assert.strictEqual(readCapChars(Number.NaN), READ_CAP_MAX_CHARS);
    assert.strictEqual(readCapChars(0), READ_CAP_MAX_CHARS);
  });

  it('is a few times the window, within the floor and the megabyte bound', () => {
    assert.strictEqual(readCapChars(8192), 8192 * 12);
    assert.strictEqual(
      readCapChars(1_000_000),
      READ_CAP_MAX_CHARS,
      'broken promise: never more than the megabyte bound',
    );
    assert.strictEqual(readCapChars(100), READ_CAP_MIN_CHARS);
    assert.ok(readCapChars(32_000) >= 32_000 * 3, 'at least a few windows of text (a character is at most a token)');
  });

  it('leaves a short text alone', () => {
    assert.deepStrictEqual(capText('abc', 10), { text: 'abc', cut: false, totalChars: 3 });
  });

  it('cuts a long text to the cap and says so', () => {
    const text = 'x'.repeat(5000);
    const c = capText(text, 1000);
    assert.strictEqual(c.text.length, 1000, 'broken promise: what is read is capped');
    assert.strictEqual(c.cut, true);
    assert.strictEqual(c.totalChars, 5000);
  });

  it('ends at a line break near the cap', () => {
    const text = `${'a'.repeat(95)}\n${'b'.repeat(200)}`;
    assert.strictEqual(capText(text, 100).text, `${'a'.repeat(95)}\n`);
  });

  it('never splits a surrogate pair', () => {
    const text = `${'a'.repeat(9)}😀tail`;
    const c = capText(text, 10);
    assert.strictEqual(c.text, 'a'.repeat(9));
    assert.ok(c.cut);
  });

  it('caps a megabyte-sized text at once (one slice, not per line)', () => {
    const text = 'line of code\n'.repeat(200_000);
    // The fastest of three runs, so a load spike on a shared machine does not decide it.
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const c = capText(text, readCapChars());
      best = Math.min(best, performance.now() - t0);
      assert.ok(c.text.length <= READ_CAP_MAX_CHARS);
    }
    assert.ok(best < 200, `${best.toFixed(1)} ms`);
  });
});

describe('file policy: the cut noted on the chip', () => {
  it('counts the lines kept and the lines of the whole', () => {
    const text = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
    const c = capText(text, 40);
    assert.ok(c.lines, 'a cut text says how many lines it kept');
    assert.strictEqual(c.lines.totalLines, 100);
    assert.strictEqual(c.lines.keptLines, c.text.split('\n').filter((l, i, a) => l || i < a.length - 1).length);
  });
});
