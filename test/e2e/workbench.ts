/**
 * A real VS Code workbench in headless Chromium with Rill loaded for development, driven like a
 * user: command palette, the Rill view, its webview inside nested iframes, the editor.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { CodeServer, CodeServerOptions, repoRoot, startCodeServer } from '../runners/codeServer';

export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');

export interface Workbench {
  server: CodeServer;
  browser: Browser;
  page: Page;
  /** Runs a command from the palette by its title, e.g. `Rill: New Chat`. */
  runCommand(title: string): Promise<void>;
  /** The frame that holds `selector` (a webview's content frame), waiting for it to resolve. */
  frameWith(selector: string, timeoutMs?: number): Promise<Frame>;
  screenshot(name: string): Promise<string>;
  /** Reloads the window (the workbench page), as Developer: Reload Window does. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

/** Starts code-server and opens the workbench; `extensionPath` false loads no development extension. */
export async function openWorkbench(opts: CodeServerOptions & { extensionPath?: string | false; theme?: string } = {}): Promise<Workbench> {
  const settings = { 'workbench.colorTheme': opts.theme ?? 'Default Dark Modern', ...opts.settings };
  const server = await startCodeServer({ ...opts, settings, verbose: !!process.env.RILL_VERBOSE });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const url = server.workbenchUrl({ extensionPath: opts.extensionPath === false ? undefined : opts.extensionPath ?? repoRoot });
  const waitForWorkbench = async () => {
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    // Let extensions activate and the layout settle.
    await page.waitForTimeout(2500);
  };
  await page.goto(url);
  await waitForWorkbench();
  const wb: Workbench = {
    server,
    browser,
    page,
    async runCommand(title) {
      const box = page.locator('.quick-input-widget input');
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
      // The palette lists the commands known when it opens: one opened while extensions were still
      // being registered never shows theirs, so close it and open it again.
      for (let attempt = 1; ; attempt++) {
        await page.keyboard.press('F1');
        await box.waitFor({ state: 'visible', timeout: 10_000 });
        await box.fill(`>${title}`);
        try {
          await row.waitFor({ timeout: 5_000 });
          break;
        } catch (e) {
          if (attempt === 3) throw e;
          await page.keyboard.press('Escape');
        }
      }
      await page.waitForTimeout(150);
      await page.keyboard.press('Enter');
    },
    async frameWith(selector, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        for (const f of page.frames()) {
          try {
            if (await f.locator(selector).count()) return f;
          } catch {
            // frame navigated away while we looked
          }
        }
        await page.waitForTimeout(200);
      }
      throw new Error(`no frame shows ${selector} within ${timeoutMs} ms`);
    },
    async screenshot(name) {
      fs.mkdirSync(screenshotDir, { recursive: true });
      const file = path.join(screenshotDir, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async reload() {
      await page.reload();
      await waitForWorkbench();
    },
    async close() {
      await browser.close().catch(() => undefined);
      await server.stop();
    },
  };
  return wb;
}
