/**
 * Loads the real webview bundle (dist/webview.js) and its stylesheets into a Chromium page, with a
 * stand-in for `acquireVsCodeApi` that records what the webview posts. For browser tests and
 * benchmarks of the chat UI outside VS Code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';

const root = path.resolve(__dirname, '../../..');

/** Opens a page running the chat webview; `window.__posted` collects its messages to the host. */
export async function openWebviewPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  const css = ['chat.css', 'markdown.css']
    .map((f) => path.join(root, 'media', f))
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
  const script = fs.readFileSync(path.join(root, 'dist/webview.js'), 'utf8');
  const shim =
    'window.__posted = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState() {}, setState() {} });';
  await page.setContent(
    `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${css}</style></head><body data-surface="view"><div id="app"></div></body></html>`,
  );
  await page.addScriptTag({ content: shim });
  await page.addScriptTag({ content: script });
  return page;
}

/**
 * For a mocha suite: launches Chromium with one webview page before the tests and closes it after.
 * Returns a getter for the page.
 */
export function useWebviewPage(): () => Page {
  let browser: Browser | undefined;
  let page: Page | undefined;
  before(async () => {
    browser = await launchChromium();
    page = await openWebviewPage(browser);
  });
  after(async () => browser?.close());
  return () => {
    if (!page) throw new Error('the webview page is not open yet');
    return page;
  };
}
