import * as assert from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame } from 'playwright-core';
import { MockServer, sseReply } from '../helpers/mockServer';
import { type Contrast, contrastOf } from './contrast';
import { editorText } from './editorView';
import { openWorkbench, type Workbench } from './workbench';

/** Splits text into small deltas, the way a model streams it. */
const pieces = (text: string) => text.match(/[\s\S]{1,7}/g) ?? [];

const SAMPLE = [
  'Here is a **small** example with `inline code`, a ~~mistake~~ and a [link](https://example.com/docs).',
  '',
  '| Option | Meaning |',
  '| --- | --- |',
  '| `stream` | send tokens as they are made |',
  '| `max_tokens` | cap the answer |',
  '',
  '- [x] parse the stream',
  '- [ ] render it',
  '',
  '```ts',
  'export function greet(name: string): string {',
  '  return `Hello, ${name}!`;',
  '}',
  '```',
  '',
  'That is all.',
].join('\n');

describe('e2e: rendering answers in the real VS Code', function () {
  this.timeout(180_000);
  let wb: Workbench;
  let server: MockServer;
  let trap: http.Server;
  let trapHits: string[];
  let trapUrl: string;
  let chat: Frame;

  /** Sends `question`, streams `answer` back, and returns the answer once it has ended in the view. */
  const ask = async (question: string, answer: string) => {
    const answers = chat.locator('article.turn.assistant');
    const before = await answers.count();
    server.enqueue(sseReply(pieces(answer), { delayMs: 5, usage: true }));
    const box = chat.locator('textarea[aria-label=Message]');
    await box.fill(question);
    await box.press('Enter');
    // This reply's answer appears first (streaming), so waiting for it not to be busy means it ended.
    const mine = answers.nth(before);
    await mine.waitFor({ timeout: 20_000 });
    await chat.locator('article.turn.assistant[aria-busy=true]').waitFor({ state: 'detached', timeout: 20_000 });
    await chat.locator('button.send.stop').waitFor({ state: 'detached', timeout: 20_000 });
    return mine;
  };

  before(async () => {
    trapHits = [];
    trap = http.createServer((req, res) => {
      trapHits.push(req.url ?? '');
      res.end('pwned');
    });
    await new Promise<void>((r) => trap.listen(0, '127.0.0.1', () => r()));
    trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
    server = await MockServer.start();
    wb = await openWorkbench({ settings: { 'rill.baseUrl': server.baseUrl, 'rill.model': 'rill-test-model' } });
    wb.page.on('request', (r) => {
      if (r.url().startsWith(trapUrl)) trapHits.push(`browser: ${r.url()}`);
    });
    await wb.runCommand('File: New Untitled Text File');
    await wb.runCommand('Rill: New Chat');
    chat = await wb.frameWith('textarea[aria-label=Message]');
  });
  after(async () => {
    await wb?.close();
    await server?.close();
    await new Promise((r) => trap?.close(r));
  });

  it('renders Markdown (table, task list, strikethrough, code) while streaming and highlights the code', async () => {
    const answer = await ask('Show me markdown', SAMPLE);
    const body = answer.locator('.body');
    assert.strictEqual(await body.locator('table tr').count(), 3);
    assert.strictEqual(await body.locator('input[type=checkbox]').count(), 2);
    assert.strictEqual(await body.locator('del, s').count(), 1);
    assert.strictEqual(await body.locator('strong').innerText(), 'small');
    const code = body.locator('pre code');
    assert.match(await code.innerText(), /export function greet/);
    await code.locator('span[class*=hljs-]').first().waitFor({ timeout: 10_000 });
    assert.strictEqual((await body.locator('.md-code-lang').innerText()).trim(), 'ts');
  });

  it('opens a link in an answer through VS Code, which asks before opening the site', async () => {
    const link = chat.locator('article.turn.assistant').first().locator('.body a[href]', { hasText: 'link' });
    assert.strictEqual(await link.getAttribute('href'), 'https://example.com/docs');
    const popups: string[] = [];
    wb.page.context().on('page', (p) => popups.push(p.url()));
    await link.click();
    // VS Code's own question before opening an external site names the address.
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 10_000 });
    assert.match(await dialog.innerText(), /https:\/\/example\.com\/docs/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 5_000 });
    await wb.page.waitForTimeout(1000);
    assert.deepStrictEqual(popups, [], 'nothing opened: not before the answer, not after Cancel');
  });

  it('follows the theme with readable text in dark, light and high-contrast themes', async () => {
    await wb.screenshot('panel-default');
    const seen: Record<string, Contrast[]> = {};
    for (const [theme, file] of [
      ['Dark Modern', 'panel-dark'],
      ['Light Modern', 'panel-light'],
      ['Dark High Contrast', 'panel-high-contrast'],
      ['Light High Contrast', 'panel-high-contrast-light'],
    ]) {
      // The webview follows the theme: its background becomes the side bar's.
      await wb.setTheme(theme, chat);
      await wb.page.waitForTimeout(300);
      // No tooltip in the picture: the pointer rests on the chat's empty space (a workbench hover
      // stays up while the pointer only moves within the workbench).
      await wb.page.mouse.move(200, 680);
      await wb.page.waitForTimeout(500);
      await wb.screenshot(file, { x: 0, y: 0, width: 348, height: 900 }); // the activity bar and the side bar
      const answer = chat.locator('article.turn.assistant').first();
      seen[theme] = [
        await contrastOf(answer.locator('.body p').first()),
        await contrastOf(answer.locator('.body pre code').first()),
        await contrastOf(answer.locator('.body a[href]').first()),
        await contrastOf(chat.locator('article.turn.user .body, article.turn.user').first()),
        // The attach button's codicon is drawn in its text colour.
        await contrastOf(chat.locator('.context-bar button.add-context')),
      ];
      console.log(`      ${theme}: ${seen[theme].map((c) => `${c.what} ${c.ratio.toFixed(1)}:1`).join(', ')}`);
      for (const c of seen[theme])
        assert.ok(
          c.ratio >= 4.5,
          `${theme}: ${c.what} is readable (${c.fg} on ${c.bg}: ${c.ratio.toFixed(2)}:1, at least 4.5:1)`,
        );
    }
    const pairs = Object.values(seen).map((cs) => `${cs[0].fg} on ${cs[0].bg}`);
    assert.strictEqual(
      new Set(pairs).size,
      pairs.length,
      `each theme has its own text and background colours: ${pairs.join(' | ')}`,
    );
    assert.ok(seen['Dark High Contrast'][0].ratio >= 7, 'the high-contrast theme has AAA contrast');
  });

  it('copies a code block and inserts it at the cursor and in a new file', async () => {
    const answer = chat.locator('article.turn.assistant').last();
    await answer.getByRole('button', { name: 'Copy code' }).click();
    await wb.page.waitForTimeout(300);
    const clip = await wb.page.evaluate(() => navigator.clipboard.readText());
    assert.strictEqual(
      clip.replace(/\n$/, ''),
      'export function greet(name: string): string {\n  return `Hello, ${name}!`;\n}',
    );
    await answer.getByRole('button', { name: 'Insert code at cursor' }).click();
    const editor = wb.page.locator('.editor-instance .view-lines').first();
    await wb.page.waitForFunction(
      () => (document.querySelector('.editor-instance .view-lines') as HTMLElement | null)?.innerText.includes('greet'),
      undefined,
      { timeout: 10_000 },
    );
    assert.match((await editor.innerText()).replace(/\u00a0/g, ' '), /export function greet\(name: string\)/);
    const tabsBefore = await wb.page.locator('.tabs-container .tab').count();
    await answer.getByRole('button', { name: 'Insert code in new file' }).click();
    await wb.page.waitForFunction((n) => document.querySelectorAll('.tabs-container .tab').length > n, tabsBefore, {
      timeout: 10_000,
    });
    // The new tab is an untitled TypeScript file holding exactly the code.
    const code = 'export function greet(name: string): string {\n  return `Hello, ${name}!`;\n}';
    await wb.page.waitForFunction(
      () => /Untitled-\d/.test(document.querySelector('.tabs-container .tab.active')?.textContent ?? ''),
      undefined,
      { timeout: 10_000 },
    );
    await wb.page.locator('.editor-instance .view-lines', { hasText: 'Hello' }).waitFor({ timeout: 10_000 });
    assert.strictEqual((await editorText(wb.page)).trimEnd(), code);
    await wb.page.locator('[id="status.editor.mode"]', { hasText: 'TypeScript' }).waitFor({ timeout: 10_000 });
    await wb.screenshot('code-inserted');
  });

  it('keeps hostile model output inert: no script runs, no request leaves, no command links', async () => {
    const payload = [
      `<script>fetch('${trapUrl}/script')</script>`,
      `<img src="${trapUrl}/img-tag" onerror="fetch('${trapUrl}/onerror')">`,
      `<svg onload="fetch('${trapUrl}/svg')"></svg>`,
      `<iframe src="${trapUrl}/iframe"></iframe>`,
      `<style>body { background: url(${trapUrl}/css) }</style>`,
      `<div style="background-image: url(${trapUrl}/style-attr)">styled</div>`,
      `![tracking pixel](${trapUrl}/markdown-image.png)`,
      `![remote](https://attacker.invalid/x.png)`,
      `[click me](javascript:fetch('${trapUrl}/js-link'))`,
      `[run command](command:workbench.action.terminal.new)`,
      `[entity trick](&#106;avascript:fetch('${trapUrl}/entity'))`,
      `<a href="command:rill.newChat">raw command link</a>`,
      `<command:workbench.action.quit>`,
      `[data](data:text/html,<script>alert(1)</script>)`,
      `[ref][r]\n\n[r]: javascript:alert(1)`,
      '[safe](https://example.com/ok)',
    ].join('\n\n');
    const answer = await ask('hostile', payload);
    await wb.page.waitForTimeout(1500);
    const body = answer.locator('.body');
    const hrefs = await body.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const h of hrefs) assert.match(h ?? '', /^https?:\/\//, `only http(s) links remain: ${hrefs.join(', ')}`);
    assert.strictEqual(await body.locator('script, iframe, img, svg, style, object, embed').count(), 0);
    const attrs = await body
      .locator('*')
      .evaluateAll((els) =>
        els.flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on') || n === 'style'),
      );
    assert.deepStrictEqual(attrs, []);
    assert.match(await body.innerText(), /<script>/, 'raw HTML is shown as text');
    // Clicking what were links must not run anything: rill.newChat would clear the chat, a
    // terminal would open, or the host would ask to open a site.
    const turns = await chat.locator('article.turn').count();
    const terminals = await wb.page.locator('.terminal-wrapper').count();
    for (const text of ['raw command link', 'run command', 'click me', 'entity trick', 'data']) {
      await body.getByText(text).first().click({ timeout: 5_000 });
    }
    await wb.page.waitForTimeout(800);
    assert.strictEqual(await chat.locator('article.turn').count(), turns);
    assert.strictEqual(await wb.page.locator('.terminal-wrapper').count(), terminals, 'no terminal opened');
    assert.strictEqual(await wb.page.locator('.monaco-dialog-box').count(), 0, 'no dialog to open anything');
    assert.deepStrictEqual(trapHits, [], 'no request reached the trap server');
  });
});
