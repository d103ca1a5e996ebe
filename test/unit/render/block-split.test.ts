/** Where the settled part of a streaming answer ends, on the lexer's real tokens. */
import * as assert from 'node:assert';
import { closesFence, parseFenceOpener } from '../../../src/core/editor/fences';
import { isClosedFence, settledCount, settledPrefix } from '../../../src/webview/render/block-split';
import { lex } from '../../../src/webview/render/lexer';

/** The raw text of the tokens that have settled in `text` (which ends with a newline). */
function settled(text: string): string {
  const tokens = lex(text);
  return tokens
    .slice(0, settledCount(tokens))
    .map((t) => t.raw)
    .join('');
}

describe('settledCount', () => {
  const cases: Array<[string, string, string]> = [
    ['a lone paragraph stays open', 'one\ntwo\n', ''],
    ['a paragraph settles once the next block starts', 'one\n\ntwo\n', 'one\n\n'],
    ['the open last block waits however long', 'a\n\nb\n\n- c\n- d\n', 'a\n\nb\n\n'],
    ['a closed fence settles at once', 'text\n\n```js\nx\n```\n', 'text\n\n```js\nx\n```\n'],
    ['an open fence does not', 'text\n\n```js\nx\n', 'text\n\n'],
    ['a list does not settle before what follows it', '- a\n\n', ''],
    ['a list settles when a paragraph follows after a blank line', '- a\n\nb\n', '- a\n\n'],
    ['a definition waits while a title may follow', '[a]: https://x.example\n"title\n', ''],
    [
      'a definition settles when text that is no title follows',
      '[a]: https://x.example\nnext\n\nmore\n',
      '[a]: https://x.example\nnext\n\n',
    ],
    ['blank lines alone settle', '\n\n\n', '\n\n\n'],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => assert.strictEqual(settled(text), expected));
  }

  it('the settled tokens and the rest add up to the text', () => {
    const text = '# h\n\npara *x*\n\n| a |\n|---|\n| 1 |\n\n> q\n\n    code\n\n1. a\n2. b\n\n';
    const tokens = lex(text);
    assert.strictEqual(tokens.map((t) => t.raw).join(''), text);
  });
});

describe('settledPrefix (text that may end in an unfinished line)', () => {
  const prefix = (text: string) => {
    const tokens = lex(text);
    const k = settledPrefix(tokens, text.lastIndexOf('\n') + 1);
    return k === null
      ? null
      : tokens
          .slice(0, k)
          .map((t) => t.raw)
          .join('');
  };

  it('settles the blocks before one that started on a complete line', () => {
    assert.strictEqual(prefix('a\n\nb\nc'), 'a\n\n');
    assert.strictEqual(prefix('a\n\n- x\n- y'), 'a\n\n');
  });

  it('cannot tell when the last block starts on the unfinished line', () => {
    assert.strictEqual(prefix('para\n\n#'), null);
    assert.strictEqual(prefix('para\n#'), null, '`#` may still become `#x`, part of the paragraph');
  });

  it('agrees with settledCount when every line is complete', () => {
    for (const text of ['a\n\nb\n', '```\nx\n```\n', '- a\n\n']) {
      const tokens = lex(text);
      assert.strictEqual(settledPrefix(tokens, text.length), settledCount(tokens));
    }
  });

  it('does not settle a closed-looking fence whose closing line is unfinished', () => {
    assert.strictEqual(prefix('x\n\n```\ncode\n```'), 'x\n\n');
  });
});

describe('fences', () => {
  it('parses opening lines by CommonMark rules', () => {
    assert.deepStrictEqual(parseFenceOpener('```ts title\n'), {
      indent: 0,
      char: '`',
      length: 3,
      info: 'ts title',
      lineLength: 12,
    });
    assert.deepStrictEqual(parseFenceOpener('   ~~~~\n'), { indent: 3, char: '~', length: 4, info: '', lineLength: 8 });
    assert.strictEqual(parseFenceOpener('```a`b\n'), null, 'backticks in a backtick info string');
    assert.strictEqual(parseFenceOpener('    ```\n'), null, 'four spaces make indented code');
    assert.strictEqual(parseFenceOpener('``\n'), null);
    assert.strictEqual(parseFenceOpener('```'), null, 'the line is not complete');
  });

  it('closes only with the same character, at least as long, and nothing after', () => {
    const opener = parseFenceOpener('````\n');
    assert.ok(opener);
    assert.ok(closesFence('````', opener));
    assert.ok(closesFence('   `````  ', opener));
    assert.ok(!closesFence('```', opener));
    assert.ok(!closesFence('~~~~', opener));
    assert.ok(!closesFence('```` x', opener));
    assert.ok(!closesFence('    ````', opener));
  });

  it('tells closed fenced code from open and indented code', () => {
    const [closed] = lex('```\nx\n```\n');
    const [open] = lex('```\nx\n');
    const [indented] = lex('    x\n');
    assert.deepStrictEqual([isClosedFence(closed), isClosedFence(open), isClosedFence(indented)], [true, false, false]);
  });
});
