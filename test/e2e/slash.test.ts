import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { MockServer, sseReply } from '../helpers/mockServer';
import { ChatDriver, openWorkspaceFile, words } from './chatDriver';
import { contrastOf } from './contrast';
import { openWorkbench, type Workbench } from './workbench';

const LOOP = [
  'export function firstNegative(values) {',
  '  let i = 0;',
  '  while (values[i] >= 0) i += 2;',
  '  return i;',
  '}',
  '',
].join('\n');
const REVIEW = [
  '---',
  'description: Review the file for bugs',
  '---',
  'Review {{file}} ({{language}}): {{input}}',
  '',
].join('\n');

describe('e2e: / commands in the chat panel', function () {
  this.timeout(300_000);
  let wb: Workbench;
  let server: MockServer;
  let chat: Frame;
  let d: ChatDriver;
  const box = () => chat.locator('textarea[aria-label=Message]');
  const list = () => chat.getByRole('listbox', { name: 'Commands' });
  const lastRequest = () => server.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!;

  before(async () => {
    server = await MockServer.start();
    wb = await openWorkbench({
      settings: {
        'rill.baseUrl': server.baseUrl,
        'rill.model': 'rill-test-model',
        'workbench.editor.enablePreview': false,
      },
    });
    await openWorkspaceFile(wb, 'loop.js', LOOP, 'firstNegative');
    await wb.runCommand('Rill: New Chat');
    chat = await wb.frameWith('textarea[aria-label=Message]');
    d = new ChatDriver(chat, server);
    await chat.locator('.context-bar .chip', { hasText: 'loop.js' }).waitFor({ timeout: 20_000 });
  });
  after(async () => {
    await wb?.close();
    await server?.close();
  });

  it('typing / lists the commands; /explain with a question asks the Explain prompt about the file, and the answer renders', async () => {
    await box().click();
    await box().press('/');
    await list().waitFor();
    const names = await list().locator('[role=option] .slash-name').allInnerTexts();
    assert.deepStrictEqual(names.slice(0, 6), ['/explain', '/fix', '/tests', '/doc', '/new', '/clear']);
    await box().press('e');
    await box().press('x');
    assert.deepStrictEqual(await list().locator('[role=option] .slash-name').allInnerTexts(), ['/explain']);
    await box().press('Enter');
    assert.strictEqual(await box().inputValue(), '/explain ');
    await box().pressSequentially('why the loop ends early');
    server.enqueue(sseReply(words('It steps by **two**, so it skips odd positions and can run past the end.')));
    await box().press('Enter');
    await d.waitReply('skips odd positions');
    const body = lastRequest().body;
    assert.match(body.messages[0].content, /Explain the code clearly and briefly/);
    const sent = body.messages.at(-1).content as string;
    assert.ok(
      sent.startsWith('Explain what this code does.\n\nwhy the loop ends early\n\nFile: loop.js (javascript)\n'),
      sent,
    );
    assert.ok(sent.includes('i += 2;'), 'the file went along');
    assert.strictEqual(await d.lastAnswer().locator('.body strong').innerText(), 'two', 'the answer rendered');
  });

  it('a .rill/prompts/*.md command shows up in the list and sends its template, expanded', async () => {
    fs.mkdirSync(path.join(wb.server.workspace, '.rill', 'prompts'), { recursive: true });
    fs.writeFileSync(path.join(wb.server.workspace, '.rill', 'prompts', 'review.md'), REVIEW);
    const option = list().getByRole('option', { name: /\/review/ });
    const deadline = Date.now() + 20_000;
    // The list shows the commands known when it opens: reopen it until the file has been read.
    for (;;) {
      await box().fill('');
      await box().press('/');
      await box().press('r');
      if (await option.isVisible().catch(() => false)) break;
      if (Date.now() > deadline) {
        const shown = await list().locator('[role=option]').allInnerTexts();
        throw new Error(`the prompt file never showed up in the list (${shown.join(' | ')})`);
      }
      await chat.waitForTimeout(300);
    }
    assert.match(await option.innerText(), /Review the file for bugs/);
    assert.strictEqual(await option.locator('.slash-source').innerText(), 'workspace');
    await option.click();
    assert.strictEqual(await box().inputValue(), '/review ');
    await box().pressSequentially('the loop bound');
    server.enqueue(sseReply(words('Check `values.length` before reading.')));
    await box().press('Enter');
    await d.waitReply('before reading');
    const sent = lastRequest().body.messages.at(-1).content as string;
    assert.ok(sent.startsWith('Review loop.js (javascript): the loop bound\n\nFile: loop.js (javascript)\n'), sent);
    assert.strictEqual(
      (await chat.locator('article.turn.user').last().locator('.body').innerText()).trim(),
      'Review loop.js (javascript): the loop bound',
      'the transcript shows what the model was asked',
    );
  });

  it("the list is drawn in the colours of VS Code's suggest widget, readable in dark, light and high-contrast themes", async () => {
    for (const [theme, file] of [
      ['Light Modern', 'slash-commands-light'],
      ['Dark High Contrast', 'slash-commands-high-contrast'],
      ['Light High Contrast', 'slash-commands-high-contrast-light'],
      ['Dark Modern', 'slash-commands-dark'],
    ]) {
      await wb.setTheme(theme);
      const suggestBg = await wb.page
        .locator('.monaco-workbench')
        .evaluate((e) => getComputedStyle(e).getPropertyValue('--vscode-editorSuggestWidget-background').trim());
      await chat.waitForFunction(
        (bg) =>
          getComputedStyle(document.documentElement)
            .getPropertyValue('--vscode-editorSuggestWidget-background')
            .trim() === bg,
        suggestBg,
        { timeout: 10_000 },
      );
      await box().fill('');
      await box().click();
      await box().press('/');
      await list().waitFor();
      await box().press('ArrowDown');
      await wb.page.waitForTimeout(300);
      const menuBg = await list().evaluate((e) => getComputedStyle(e).backgroundColor);
      const expected = await list().evaluate((e, bg) => {
        const probe = document.createElement('div');
        probe.style.backgroundColor = bg;
        e.append(probe);
        const c = getComputedStyle(probe).backgroundColor;
        probe.remove();
        return c;
      }, suggestBg);
      assert.strictEqual(menuBg, expected, `${theme}: the suggest widget's background`);
      for (const el of [
        list().locator('[role=option][aria-selected=true] .slash-name'),
        list().locator('[role=option][aria-selected=false] .slash-name').first(),
      ]) {
        const c = await contrastOf(el);
        assert.ok(c.ratio >= 4.5, `${theme}: ${c.what} is readable (${c.fg} on ${c.bg}: ${c.ratio.toFixed(2)}:1)`);
      }
      await wb.page.mouse.move(1000, 700);
      // The side bar's lower half: the last exchange, the list and the message box.
      await wb.screenshot(file, { x: 0, y: 440, width: 350, height: 428 });
      await box().press('Escape');
    }
  });
});
