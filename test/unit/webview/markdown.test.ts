/**
 * What the renderer makes of CommonMark and GFM, checked as HTML in a real Chromium. Highlighting
 * is off here (see highlight.test.ts); every case is rendered whole.
 */
import * as assert from 'node:assert';
import { useRenderPage } from '../../helpers/render-page';

/** The HTML of a code block as the renderer builds it. */
function codeBlock(label: string, codeHtml: string, grammar?: string): string {
  const wrapper = label ? `<div class="md-code" data-lang="${label}">` : '<div class="md-code">';
  // The codicon inside each button is checked by interaction.test.ts; here it stands as <icon>.
  const button = (action: string, name: string) =>
    `<button type="button" class="md-code-button" data-action="${action}" aria-label="${name}" title="${name}"><icon></button>`;
  return (
    wrapper +
    `<div class="md-code-header"><span class="md-code-lang">${label || 'text'}</span>` +
    button('copy', 'Copy code') +
    button('insert', 'Insert code at cursor') +
    button('apply', 'Apply code in place of the selection, after a review') +
    button('new-file', 'Insert code in new file') +
    `</div><pre><code${grammar ? ` class="language-${grammar}"` : ''}>${codeHtml}</code></pre></div>`
  );
}

describe('Markdown rendering (CommonMark + GFM)', function () {
  this.timeout(30_000);
  const rp = useRenderPage();

  const render = async (markdown: string): Promise<string> =>
    (await rp().page.evaluate((text) => window.rill.renderWhole(text, false), markdown)).blocks.replace(
      /<svg class="codicon"[\s\S]*?<\/svg>/g,
      '<icon>',
    );

  const cases: Array<[string, string, string]> = [
    // A single line break is a line break, as in GitHub comments and VS Code's chat.
    ['paragraphs and single line breaks', 'one\ntwo\n\nthree', '<p>one<br>two</p><p>three</p>'],
    [
      'a poem and a log keep their lines; the list and table around them do not change',
      'Roses are red\nViolets are blue\n\n- a\n- b\n\n| x |\n| - |\n| 1 |\n\n12:00 start\n12:01 stop',
      '<p>Roses are red<br>Violets are blue</p><ul><li>a</li><li>b</li></ul>' +
        '<div class="md-table"><table><thead><tr><th>x</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table></div>' +
        '<p>12:00 start<br>12:01 stop</p>',
    ],
    ['ATX headings', '# h1\n## h2\n###### h6 ##', '<h1>h1</h1><h2>h2</h2><h6>h6</h6>'],
    ['setext headings', 'Title\n=====\n\nSub\n---', '<h1>Title</h1><h2>Sub</h2>'],
    [
      'emphasis, strong, strikethrough, code span',
      '*a* _b_ **c** __d__ ~~e~~ `f`',
      '<p><em>a</em> <em>b</em> <strong>c</strong> <strong>d</strong> <del>e</del> <code>f</code></p>',
    ],
    [
      'nested emphasis',
      '***both*** and *a **b** c*',
      '<p><em><strong>both</strong></em> and <em>a <strong>b</strong> c</em></p>',
    ],
    ['code span keeps markup characters', '`<b>&amp;</b>`', '<p><code>&lt;b&gt;&amp;amp;&lt;/b&gt;</code></p>'],
    ['hard line breaks', 'a  \nb\\\nc', '<p>a<br>b<br>c</p>'],
    ['thematic break', 'a\n\n***\n\nb', '<p>a</p><hr><p>b</p>'],
    [
      'block quote with content',
      '> # t\n> text\n>\n> - x',
      '<blockquote><h1>t</h1><p>text</p><ul><li>x</li></ul></blockquote>',
    ],
    ['tight list', '- a\n- b', '<ul><li>a</li><li>b</li></ul>'],
    ['loose list', '- a\n\n- b', '<ul><li><p>a</p></li><li><p>b</p></li></ul>'],
    [
      'nested lists',
      '- a\n  - b\n    1. c\n- d',
      '<ul><li>a<ul><li>b<ol><li>c</li></ol></li></ul></li><li>d</li></ul>',
    ],
    ['ordered list start', '3. c\n4. d', '<ol start="3"><li>c</li><li>d</li></ol>'],
    [
      'task list',
      '- [ ] todo\n- [x] done',
      '<ul><li class="md-task"><input type="checkbox" disabled="">todo</li><li class="md-task"><input type="checkbox" disabled="" checked="">done</li></ul>',
    ],
    [
      'table with alignment and inline content',
      '| a | b | c |\n|:--|:-:|--:|\n| `x` | **y** | z |',
      '<div class="md-table"><table><thead><tr><th class="md-align-left">a</th><th class="md-align-center">b</th><th class="md-align-right">c</th></tr></thead>' +
        '<tbody><tr><td class="md-align-left"><code>x</code></td><td class="md-align-center"><strong>y</strong></td><td class="md-align-right">z</td></tr></tbody></table></div>',
    ],
    [
      'table with header only',
      '| a |\n|---|',
      '<div class="md-table"><table><thead><tr><th>a</th></tr></thead></table></div>',
    ],
    [
      'fenced code with a language',
      '```ts\nconst a = 1 < 2;\n```',
      codeBlock('ts', 'const a = 1 &lt; 2;', 'typescript'),
    ],
    ['fenced code with an unknown language', '~~~foo bar\nx\n~~~', codeBlock('foo', 'x')],
    [
      'fenced code keeps indentation and blank lines',
      '```py\ndef f():\n\n    return 1\n```',
      codeBlock('py', 'def f():\n\n    return 1', 'python'),
    ],
    ['indented code', '    a\n    b', codeBlock('', 'a\nb')],
    ['unclosed fence runs to the end', '```js\nlet x;', codeBlock('js', 'let x;', 'javascript')],
    [
      'links',
      '[a](https://example.com/x "T") <https://example.com/y> www.example.com',
      '<p><a href="https://example.com/x" title="T">a</a> <a href="https://example.com/y">https://example.com/y</a> <a href="http://www.example.com/">www.example.com</a></p>',
    ],
    [
      'reference links, defined after use',
      '[a][r] [r]\n\n[r]: https://example.com/r',
      '<p><a href="https://example.com/r">a</a> <a href="https://example.com/r">r</a></p>',
    ],
    ['character references', '&copy; &#35; &#x41; &amp;amp; &nosuch;', '<p>© # A &amp;amp; &amp;nosuch;</p>'],
    ['backslash escapes', '\\*not em\\* \\# \\[x\\]', '<p>*not em* # [x]</p>'],
    [
      'raw HTML is text',
      '<b>bold</b>\n\n<div>\nx\n</div>',
      '<p>&lt;b&gt;bold&lt;/b&gt;</p><p>&lt;div&gt;<br>x<br>&lt;/div&gt;</p>',
    ],
    [
      'images are links, never loaded',
      '![a *b*](https://img.example/p.png)',
      '<p><a href="https://img.example/p.png" class="md-image" title="https://img.example/p.png">a b</a></p>',
    ],
  ];

  for (const [name, markdown, expected] of cases) {
    it(name, async () => {
      assert.strictEqual(await render(markdown), expected);
    });
  }

  it('puts settled blocks in groups of 32, the open tail in the last group', async () => {
    const markdown = Array.from({ length: 70 }, (_, i) => `p${i}\n`).join('\n');
    const groups = await rp().page.evaluate(async (text) => {
      const m = window.rill.mount(false);
      m.md.setText(text);
      m.md.finish();
      const sizes = Array.from(m.el.children, (g) => `${g.className}:${g.children.length}`);
      m.el.remove();
      return sizes;
    }, markdown);
    assert.deepStrictEqual(groups, ['md-group:32', 'md-group:32', 'md-group:6']);
  });
});
