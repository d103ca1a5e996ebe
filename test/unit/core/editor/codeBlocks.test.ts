import * as assert from 'node:assert';
import {
  chooseInsertText,
  extractCodeBlocks,
  isTopLevelBlock,
  streamingInsertText,
} from '../../../../src/core/editor/codeBlocks';
import { langMatches } from '../../../../src/core/editor/languages';

describe('extractCodeBlocks', () => {
  it('finds backtick and tilde blocks with their language, in order', () => {
    const md = 'Intro\n```TypeScript title="x"\nconst a = 1;\n```\ntext\n~~~py\nprint(1)\n\nprint(2)\n~~~\n';
    assert.deepStrictEqual(extractCodeBlocks(md), [
      { lang: 'typescript', code: 'const a = 1;', closed: true },
      { lang: 'py', code: 'print(1)\n\nprint(2)', closed: true },
    ]);
  });

  it('only closes a fence with the same character and at least its length', () => {
    const md = '````md\n```js\nx\n```\n````';
    assert.deepStrictEqual(extractCodeBlocks(md), [{ lang: 'md', code: '```js\nx\n```', closed: true }]);
    assert.deepStrictEqual(extractCodeBlocks('~~~\n```\n~~~'), [{ lang: '', code: '```', closed: true }]);
  });

  it("removes a list item's indentation from an indented block", () => {
    const md = '1. Do this:\n   ```js\n   if (a) {\n     b();\n   }\n   ```';
    assert.deepStrictEqual(extractCodeBlocks(md), [
      { lang: 'js', code: 'if (a) {\n  b();\n}', closed: true, inList: true },
    ]);
  });

  it('takes a fence indented 0-3 spaces (CommonMark); four or more make indented code, not a block', () => {
    assert.deepStrictEqual(extractCodeBlocks('   ```js\n   a();\n   ```'), [
      { lang: 'js', code: 'a();', closed: true },
    ]);
    assert.deepStrictEqual(extractCodeBlocks('Text\n\n    ```js\n    a();\n    ```'), []);
    assert.deepStrictEqual(extractCodeBlocks('\t```js\n\ta();\n\t```'), []);
  });

  it("counts a fence's indentation from its list item's content, also in nested lists", () => {
    const md = '- Step:\n  - Inner:\n    ```py\n    x = 1\n      y = 2\n    ```\n- Next\n\n```sh\nls\n```';
    assert.deepStrictEqual(extractCodeBlocks(md), [
      { lang: 'py', code: 'x = 1\n  y = 2', closed: true, inList: true },
      { lang: 'sh', code: 'ls', closed: true },
    ]);
    assert.deepStrictEqual(extractCodeBlocks('- Item:\n\n        ```py\n        x\n        ```'), []);
  });

  it('reports a block the answer ended inside as open', () => {
    assert.deepStrictEqual(extractCodeBlocks('x\n```go\nfunc main() {'), [
      { lang: 'go', code: 'func main() {', closed: false },
    ]);
  });

  it('ignores inline code and handles CRLF answers', () => {
    assert.deepStrictEqual(extractCodeBlocks('use ```x``` inline'), []);
    assert.deepStrictEqual(extractCodeBlocks('```c\r\nint x;\r\n```\r\n'), [
      { lang: 'c', code: 'int x;', closed: true },
    ]);
  });
});

describe('isTopLevelBlock (Apply finds its block by the answer and the block number)', () => {
  const answer = [
    'First:',
    '```js',
    'a();',
    '```',
    '- In a list:',
    '  ```js',
    '  listed();',
    '  ```',
    '> Quoted:',
    '> ```js',
    '> quoted();',
    '> ```',
    '',
    '```js',
    'b();',
    '```',
  ].join('\n');

  it('counts only top-level blocks, as the panel numbers them', () => {
    assert.strictEqual(isTopLevelBlock(answer, 0, 'a();'), true);
    assert.strictEqual(isTopLevelBlock(answer, 1, 'b();\n'), true, 'trailing whitespace is not compared');
  });

  it('an indented or quoted block, another number or other code is not the answer’s block', () => {
    for (const [index, code] of [
      [1, 'listed();'],
      [1, 'quoted();'],
      [2, 'b();'],
      [0, 'b();'],
      [0, 'a(); evil();'],
    ] as const)
      assert.strictEqual(isTopLevelBlock(answer, index, code), false, `${index}: ${code}`);
  });
});

describe('chooseInsertText', () => {
  it("takes the block in the file's language, by id or alias", () => {
    const md = 'Shell:\n```bash\nnpm i\n```\nCode:\n```ts\nlet x = 1;\n```';
    assert.deepStrictEqual(chooseInsertText(md, 'typescript'), { text: 'let x = 1;', kind: 'code' });
    assert.ok(langMatches('py', 'python'));
    assert.ok(langMatches('python', 'python'));
    assert.ok(!langMatches('js', 'typescript'));
  });

  it("joins several blocks of the file's language, or all blocks when none is in it", () => {
    assert.strictEqual(chooseInsertText('```py\na\n```\n```py\nb\n```', 'python').text, 'a\n\nb');
    assert.strictEqual(chooseInsertText('```\na\n```\nthen\n```sql\nb\n```', 'rust').text, 'a\n\nb');
  });

  it("falls back to the answer's text when there is no block (or only empty ones)", () => {
    assert.deepStrictEqual(chooseInsertText('\n  Just prose.  \n', 'python'), { text: 'Just prose.', kind: 'text' });
    assert.deepStrictEqual(chooseInsertText('```\n\n```\nProse.', 'c'), { text: '```\n\n```\nProse.', kind: 'text' });
  });
});

describe('streamingInsertText', () => {
  const answer = 'Fixed:\n\n```js\nconst a = 1;\nconst b = 2;\n```\nThat is all.';

  it('has nothing until the first whole line of code arrived', () => {
    for (const n of ['Fixed:\n\n```js'.length, 'Fixed:\n\n```js\n'.length, 'Fixed:\n\n```js\nconst a'.length])
      assert.strictEqual(streamingInsertText(answer.slice(0, n), 'javascript'), undefined, `at ${n}`);
  });

  it('grows line by line, never showing a line still being written', () => {
    const at = (s: string) => streamingInsertText(answer.slice(0, answer.indexOf(s) + s.length), 'javascript');
    assert.strictEqual(at('const a = 1;\n'), 'const a = 1;\n');
    assert.strictEqual(at('const b = 2'), 'const a = 1;\n');
    assert.strictEqual(at('const b = 2;\n'), 'const a = 1;\nconst b = 2;\n');
  });

  it('ends as the finished answer is chosen', () => {
    for (const md of [answer, '```py\na\n```\n```py\nb\n```\n', '```\na\n```\nthen\n```sql\nb\n```\n'])
      assert.strictEqual(streamingInsertText(md, 'python'), chooseInsertText(md, 'python').text);
    assert.strictEqual(streamingInsertText('Just prose.\nMore prose.\n', 'python'), undefined);
  });
});
