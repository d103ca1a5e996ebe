import * as assert from 'assert';
import { chooseInsertText, extractCodeBlocks, langMatches, languageForFence } from '../../../src/core/codeBlocks';

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

  it('removes a list item\'s indentation from an indented block', () => {
    const md = '1. Do this:\n   ```js\n   if (a) {\n     b();\n   }\n   ```';
    assert.deepStrictEqual(extractCodeBlocks(md), [{ lang: 'js', code: 'if (a) {\n  b();\n}', closed: true }]);
  });

  it('reports a block the answer ended inside as open', () => {
    assert.deepStrictEqual(extractCodeBlocks('x\n```go\nfunc main() {'), [{ lang: 'go', code: 'func main() {', closed: false }]);
  });

  it('ignores inline code and handles CRLF answers', () => {
    assert.deepStrictEqual(extractCodeBlocks('use ```x``` inline'), []);
    assert.deepStrictEqual(extractCodeBlocks('```c\r\nint x;\r\n```\r\n'), [{ lang: 'c', code: 'int x;', closed: true }]);
  });
});

describe('chooseInsertText', () => {
  it('takes the block in the file\'s language, by id or alias', () => {
    const md = 'Shell:\n```bash\nnpm i\n```\nCode:\n```ts\nlet x = 1;\n```';
    assert.deepStrictEqual(chooseInsertText(md, 'typescript'), { text: 'let x = 1;', kind: 'code' });
    assert.ok(langMatches('py', 'python'));
    assert.ok(langMatches('python', 'python'));
    assert.ok(!langMatches('js', 'typescript'));
  });

  it('joins several blocks of the file\'s language, or all blocks when none is in it', () => {
    assert.strictEqual(chooseInsertText('```py\na\n```\n```py\nb\n```', 'python').text, 'a\n\nb');
    assert.strictEqual(chooseInsertText('```\na\n```\nthen\n```sql\nb\n```', 'rust').text, 'a\n\nb');
  });

  it('falls back to the answer\'s text when there is no block (or only empty ones)', () => {
    assert.deepStrictEqual(chooseInsertText('\n  Just prose.  \n', 'python'), { text: 'Just prose.', kind: 'text' });
    assert.deepStrictEqual(chooseInsertText('```\n\n```\nProse.', 'c'), { text: '```\n\n```\nProse.', kind: 'text' });
  });
});

describe('languageForFence', () => {
  const known = ['plaintext', 'typescript', 'typescriptreact', 'javascript', 'python', 'shellscript', 'json', 'jsonc'];
  it('maps fence tags to the language ids VS Code knows', () => {
    assert.strictEqual(languageForFence('ts', known), 'typescript');
    assert.strictEqual(languageForFence('tsx', known), 'typescriptreact');
    assert.strictEqual(languageForFence('TypeScript', known), 'typescript');
    assert.strictEqual(languageForFence('py', known), 'python');
    assert.strictEqual(languageForFence('bash', known), 'shellscript');
    assert.strictEqual(languageForFence('json', known), 'json');
  });
  it('gives none for an empty or unknown tag, or a language VS Code does not have', () => {
    assert.strictEqual(languageForFence('', known), undefined);
    assert.strictEqual(languageForFence('brainfudge', known), undefined);
    assert.strictEqual(languageForFence('rs', known), undefined);
  });
});
