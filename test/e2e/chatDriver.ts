/** Drives the Rill chat webview like a user and follows its requests at the test server. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Locator } from 'playwright-core';
import { MockServer } from '../helpers/mockServer';
import { openWorkbench, type Workbench } from './workbench';

/** Words as token-sized deltas (white space kept). */
export const words = (text: string): string[] => text.match(/\s+|\S+\s*/g) ?? [];

export class ChatDriver {
  /** Chat requests already accounted for by {@link waitReply}. */
  private seen = 0;

  constructor(
    public frame: Frame,
    private readonly server: MockServer,
  ) {}

  /** Turns tools off for this chat with the switch by the message box, as a user would (a no-op when it is not shown). */
  async toolsOff(): Promise<void> {
    await toolsOff(this.frame);
  }

  private completions(): number {
    return this.server.requests.filter((r) => r.path.endsWith('/chat/completions')).length;
  }

  /** The newest assistant message. */
  lastAnswer(): Locator {
    return this.frame.locator('article.turn.assistant').last();
  }

  /** The message box. */
  box(): Locator {
    return this.frame.locator('textarea[aria-label=Message]');
  }

  /** Types a message into the message box and presses Enter; resolves once the view took it (see {@link typeAndSend}). */
  send(text: string): Promise<void> {
    return typeAndSend(this.frame, text);
  }

  /**
   * Starts a log, in the view, of what New Chat does there: the message box losing (`blur`) and
   * getting (`focus`) the keyboard, the chat becoming `empty`, and the host's `focusInput` request.
   * {@link focusLostAfterEmpty} reads it.
   */
  async watchFocus(): Promise<void> {
    await this.frame.evaluate(() => {
      const w = window as unknown as { rillFocusLog: string[] };
      const log: string[] = [];
      w.rillFocusLog = log;
      const box = document.querySelector('textarea[aria-label=Message]') as HTMLTextAreaElement;
      box.addEventListener('blur', () => log.push('blur'));
      box.addEventListener('focus', () => log.push('focus'));
      window.addEventListener('message', (e: MessageEvent<{ type?: string }>) => {
        if (e.data?.type === 'focusInput') log.push('focusInput');
      });
      new MutationObserver(() => {
        if (!document.querySelector('article.turn') && log.at(-1) !== 'empty') log.push('empty');
      }).observe(document.body, { childList: true, subtree: true });
    });
  }

  /**
   * Waits until New Chat is done in the view (the chat is empty, the host asked for the focus and the
   * message box has it), then says whether the box lost the keyboard after the empty chat showed:
   * keys typed from then on would have gone astray. See {@link watchFocus}.
   */
  async focusLostAfterEmpty(): Promise<{ lost: boolean; log: string[] }> {
    await this.frame.waitForFunction(
      () => {
        const log = (window as unknown as { rillFocusLog: string[] }).rillFocusLog;
        const box = document.querySelector('textarea[aria-label=Message]');
        return (
          log.includes('empty') &&
          log.includes('focusInput') &&
          !document.querySelector('article.turn') &&
          document.hasFocus() &&
          document.activeElement === box
        );
      },
      undefined,
      { timeout: 10_000 },
    );
    const log = await this.frame.evaluate(() => (window as unknown as { rillFocusLog: string[] }).rillFocusLog);
    return { lost: log.slice(log.lastIndexOf('empty')).includes('blur'), log };
  }

  /** Counts every request so far as seen (after a test that stopped or cancelled one). */
  skipRequests(): void {
    this.seen = this.completions();
  }

  /**
   * Waits until the next chat request reached the server and its reply has ended in the view:
   * the newest answer shows `expect` (its text, or its note for a failed or stopped reply), so
   * the view has heard of this reply, and then it is no longer busy.
   */
  async waitReply(expect: string | RegExp): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (this.completions() <= this.seen) {
      if (Date.now() > deadline)
        throw new Error(`no chat request reached the server within 20 s (${this.seen} before, none since)`);
      await new Promise((r) => setTimeout(r, 50));
    }
    this.seen = this.completions();
    await this.lastAnswer().filter({ hasText: expect }).waitFor({ timeout: 20_000 });
    await this.frame.locator('article.turn[aria-busy=true]').waitFor({ state: 'detached', timeout: 20_000 });
    await this.frame.locator('button.send.stop').waitFor({ state: 'detached', timeout: 5_000 });
  }
}

/**
 * Types `text` into the message box of the chat in `frame` and presses Enter, then waits until the
 * view took it (the box empties as the question goes). Typed text that never reached the box, or an
 * Enter the view did not act on, fails here with what the box holds, not later as a reply that never came.
 */
export async function typeAndSend(frame: Frame, text: string): Promise<void> {
  const box = frame.locator('textarea[aria-label=Message]');
  await box.fill(text);
  const typed = await box.inputValue();
  if (typed !== text)
    throw new Error(`the message box holds ${JSON.stringify(typed)} after typing ${JSON.stringify(text)}`);
  await box.press('Enter');
  await frame
    .waitForFunction((el) => (el as HTMLTextAreaElement).value === '', await box.elementHandle(), { timeout: 10_000 })
    .catch(async () => {
      throw new Error(`Enter did not send: the message box still holds ${JSON.stringify(await box.inputValue())}`);
    });
}

/** A workbench pointed at a fresh test server (with `settings` besides), with a new chat open in the Rill view. */
export async function openChatWorkbench(
  settings: Record<string, unknown> = {},
): Promise<{ wb: Workbench; server: MockServer; chat: Frame; d: ChatDriver }> {
  const server = await MockServer.start();
  const wb = await openWorkbench({
    settings: { 'rill.baseUrl': server.baseUrl, 'rill.model': 'rill-test-model', ...settings },
  });
  await wb.runCommand('Rill: New Chat');
  const chat = await wb.frameWith('textarea[aria-label=Message]');
  return { wb, server, chat, d: new ChatDriver(chat, server) };
}

/** Turns tools off for the chat in `frame` with its switch (a no-op when tools are off in the settings: no switch shows). */
export async function toolsOff(frame: Frame): Promise<void> {
  const sw = frame.locator('button.tools-switch');
  if (!(await sw.isVisible()) || (await sw.getAttribute('aria-pressed')) === 'false') return;
  await sw.click();
  await frame.locator('button.tools-switch[aria-pressed=false]').waitFor({ timeout: 10_000 });
}

/** Writes `text` to `name` in the workspace and opens it from Quick Open, waiting until `shows` is on screen. */
export async function openWorkspaceFile(wb: Workbench, name: string, text: string, shows: string): Promise<void> {
  fs.writeFileSync(path.join(wb.server.workspace, name), text);
  const page = wb.page;
  await page.keyboard.press('Control+P');
  await wb.quickInput().fill(name);
  await wb.quickPickRows(name).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.editor-instance .view-lines', { hasText: shows }).waitFor();
}
