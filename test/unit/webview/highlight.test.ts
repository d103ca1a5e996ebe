/**
 * Syntax highlighting in a real Chromium: grammars load lazily (one pack, on first need) under the
 * page's CSP, only for finished blocks, and never change a character of the code.
 */
import * as assert from 'node:assert';
import languages from '../../../src/core/editor/languages.json';
import { useRenderPage } from '../../helpers/render-page';

describe('Code highlighting', function () {
  this.timeout(60_000);
  const rp = useRenderPage();

  /**
   * Renders `markdown` with a fresh highlighter (so nothing is cached from earlier tests) and
   * reports each code block and the grammar-pack requests made meanwhile.
   */
  async function highlight(markdown: string) {
    const before = rp().requests.length;
    const blocks = await rp().page.evaluate(
      async ({ text }) => {
        const script = document.querySelector<HTMLScriptElement>('script[src$="render-test.js"]');
        const highlighter = new window.rill.Highlighter(window.rill.scriptGrammarLoader(script));
        const m = window.rill.mount(highlighter);
        m.md.setText(text);
        m.md.finish();
        await m.md.whenHighlighted();
        const out = Array.from(m.el.querySelectorAll('pre > code'), (c) => ({
          className: c.className,
          text: c.textContent ?? '',
          spans: c.querySelectorAll('span').length,
        }));
        m.el.remove();
        return out;
      },
      { text: markdown },
    );
    const grammars = rp()
      .requests.slice(before)
      .filter((u) => /\/dist\/grammars\.js$/.test(u));
    return { blocks, grammars };
  }

  it('loads nothing for an answer without code', async () => {
    const r = await highlight('# Title\n\nText with `inline code` and\n\n- a list');
    assert.deepStrictEqual(r.grammars, []);
  });

  it('loads the grammar pack once, when the first block needs it', async () => {
    const r = await highlight(
      '```ts\nconst a = 1;\n```\n\ntext\n\n```typescript\nlet b: string;\n```\n\n```tsx\nconst c = <div/>;\n```',
    );
    assert.strictEqual(r.grammars.length, 1, 'one load serves every block');
    assert.deepStrictEqual(
      r.blocks.map((b) => b.className),
      ['language-typescript hljs', 'language-typescript hljs', 'language-typescript hljs'],
    );
    assert.ok(r.blocks.every((b) => b.spans > 0));
  });

  it('loads the grammars a grammar embeds (CSS and JavaScript in HTML)', async () => {
    const r = await highlight('```html\n<style>p { color: red }</style>\n<script>let x = 1;</script>\n```');
    assert.strictEqual(r.grammars.length, 1, 'the pack holds the embedded grammars too');
    assert.ok(r.blocks[0].spans > 3);
  });

  it('leaves unknown languages and unlabelled blocks plain, without requests', async () => {
    const r = await highlight('```brainfuck\n+[-->-[>>+>-----<<]<--<---]>-.\n```\n\n```\nplain\n```\n\n    indented');
    assert.deepStrictEqual(r.grammars, []);
    assert.deepStrictEqual(
      r.blocks.map((b) => [b.className, b.spans]),
      [
        ['', 0],
        ['', 0],
        ['', 0],
      ],
    );
  });

  it('highlights every shipped grammar, selected by its name and its aliases', async () => {
    const table = languages as Record<string, { aliases: string[]; extraAliases?: string[] }>;
    const labels = Object.entries(table).flatMap(([name, entry]) => [
      name,
      ...entry.aliases,
      ...(entry.extraAliases ?? []),
    ]);
    const sample = 'if (x == "a") { return 1; } // note\nname: value\n<tag attr="1">text</tag>\n+ added\n- removed';
    const r = await highlight(labels.map((label) => `\`\`\`${label}\n${sample}\n\`\`\``).join('\n\n'));
    assert.strictEqual(r.grammars.length, 1, 'one pack serves every grammar');
    r.blocks.forEach((b, i) => {
      assert.match(b.className, /^language-[a-z]+ hljs$/, `block for ${labels[i]}`);
      assert.strictEqual(b.text, sample, `text of ${labels[i]}`);
    });
  });

  it('keeps the code exactly, character for character', async () => {
    const code = 'const s = "<b>&amp;</b>" + \'\\n\';\t// tab ünïcødé 🚀\r\n  `${a}` && b < c > d\n\n\n/* end */ ';
    const r = await highlight(`\`\`\`js\n${code.replace(/\r\n/g, '\n')}\n\`\`\``);
    assert.strictEqual(r.blocks[0].className, 'language-javascript hljs');
    assert.strictEqual(r.blocks[0].text, code.replace(/\r\n/g, '\n'));
  });

  it('highlights off the streaming path: not during flush(), soon after', async () => {
    const r = await rp().page.evaluate(async () => {
      const m = window.rill.mount(true);
      m.md.append('```py\nx = 1\n```\n\nnext');
      m.md.flush();
      const during = m.el.querySelector('code')?.className;
      await m.md.whenHighlighted();
      const after = m.el.querySelector('code')?.className;
      m.el.remove();
      return { during, after };
    });
    assert.deepStrictEqual(r, { during: 'language-python', after: 'language-python hljs' });
  });

  it('leaves code plain when its grammar cannot be loaded', async () => {
    const r = await rp().page.evaluate(async () => {
      const highlighter = new window.rill.Highlighter({ load: () => Promise.reject(new Error('offline')) });
      const m = window.rill.mount(highlighter);
      m.md.setText('```go\nfunc main() {}\n```');
      m.md.finish();
      await m.md.whenHighlighted();
      const out = m.el.querySelector('code')?.outerHTML;
      m.el.remove();
      return out;
    });
    assert.strictEqual(r, '<code class="language-go">func main() {}</code>');
  });

  it('leaves very long code plain rather than block the page', async () => {
    const long = 'let x = 1;\n'.repeat(7000);
    const r = await highlight(`\`\`\`js\n${long}\`\`\``);
    assert.deepStrictEqual(
      [r.blocks[0].className, r.blocks[0].spans, r.blocks[0].text.length],
      ['language-javascript', 0, long.length - 1],
    );
  });
});
