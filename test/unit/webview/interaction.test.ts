/**
 * Code block buttons and links, used the way a reader uses them: real clicks and keys in Chromium.
 */
import * as assert from 'node:assert';
import type { HookCall } from '../../helpers/render-entry';
import { useRenderPage } from '../../helpers/render-page';

describe('StreamingMarkdown code block buttons and links', function () {
  this.timeout(60_000);
  const rp = useRenderPage();

  /** Streams `markdown` into a fresh message kept on the page as `window.current`. */
  async function show(markdown: string): Promise<void> {
    await rp().page.evaluate(async (text) => {
      document.getElementById('root')?.replaceChildren();
      const m = window.rill.mount(true);
      for (let at = 0; at < text.length; at += 7) {
        m.md.append(text.slice(at, at + 7));
        m.md.flush();
      }
      m.md.finish();
      await m.md.whenHighlighted();
      (window as unknown as { current: typeof m }).current = m;
    }, markdown);
  }

  const calls = () => rp().page.evaluate(() => (window as unknown as { current: { calls: HookCall[] } }).current.calls);

  const code = 'if (a < b && c > "d") {\n\treturn `x&amp;y`;  \n}\n\n// ünïcødé ✓';

  it('Copy, Insert, Apply and New file pass the exact code and the fence label', async () => {
    await show(`Text\n\n\`\`\`TypeScript\n${code}\n\`\`\`\n\nMore text`);
    const page = rp().page;
    await page.getByRole('button', { name: 'Copy code' }).click();
    await page.getByRole('button', { name: 'Insert code at cursor' }).click();
    await page.getByRole('button', { name: 'Apply code in place of the selection, after a review' }).click();
    await page.getByRole('button', { name: 'Insert code in new file' }).click();
    assert.deepStrictEqual(await calls(), [
      ['copy', code],
      ['insert', code, 'TypeScript', 'cursor'],
      ['insert', code, 'TypeScript', 'apply'],
      ['insert', code, 'TypeScript', 'newFile'],
    ]);
  });

  it('buttons are real codicon buttons with accessible names and tooltips, reachable by keyboard', async () => {
    await show('```\nplain\n```');
    const page = rp().page;
    const buttons = await page.$$eval('.md-code button', (bs) =>
      bs.map((b) => {
        const svg = b.querySelector('svg');
        return [
          b.getAttribute('type'),
          b.getAttribute('aria-label'),
          b.getAttribute('title'),
          svg?.namespaceURI,
          svg?.getAttribute('aria-hidden'),
          svg ? svg.querySelectorAll('path[d]').length > 0 : false,
          Math.round(svg?.getBoundingClientRect().width ?? 0),
        ];
      }),
    );
    const svgNs = 'http://www.w3.org/2000/svg';
    assert.deepStrictEqual(buttons, [
      ['button', 'Copy code', 'Copy code', svgNs, 'true', true, 16],
      ['button', 'Insert code at cursor', 'Insert code at cursor', svgNs, 'true', true, 16],
      [
        'button',
        'Apply code in place of the selection, after a review',
        'Apply code in place of the selection, after a review',
        svgNs,
        'true',
        true,
        16,
      ],
      ['button', 'Insert code in new file', 'Insert code in new file', svgNs, 'true', true, 16],
    ]);
    await page.focus('.md-code button[data-action="new-file"]');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    assert.deepStrictEqual(await calls(), [
      ['insert', 'plain', '', 'newFile'],
      ['insert', 'plain', '', 'apply'],
      ['insert', 'plain', '', 'cursor'],
    ]);
  });

  it('Apply reports the block’s number among the top-level blocks, and none for a block in a list or a quote', async () => {
    await show(
      '```js\none()\n```\n\n- item\n\n  ```py\n  two()\n  ```\n\n> ```sh\n> three\n> ```\n\n```js\nfour()\n```',
    );
    const page = rp().page;
    const applies = page.getByRole('button', { name: 'Apply code in place of the selection, after a review' });
    assert.strictEqual(await applies.count(), 4);
    for (let i = 0; i < 4; i++) await applies.nth(i).click();
    const blocks = await page.evaluate(() => (window as unknown as { current: { blocks: unknown[] } }).current.blocks);
    assert.deepStrictEqual(
      blocks,
      [0, null, null, 1],
      'promise broken: Apply must name the answer’s top-level block, and no block for an indented or quoted one',
    );
  });

  it('each block reports its own code, also inside lists and block quotes', async () => {
    await show('```js\none()\n```\n\n- item\n\n  ```py\n  two()\n  ```\n\n> ```sh\n> three\n> ```');
    const page = rp().page;
    const copies = page.getByRole('button', { name: 'Copy code' });
    assert.strictEqual(await copies.count(), 3);
    for (let i = 2; i >= 0; i--) await copies.nth(i).click();
    assert.deepStrictEqual(await calls(), [
      ['copy', 'three'],
      ['copy', 'two()'],
      ['copy', 'one()'],
    ]);
  });

  it('a link click goes to onLink and the page does not navigate or open anything', async () => {
    await show('See [the docs](https://example.com/docs?a=1&b=2#x) and www.example.org.');
    const page = rp().page;
    const url = page.url();
    const popups: string[] = [];
    page.context().on('page', (p) => popups.push(p.url()));
    await page.getByRole('link', { name: 'the docs' }).click();
    await page.getByRole('link', { name: 'the docs' }).click({ button: 'middle' });
    await page.getByRole('link', { name: 'the docs' }).click({ modifiers: ['Shift'] });
    await page.getByRole('link', { name: 'www.example.org' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForTimeout(200);
    assert.strictEqual(page.url(), url);
    assert.deepStrictEqual(popups, []);
    assert.deepStrictEqual(await calls(), [
      ['link', 'https://example.com/docs?a=1&b=2#x'],
      ['link', 'https://example.com/docs?a=1&b=2#x'],
      ['link', 'http://www.example.org/'],
    ]);
    assert.deepStrictEqual(rp().external, [], 'no request left the page');
  });
});
