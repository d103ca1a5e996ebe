/**
 * Model output is hostile input. Known attack payloads are rendered in a real Chromium under a
 * strict CSP like the webview's; no script may run, no request may leave the page, and the DOM may
 * hold nothing executable or styled by the content, and no link but http(s).
 */
import * as assert from 'node:assert';
import { useRenderPage } from '../../helpers/render-page';

/** Payloads; each that could run sets `window.__pwned` or fetches from `evil.example`. */
const PAYLOADS: Record<string, string> = {
  'script tag':
    '<script>window.__pwned = "script"</script>\n\ninline <script>window.__pwned = "inline script"</script> tag',
  'img onerror':
    '<img src=x onerror="window.__pwned = \'img\'">\n\ntext <img src="https://evil.example/a.png" onerror=window.__pwned=1>',
  'svg onload':
    '<svg onload="window.__pwned = \'svg\'"><circle r="1"/></svg>\n\n<svg><script>window.__pwned = "svg script"</script></svg>',
  iframe:
    '<iframe src="https://evil.example/frame" onload="window.__pwned = \'iframe\'"></iframe>\n\n<iframe srcdoc="<script>parent.__pwned = 1</script>"></iframe>',
  'other active HTML':
    '<object data="https://evil.example/o"></object><embed src="https://evil.example/e">\n\n' +
    '<form action="https://evil.example/f"><button>go</button></form>\n\n' +
    '<meta http-equiv="refresh" content="0;url=https://evil.example/m">\n\n<base href="https://evil.example/">\n\n' +
    '<details open ontoggle="window.__pwned = \'details\'">x</details>\n\n<input autofocus onfocus="window.__pwned = \'input\'">\n\n' +
    '<video><source onerror="window.__pwned = \'video\'"></video>\n\n<math><mtext><script>window.__pwned = "math"</script></mtext></math>\n\n' +
    '<a href="javascript:window.__pwned = \'raw a\'">raw a</a>',
  'javascript: links':
    '[js](javascript:window.__pwned="md") [JS](JaVaScRiPt:window.__pwned="case") [sp]( javascript:window.__pwned="space")',
  'other schemes':
    '[cmd](command:workbench.action.terminal.new) [cmd2](command:_workbench.downloadResource?%5B%22https://evil.example%22%5D) [vs](vscode://file/etc/passwd) [file](file:///etc/passwd) [data](data:text/html,<script>parent.__pwned=1</script>) [vb](vbscript:msgbox) [rel](/etc/passwd) [proto](//evil.example/p)',
  autolinks:
    '<javascript:window.__pwned="auto"> <command:workbench.action.quit> <data:text/html,x> <file:///etc/passwd> <vscode:extension/x>',
  'reference-style links':
    '[a][js] [b][cmd] [c][data] ![d][img]\n\n[js]: javascript:window.__pwned="ref"\n[cmd]: command:workbench.action.quit\n[data]: <data:text/html,<script>parent.__pwned=1</script>>\n[img]: https://evil.example/ref.png',
  'character reference tricks':
    '[e1](&#106;avascript:window.__pwned="e1") [e2](&#x6A;&#x61;&#x76;&#x61;script:window.__pwned="e2") [e3](javascript&colon;window.__pwned="e3") ' +
    '[e4](jav&#x09;ascript:window.__pwned="e4") [e5](&#99;ommand:workbench.action.quit) [e6](java&#115;cript:window.__pwned="e6") ' +
    '&lt;script&gt;window.__pwned="e7"&lt;/script&gt; &#60;img src=x onerror=window.__pwned="e8"&#62;',
  'markdown images pointing outside':
    '![pixel](https://evil.example/pixel.png) ![rel](//evil.example/p.png) ![svg](data:image/svg+xml,<svg onload=window.__pwned=1>) ' +
    '[![in link](https://evil.example/in.png)](https://ok.example/) ![t](https://evil.example/t.png "title")',
  'CSS injection':
    '<style>body { background: url(https://evil.example/css) } .md { display: none }</style>\n\n' +
    '<div style="background:url(https://evil.example/style)">styled</div> <span style="color:red">red</span>\n\n' +
    '<link rel="stylesheet" href="https://evil.example/s.css">\n\n@import url(https://evil.example/i.css);',
  'attribute breakouts':
    '[t](https://ok.example/ "a\\" onmouseover=\\"window.__pwned=\'title\'") [<img src=x onerror=window.__pwned=1>](https://ok.example/x)\n\n' +
    '```js" onmouseover="window.__pwned=\'info\'\nconsole.log(1)\n```\n\n| <b onclick=window.__pwned=1>x</b> |\n|---|\n| <i style="x">y</i> |',
};

const ALLOWED_TAGS = new Set(
  'DIV P H1 H2 H3 H4 H5 H6 EM STRONG DEL CODE PRE SPAN A UL OL LI INPUT TABLE THEAD TBODY TR TH TD BLOCKQUOTE HR BR BUTTON'.split(
    ' ',
  ),
);
const ALLOWED_ATTRIBUTES = new Set([
  'class',
  'href',
  'title',
  'type',
  'disabled',
  'checked',
  'start',
  'data-lang',
  'data-action',
  'aria-label',
]);

