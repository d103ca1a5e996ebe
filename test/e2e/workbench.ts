/**
 * A real VS Code workbench in headless Chromium with Rill loaded for development, driven like a
 * user: command palette, the Rill view, its webview inside nested iframes, the editor.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Frame, Locator, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { type CodeServer, type CodeServerOptions, repoRoot, startCodeServer } from '../runners/codeServer';

export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');

export interface Workbench {
  server: CodeServer;
  browser: Browser;
  page: Page;
  /** Runs a command from the palette by its exact title, e.g. `Rill: New Chat`. */
  runCommand(title: string): Promise<void>;
  /** The text box of the open quick input (command palette, Quick Open, a pick or input box). */
  quickInput(): Locator;
  /** The rows of the open quick input's list, optionally only those showing `text`. */
  quickPickRows(text?: string | RegExp): Locator;
  /** The frame that holds `selector` (a webview's content frame), waiting for it to resolve. */
  frameWith(selector: string, timeoutMs?: number): Promise<Frame>;
  /** Saves a PNG of the window (or of `clip`) under test-results/screenshots and returns its path. */
  screenshot(name: string, clip?: { x: number; y: number; width: number; height: number }): Promise<string>;
  /**
   * Switches the color theme through its picker, e.g. `Dark Modern`, `Light Modern`, `Dark High Contrast`;
   * with `webview`, also waits until that webview's background is the new theme's side bar's.
   */
  setTheme(label: string, webview?: Frame): Promise<void>;
  /** Reloads the window (the workbench page); `viaCommand` runs Developer: Reload Window, which saves the layout first. */
  reload(viaCommand?: boolean): Promise<void>;
  /**
   * Opens another window on the same folder: a second browser tab, which code-server serves with
   * an extension host of its own (as a second VS Code window on one folder). Closing it closes the tab only.
   */
  openWindow(): Promise<Workbench>;
  close(): Promise<void>;
}

/**
 * Starts VS Code and opens the workbench with Rill (or `extensionPath`) installed as a user has it,
 * linked into the extensions folder; `extensionPath` false installs nothing.
 */
export async function openWorkbench(
  opts: CodeServerOptions & { extensionPath?: string | false } = {},
): Promise<Workbench> {
  const link = opts.extensionPath === false ? undefined : (opts.extensionPath ?? repoRoot);
  const server = await startCodeServer({ ...opts, link, verbose: !!process.env.RILL_VERBOSE });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  // Copy buttons write the clipboard through the workbench; tests read it back.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  const url = server.workbenchUrl();
  return driveWindow(page, url, server, browser, async () => {
    await browser.close().catch(() => undefined);
    await server.stop();
  });
}

/** The workbench in `page`, opened at `url`; `close` is what closing it does. */
async function driveWindow(
  page: Page,
  url: string,
  server: CodeServer,
  browser: Browser,
  close: () => Promise<void>,
): Promise<Workbench> {
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
    quickInput() {
      // By role, and only the visible one: the widget also holds a hidden "toggle all" checkbox
      // (an <input> in 1.90), and its text box is a combobox in 1.90 but a plain textbox in 1.139.
      const widget = page.locator('.quick-input-widget');
      return widget.getByRole('combobox').or(widget.getByRole('textbox')).filter({ visible: true }).first();
    },
    quickPickRows(text) {
      const rows = page.locator('.quick-input-widget').getByRole('option');
      return text === undefined ? rows : rows.filter({ hasText: text });
    },
    async runCommand(title) {
      // The palette lists the commands known when it opens; an extension still starting may add
      // its own later, so reopen it until the title shows (or time runs out). Newer releases put
      // VS Code's own chat commands next to Rill's, so only the row whose label is exactly the
      // title counts, never the first fuzzy match.
      const deadline = Date.now() + 30_000;
      let labels: string[] = [];
      while (Date.now() < deadline) {
        await page.keyboard.press('F1');
        const box = wb.quickInput();
        // A key pressed while the workbench is still busy starting can be lost: press it again.
        if (
          !(await box.waitFor({ state: 'visible', timeout: 5_000 }).then(
            () => true,
            () => false,
          ))
        )
          continue;
        await box.fill(`>${title}`);
        const rows = wb.quickPickRows();
        const until = Date.now() + 3000;
        while (Date.now() < until) {
          labels = await rows.evaluateAll((els) =>
            els.map((e) => e.querySelector('.label-name')?.textContent?.trim() ?? ''),
          );
          const i = labels.indexOf(title);
          if (i >= 0) {
            await rows.nth(i).click();
            // A picked command closes the palette (or replaces it with its own quick input): the
            // query still showing means the click did not run it.
            const ran = Date.now() + 5000;
            while ((await box.isVisible()) && (await box.inputValue().catch(() => '')) === `>${title}`) {
              if (Date.now() > ran) throw new Error(`the palette still shows "${title}": the command did not run`);
              await page.waitForTimeout(100);
            }
            return;
          }
          await page.waitForTimeout(100);
        }
        await page.keyboard.press('Escape');
      }
      throw new Error(`no command titled "${title}" (saw: ${labels.join(' | ')})`);
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
    async setTheme(label, webview) {
      await wb.runCommand('Preferences: Color Theme');
      await wb.quickInput().fill(label);
      await wb
        .quickPickRows()
        .locator('.label-name', { hasText: new RegExp(`^${label}$`) })
        .first()
        .click();
      await page.waitForTimeout(500);
      if (!webview) return;
      // A webview gets the new theme's variables a moment after the workbench.
      const sideBar = await page
        .locator('.part.sidebar')
        .first()
        .evaluate((e) => getComputedStyle(e).backgroundColor);
      await webview.waitForFunction((bg) => getComputedStyle(document.body).backgroundColor === bg, sideBar, {
        timeout: 10_000,
      });
    },
    async screenshot(name, clip) {
      fs.mkdirSync(screenshotDir, { recursive: true });
      const file = path.join(screenshotDir, `${name}.png`);
      await page.screenshot({ path: file, clip });
      return file;
    },
    async reload(viaCommand = false) {
      if (viaCommand) {
        const navigated = page.waitForEvent('framenavigated', {
          predicate: (f) => f === page.mainFrame(),
          timeout: 30_000,
        });
        await wb.runCommand('Developer: Reload Window');
        await navigated;
      } else {
        await page.reload();
      }
      await waitForWorkbench();
    },
    async openWindow() {
      const other = await page.context().newPage();
      return driveWindow(other, url, server, browser, () => other.close());
    },
    close,
  };
  return wb;
}
