/** Links whose text names another host than they open show the real host (Node, then in Chromium). */
import * as assert from 'node:assert';
import { claimedHost, misleadingLinkHost } from '../../../src/webview/render/link-host';
import { useRenderPage } from '../../helpers/render-page';

describe('link-host', () => {
  it('reads the host a URL-like or host-like text names, in punycode', () => {
    assert.strictEqual(claimedHost('https://Docs.Example.com/a?b'), 'docs.example.com');
    assert.strictEqual(claimedHost('example.com'), 'example.com');
    assert.strictEqual(claimedHost('www.example.com/docs'), 'www.example.com');
    assert.strictEqual(claimedHost('bücher.example'), 'xn--bcher-kva.example');
    assert.strictEqual(claimedHost('the docs'), undefined);
    assert.strictEqual(claimedHost('see example.com now'), undefined);
    assert.strictEqual(claimedHost('README.md'), 'readme.md', 'a file name looks like a host too');
  });

  it('names the real host only when it differs from the one the text names', () => {
    assert.strictEqual(misleadingLinkHost('docs.example.com', 'https://evil.example/x'), 'evil.example');
    assert.strictEqual(misleadingLinkHost('https://paypal.com', 'https://xn--pypal-4ve.com/'), 'xn--pypal-4ve.com');
    assert.strictEqual(misleadingLinkHost('example.com', 'https://www.example.com/'), undefined);
    assert.strictEqual(misleadingLinkHost('example.com', 'https://docs.example.com/'), undefined);
    assert.strictEqual(misleadingLinkHost('the docs', 'https://evil.example/'), undefined);
    assert.strictEqual(misleadingLinkHost('https://a.example/x', 'https://a.example/y'), undefined);
  });
});

describe('link-host in the rendered answer (Chromium)', function () {
  this.timeout(60_000);
  const rp = useRenderPage();

  /** Renders `markdown` and returns each link's text, href and title. */
  async function links(markdown: string) {
    return rp().page.evaluate((text) => {
      const root = document.getElementById('root') as HTMLElement;
      root.replaceChildren();
      const m = window.rill.mount(true);
      m.md.setText(text);
      m.md.finish();
      return Array.from(m.el.querySelectorAll('a'), (a) => ({
        text: a.textContent,
        href: a.getAttribute('href'),
        title: a.getAttribute('title'),
      }));
    }, markdown);
  }

  it('shows the real host after text that names another one, with the target as the tooltip', async () => {
    assert.deepStrictEqual(await links('[docs.example.com](https://evil.example/login "Official docs")'), [
      {
        text: 'docs.example.com (evil.example)',
        href: 'https://evil.example/login',
        title: 'https://evil.example/login',
      },
    ]);
  });

  it('shows a look-alike Unicode host in punycode', async () => {
    assert.deepStrictEqual(await links('[https://paypal.com](https://pаypal.com/)'), [
      {
        text: 'https://paypal.com (xn--pypal-4ve.com)',
        href: 'https://xn--pypal-4ve.com/',
        title: 'https://xn--pypal-4ve.com/',
      },
    ]);
  });

  it('leaves honest links and plain-text links as they were', async () => {
    assert.deepStrictEqual(
      await links('[the docs](https://a.example/x "T") [a.example](https://a.example/y) <https://b.example/>'),
      [
        { text: 'the docs', href: 'https://a.example/x', title: 'T' },
        { text: 'a.example', href: 'https://a.example/y', title: null },
        { text: 'https://b.example/', href: 'https://b.example/', title: null },
      ],
    );
  });
});
