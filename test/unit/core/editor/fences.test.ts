/** The one fence scanner: its rules in Node, then the chat renderer and the insertion agreeing in Chromium. */
import * as assert from 'node:assert';
import { extractCodeBlocks } from '../../../../src/core/editor/codeBlocks';
import { closesFence, parseFenceOpener } from '../../../../src/core/editor/fences';
import { useRenderPage } from '../../../helpers/render-page';

describe('fences', () => {
  it('opens a fence indented 0-3 spaces only', () => {
    assert.strictEqual(parseFenceOpener('```js\n')?.indent, 0);
    assert.strictEqual(parseFenceOpener('   ~~~~ py x\n')?.info, 'py x');
    assert.strictEqual(parseFenceOpener('    ```js\n'), null);
    assert.strictEqual(parseFenceOpener('```a`b\n'), null, 'no backtick in a backtick fence info string');
  });

  it('closes with the same character, at least as long, with nothing after it', () => {
    const opener = parseFenceOpener('````\n');
    assert.ok(opener);
    assert.ok(closesFence('   `````  ', opener));
    assert.ok(!closesFence('```', opener));
    assert.ok(!closesFence('~~~~', opener));
    assert.ok(!closesFence('```` x', opener));
  });
});

describe('fences: the panel and the insertion see the same code blocks (Chromium)', function () {
  this.timeout(60_000);
  const rp = useRenderPage();

  const SAMPLES = [
    'Intro\n\n```ts\nlet a = 1;\n```\n\nEnd',
    '   ```js\n   a();\n   ```',
    'Text\n\n    ```js\n    not a fence\n    ```\n\n```py\nyes = 1\n```',
    '1. Do this:\n   ```js\n   if (a) {\n     b();\n   }\n   ```\n2. Then:\n\n   ```sh\n   ls\n   ```',
    '- Step:\n  - Inner:\n    ```py\n    x = 1\n    ```\n- Next',
    '````md\n```js\nx\n```\n````',
    '~~~go\nfunc main() {}\n~~~\n\n```rust\nfn main() {}',
  ];

  for (const md of SAMPLES) {
    it(`agrees on ${JSON.stringify(md).slice(0, 60)}`, async () => {
      const rendered = await rp().page.evaluate((text) => {
        document.getElementById('root')?.replaceChildren();
        const m = window.rill.mount(false);
        m.md.setText(text);
        m.md.finish();
        return Array.from(m.el.querySelectorAll('[data-lang]'), (b) => ({
          lang: (b.getAttribute('data-lang') ?? '').toLowerCase(),
          code: (b.querySelector('code')?.textContent ?? '').replace(/\n$/, ''),
        }));
      }, md);
      const extracted = extractCodeBlocks(md).map(({ lang, code }) => ({ lang, code }));
      assert.ok(extracted.length > 0, 'each sample has a block');
      assert.deepStrictEqual(rendered, extracted);
    });
  }
});