describe('StreamingMarkdown with hostile input', function () {
  this.timeout(60_000);
  const rp = useRenderPage();

  /** Renders `markdown` whole and streamed, then pokes every element; returns what the page saw. */
  async function attack(markdown: string) {
    const page = rp().page;
    const origin = rp().server.origin;
    const result = await page.evaluate(async (text) => {
      const root = document.getElementById('root') as HTMLElement;
      root.replaceChildren();
      const whole = window.rill.mount(true);
      whole.md.setText(text);
      whole.md.finish();
      const streamed = window.rill.mount(true);
      for (let at = 0, n = 1; at < text.length; at += n, n = (n * 7) % 23 || 1) {
        streamed.md.append(text.slice(at, at + n));
        streamed.md.flush();
      }
      streamed.md.finish();
      await whole.md.whenHighlighted();
      // Trigger whatever a handler could be waiting for: clicks, hovers, focus, toggles.
      for (const el of root.querySelectorAll('*')) {
        for (const type of ['mouseover', 'mouseenter', 'focus', 'toggle', 'load', 'error'])
          el.dispatchEvent(new Event(type));
        el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
      }
      await new Promise((r) => setTimeout(r, 300));
      // The code block buttons' codicons are the renderer's own SVG; anything else SVG came from the input.
      const icons = Array.from(root.querySelectorAll('svg.codicon'));
      const elements = Array.from(root.querySelectorAll('*')).filter((e) => !e.closest('svg.codicon'));
      return {
        pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
        iconsOnlyInCodeButtons: icons.every((i) => i.parentElement?.matches('button.md-code-button')),
        sameDom: whole.el.innerHTML === streamed.el.innerHTML,
        text: whole.el.textContent ?? '',
        tags: [...new Set(elements.map((e) => e.tagName))],
        attributes: [...new Set(elements.flatMap((e) => e.getAttributeNames()))],
        hrefs: elements.filter((e) => e.hasAttribute('href')).map((e) => e.getAttribute('href') as string),
        inputs: Array.from(root.querySelectorAll('input'), (i) => `${i.type}:${i.disabled}`),
        links: [...whole.calls, ...streamed.calls].filter((c) => c[0] === 'link').map((c) => c[1]),
        documentElements: Array.from(
          document.querySelectorAll(
            'script, style, link, iframe, img, svg:not(button.md-code-button > svg.codicon), object, embed, form, base, meta, video',
          ),
          (e) => e.tagName,
        ).join(),
      };
    }, markdown);
    const violations = await rp().violations();
    const ownRequests = rp().requests.filter(
      (u) => !/^\/(|media\/markdown\.css|dist\/render-test\.js|dist\/grammars\.js)$/.test(u.slice(origin.length)),
    );
    return { ...result, violations, external: rp().external.slice(), ownRequests };
  }

  for (const [name, markdown] of Object.entries(PAYLOADS)) {
    it(`${name}: inert`, async () => {
      const r = await attack(markdown);
      assert.strictEqual(r.pwned, null, 'no script ran');
      assert.deepStrictEqual(r.external, [], 'no request left the page');
      assert.deepStrictEqual(r.ownRequests, [], 'no unexpected request to the page origin either');
      assert.deepStrictEqual(r.violations, [], 'no CSP violation');
      assert.ok(r.sameDom, 'streamed and whole rendering agree');
      assert.ok(r.iconsOnlyInCodeButtons, 'icons only where the renderer puts them');
      for (const tag of r.tags) assert.ok(ALLOWED_TAGS.has(tag), `unexpected element <${tag.toLowerCase()}>`);
      for (const a of r.attributes) assert.ok(ALLOWED_ATTRIBUTES.has(a), `unexpected attribute ${a}`);
      for (const href of r.hrefs) assert.match(href, /^https?:\/\/[^/]/, `href ${href}`);
      for (const href of r.links) assert.match(href, /^https?:\/\/[^/]/, `onLink(${href})`);
      for (const input of r.inputs) assert.strictEqual(input, 'checkbox:true');
      // The page itself: still only its own meta tags, stylesheet and script.
      assert.strictEqual(r.documentElements, 'META,META,LINK,SCRIPT');
    });
  }

  it('shows raw HTML as text instead of dropping it', async () => {
    const r = await attack(PAYLOADS['script tag']);
    assert.ok(r.text.includes('<script>window.__pwned = "script"</script>'), r.text);
  });

  it('keeps link text of refused links, and the http(s) links', async () => {
    const r = await attack('[cmd](command:x) [ok](https://ok.example/a) <https://ok.example/b>');
    assert.strictEqual(r.text, 'cmd ok https://ok.example/b');
    assert.deepStrictEqual(r.hrefs, [
      'https://ok.example/a',
      'https://ok.example/b',
      'https://ok.example/a',
      'https://ok.example/b',
    ]);
  });
});
