/**
 * The `/` command list of the message box in real Chromium: opened by `/`, filtered as the name is
 * typed, driven by arrow keys, Enter, Tab, Escape and the mouse, announced as a listbox.
 */
import * as assert from 'node:assert';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../helpers/browser';
import { openWebviewPage } from '../../helpers/webviewPage';

const strings = {
  send: 'Send',
  stop: 'Stop',
  messageLabel: 'Message',
  commandList: 'Commands',
  fromWorkspace: 'workspace',
  fromSettings: 'settings',
};
const commands = [
  { name: 'explain', description: 'Explain the code', source: 'builtin' },
  { name: 'fix', description: 'Fix the code', source: 'builtin' },
  { name: 'tests', description: 'Write tests', source: 'builtin' },
  { name: 'review', description: 'Review for bugs', source: 'workspace' },
];

describe('chat webview: / commands', function () {
  this.timeout(60_000);
  let browser: Browser;
  let page: Page;
  const box = () => page.locator('textarea');
  const list = () => page.getByRole('listbox', { name: 'Commands' });
  const options = () => list().getByRole('option');
  const sent = () =>
    page.evaluate(() =>
      (window as unknown as { __posted: { type: string; text?: string }[] }).__posted.filter((m) => m.type === 'send'),
    );

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => browser?.close());

  beforeEach(async () => {
    await page?.close();
    page = await openWebviewPage(browser);
    await page.evaluate(
      ({ s, commands }) => {
        const chat = { id: 'c1', title: 't', createdAt: 0, updatedAt: 0, turns: [] };
        const status = { model: 'm', welcome: { configured: true, provider: 'p', model: 'm', examples: [] }, commands };
        window.postMessage({ type: 'snapshot', chat, status, strings: s, seqs: {} });
      },
      { s: strings, commands },
    );
    await box().waitFor();
  });

  it('opens on / at the start, filters as the name is typed, and closes when nothing matches', async () => {
    assert.strictEqual(await list().isVisible(), false);
    await box().type('/');
    await list().waitFor();
    assert.deepStrictEqual(await options().locator('.slash-name').allInnerTexts(), [
      '/explain',
      '/fix',
      '/tests',
      '/review',
    ]);
    assert.strictEqual(await options().nth(3).locator('.slash-source').innerText(), 'workspace');
    await box().type('e');
    assert.deepStrictEqual(await options().locator('.slash-name').allInnerTexts(), ['/explain', '/tests', '/review']);
    assert.deepStrictEqual(await options().first().locator('.slash-match').allInnerTexts(), ['/e'], 'the typed part');
    assert.deepStrictEqual(await options().nth(1).locator('.slash-match').allInnerTexts(), ['/', 'e']);
    await box().type('zz');
    assert.strictEqual(await list().isVisible(), false);
    await box().fill('tell me /fix');
    assert.strictEqual(await list().isVisible(), false, 'only at the start of the message');
  });

  it('moves with the arrow keys (announced through aria-activedescendant) and picks with Enter without sending', async () => {
    await box().type('/');
    await list().waitFor();
    assert.strictEqual(await box().getAttribute('aria-controls'), await list().getAttribute('id'));
    const activeId = () => box().getAttribute('aria-activedescendant');
    assert.strictEqual(await activeId(), await options().first().getAttribute('id'));
    await box().press('ArrowDown');
    await box().press('ArrowDown');
    assert.strictEqual(await activeId(), await options().nth(2).getAttribute('id'));
    assert.strictEqual(await options().nth(2).getAttribute('aria-selected'), 'true');
    await box().press('ArrowUp');
    await box().press('Enter');
    assert.strictEqual(await box().inputValue(), '/fix ');
    assert.strictEqual(await list().isVisible(), false);
    assert.strictEqual(await box().getAttribute('aria-activedescendant'), null);
    assert.deepStrictEqual(await sent(), [], 'Enter picked the command, it did not send');
    await box().type('off by one');
    await box().press('Enter');
    assert.deepStrictEqual(await sent(), [{ type: 'send', text: '/fix off by one' }]);
  });

  it('wraps around, picks with Tab, and Escape closes the list without stopping anything', async () => {
    await box().type('/');
    await list().waitFor();
    await box().press('ArrowUp');
    assert.strictEqual(await box().getAttribute('aria-activedescendant'), await options().nth(3).getAttribute('id'));
    await box().press('Tab');
    assert.strictEqual(await box().inputValue(), '/review ');
    await box().fill('');
    await box().type('/t');
    await list().waitFor();
    await box().press('Escape');
    assert.strictEqual(await list().isVisible(), false);
    assert.strictEqual(await box().inputValue(), '/t');
    const posted = await page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted);
    assert.ok(!posted.some((m) => m.type === 'stop'));
  });

  it('works with the mouse: a click picks and the focus stays in the message box', async () => {
    await box().type('/');
    await list().waitFor();
    await options().nth(2).hover();
    assert.strictEqual(await options().nth(2).getAttribute('aria-selected'), 'true');
    await options().nth(2).click();
    assert.strictEqual(await box().inputValue(), '/tests ');
    assert.strictEqual(await page.evaluate(() => document.activeElement?.tagName), 'TEXTAREA');
  });

  it('puts a message the host could not run back into an empty box only', async () => {
    await page.evaluate(() => window.postMessage({ type: 'restoreInput', text: '/explain why' }));
    await page.waitForFunction(() => document.querySelector('textarea')?.value === '/explain why');
    await box().fill('typed since');
    await page.evaluate(() => window.postMessage({ type: 'restoreInput', text: '/explain why' }));
    await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
    assert.strictEqual(await box().inputValue(), 'typed since');
  });
});
