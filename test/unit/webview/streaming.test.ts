/**
 * Streaming behaviour in a real Chromium: the same DOM however the text arrives, nothing lost,
 * settled blocks left alone, an open fence shown as code, snapshots and continuations.
 */
import * as assert from 'node:assert';
import { generateAnswer, seededRandom, toTokens } from '../../helpers/markdown-corpus';
import { EDGE_CASES } from '../../helpers/markdown-edge-cases';
import { useRenderPage } from '../../helpers/render-page';

describe('StreamingMarkdown streaming', function () {
  this.timeout(120_000);
  const rp = useRenderPage();

  /** Renders `text` whole, char by char and at seeded random splits; returns the three results. */
  const threeWays = (text: string, seed: number) =>
    rp().page.evaluate(
      async ({ text, seed }) => ({
        whole: await window.rill.renderWhole(text),
        chars: await window.rill.renderByChar(text),
        random: await window.rill.renderRandom(text, seed),
      }),
      { text, seed },
    );

  describe('the same final DOM whether the text arrives whole, char by char or at random splits', () => {
    for (const seed of [1, 2, 3, 4]) {
      it(`generated answer, seed ${seed}`, async () => {
        const text = generateAnswer(seed, 5000);
        const r = await threeWays(text, seed);
        assert.ok(r.chars.flushes > 4000 && r.random.flushes > 100, 'streamed in many flushes');
        assert.ok(r.whole.html.includes('hljs'), 'code was highlighted');
        assert.strictEqual(r.chars.html, r.whole.html);
        assert.strictEqual(r.random.html, r.whole.html);
        for (const x of [r.whole, r.chars, r.random]) assert.strictEqual(x.text, text);
      });
    }

    for (const [name, text] of Object.entries(EDGE_CASES)) {
      it(name, async () => {
        const r = await threeWays(text, 11);
        assert.strictEqual(r.chars.html, r.whole.html);
        assert.strictEqual(r.random.html, r.whole.html);
      });
    }
  });

  it('loses, duplicates and reorders nothing over 100,000 deltas', async () => {
    // Numbered words in paragraphs, list items, table cells and code, so any lost, repeated or
    // misplaced piece shows in the rendered text.
    const rand = seededRandom(5);
    const blocks: string[] = [];
    let n = 0;
    const words = (k: number) => Array.from({ length: k }, () => `w${n++}`).join(' ');
    while (n < 50_000) {
      const r = rand();
      if (r < 0.5) blocks.push(words(40));
      else if (r < 0.7) blocks.push(Array.from({ length: 5 }, () => `- ${words(6)}`).join('\n'));
      else if (r < 0.85) blocks.push(`| ${words(1)} | ${words(1)} |\n|---|---|\n| ${words(1)} | ${words(1)} |`);
      else blocks.push(`\`\`\`\n${words(10)}\n${words(10)}\n\`\`\``);
    }
    const text = blocks.join('\n\n');
    const tokens = toTokens(text);
    assert.strictEqual(tokens.join(''), text);
    assert.ok(tokens.length >= 100_000, `${tokens.length} deltas`);
    const seen = await rp().page.evaluate(async (tokens) => {
      const m = window.rill.mount(false);
      tokens.forEach((t, i) => {
        m.md.append(t);
        if (i % 50 === 49) m.md.flush();
      });
      m.md.finish();
      for (const header of m.el.querySelectorAll('.md-code-header')) header.remove();
      const out = { text: m.md.text, words: m.el.textContent?.match(/w\d+/g) ?? [] };
      m.el.remove();
      return out;
    }, tokens);
    assert.strictEqual(seen.text, text);
    assert.strictEqual(seen.words.length, n);
    seen.words.forEach((w, i) => assert.strictEqual(w, `w${i}`));
  });

  it('renders each settled block once and never touches it again', async () => {
    const text = generateAnswer(8, 8000);
    const result = await rp().page.evaluate(async (text) => {
      const m = window.rill.mount(false);
      const settled = new Map<Element, string>();
      const blocks = () => Array.from(m.el.children).flatMap((g) => Array.from(g.children));
      for (let at = 0; at < text.length; at += 17) {
        m.md.append(text.slice(at, at + 17));
        m.md.flush();
        // Every block but the last has settled (the answer separates blocks with blank lines).
        for (const b of blocks().slice(0, -1)) if (!settled.has(b)) settled.set(b, b.outerHTML);
      }
      m.md.finish();
      const changed = [...settled].filter(([b, html]) => !b.isConnected || b.outerHTML !== html).length;
      m.el.remove();
      return { settled: settled.size, changed };
    }, text);
    assert.ok(result.settled > 20, `${result.settled} blocks settled`);
    assert.strictEqual(result.changed, 0);
  });

  it('does nothing on a flush with nothing new', async () => {
    const records = await rp().page.evaluate(async () => {
      const m = window.rill.mount(false);
      m.md.append('some *text*\n\n- a list');
      m.md.flush();
      const observer = new MutationObserver(() => {});
      observer.observe(m.el, { subtree: true, childList: true, characterData: true, attributes: true });
      m.md.flush();
      m.md.flush();
      const n = observer.takeRecords().length;
      m.el.remove();
      return n;
    });
    assert.strictEqual(records, 0);
  });

  it('shows an unclosed fence as code while it streams, and highlights it only once closed', async () => {
    const r = await rp().page.evaluate(async () => {
      const m = window.rill.mount(true);
      const snapshot = () => ({
        paragraphs: Array.from(m.el.querySelectorAll('p'), (p) => p.textContent),
        code: m.el.querySelector('.md-code code')?.textContent ?? null,
        label: m.el.querySelector('.md-code-lang')?.textContent ?? null,
        highlighted: m.el.querySelector('.hljs') !== null,
      });
      m.md.append('Here:\n\n```ts\nconst a = 1;\nconst b');
      m.md.flush();
      await new Promise((r) => setTimeout(r, 50));
      const open = snapshot();
      m.md.append(' = 2;\n```\n\nAfter.');
      m.md.flush();
      await m.md.whenHighlighted();
      const closed = snapshot();
      m.el.remove();
      return { open, closed };
    });
    assert.deepStrictEqual(r.open, {
      paragraphs: ['Here:'],
      code: 'const a = 1;\nconst b',
      label: 'ts',
      highlighted: false,
    });
    assert.deepStrictEqual(r.closed, {
      paragraphs: ['Here:', 'After.'],
      code: 'const a = 1;\nconst b = 2;',
      label: 'ts',
      highlighted: true,
    });
  });

  it('appends into an open fence without rebuilding it, in chunks of lines', async () => {
    const r = await rp().page.evaluate(async () => {
      const m = window.rill.mount(false);
      m.md.append('```python\n');
      m.md.flush();
      const code = m.el.querySelector('code');
      let sameElement = true;
      for (let i = 0; i < 100; i++) {
        m.md.append(`x${i} = ${i}\n`);
        m.md.flush();
        sameElement &&= m.el.querySelector('code') === code;
      }
      const chunks = m.el.querySelectorAll('.md-code-chunk').length;
      const text = code?.textContent;
      m.md.append('```\n');
      m.md.flush();
      const final = m.el.querySelector('code')?.textContent;
      m.el.remove();
      return { sameElement, chunks, lines: text?.split('\n').length, final };
    });
    assert.ok(r.sameElement, 'the open block kept its code element');
    assert.strictEqual(r.chunks, 3, '100 lines make 3 full chunks of 32');
    assert.strictEqual(r.lines, 101);
    assert.strictEqual(r.final, Array.from({ length: 100 }, (_, i) => `x${i} = ${i}`).join('\n'));
  });

  it('continues an answer after finish() (Continue after a length stop)', async () => {
    const r = await rp().page.evaluate(async () => {
      const m = window.rill.mount(true);
      m.md.append('Hello wor');
      m.md.finish();
      const first = m.el.textContent;
      m.md.append('ld, and more:\n\n```js\nlet a');
      m.md.flush();
      m.md.append(' = 1;\n```\n');
      m.md.finish();
      await m.md.whenHighlighted();
      const html = Array.from(m.el.children, (g) => g.innerHTML).join('');
      m.el.remove();
      const whole = await window.rill.renderWhole('Hello world, and more:\n\n```js\nlet a = 1;\n```\n');
      return { first, html, whole: whole.blocks };
    });
    assert.strictEqual(r.first, 'Hello wor');
    assert.strictEqual(r.html, r.whole);
  });

  it('takes a snapshot with setText and keeps streaming from it', async () => {
    const text = generateAnswer(9, 3000);
    const cut = Math.floor(text.length / 2);
    const r = await rp().page.evaluate(
      async ({ text, cut }) => {
        const m = window.rill.mount(true);
        m.md.append('something else entirely\n\n```\nold');
        m.md.flush();
        m.md.setText(text.slice(0, cut));
        for (let at = cut; at < text.length; at += 23) {
          m.md.append(text.slice(at, at + 23));
          m.md.flush();
        }
        m.md.finish();
        await m.md.whenHighlighted();
        const html = m.el.innerHTML;
        const out = { html, text: m.md.text };
        m.el.remove();
        return { ...out, whole: (await window.rill.renderWhole(text)).html };
      },
      { text, cut },
    );
    assert.strictEqual(r.text, text);
    assert.strictEqual(r.html, r.whole);
  });

  it('joins a CRLF split across deltas into one line break', async () => {
    const r = await rp().page.evaluate(async () => ({
      split: (await window.rill.renderPieces('a\r\nb\r\n\r\nc\r', [2, 1, 3, 2, 1], false)).blocks,
      whole: (await window.rill.renderWhole('a\nb\n\nc\n', false)).blocks,
    }));
    assert.strictEqual(r.split, r.whole);
    assert.strictEqual(r.whole, '<p>a<br>b</p><p>c</p>');
  });
});
