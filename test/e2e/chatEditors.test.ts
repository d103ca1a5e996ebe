import * as assert from 'node:assert';
import type { Frame } from 'playwright-core';
import { MockServer, sseReply } from '../helpers/mockServer';
import { typeAndSend, words } from './chatDriver';
import { openWorkbench, type Workbench } from './workbench';

/** The model the gateway lists with prices (OpenRouter's shape: US dollars per token, as strings). */
const MODEL = 'vendor/priced-model';

describe('e2e: New Chat in Editor, a conversation of its own', function () {
  this.timeout(240_000);
  let wb: Workbench;
  let server: MockServer;
  let side: Frame;
  let editor: Frame;

  const completions = () => server.requests.filter((r) => r.path.endsWith('/chat/completions')).length;
  /** Types `text` into a chat's message box and presses Enter; resolves once its request reached the server. */
  const send = async (frame: Frame, text: string) => {
    const before = completions();
    await typeAndSend(frame, text);
    const deadline = Date.now() + 20_000;
    while (completions() <= before) {
      if (Date.now() > deadline) throw new Error(`"${text}" never reached the server`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const idle = async (frame: Frame) => {
    await frame.locator('article.turn[aria-busy=true]').waitFor({ state: 'detached', timeout: 30_000 });
    await frame.locator('button.send.stop').waitFor({ state: 'detached', timeout: 10_000 });
  };

  before(async () => {
    server = await MockServer.start();
    server.models = [MODEL];
    server.prices = { [MODEL]: { prompt: '0.000003', completion: '0.000015' } };
    wb = await openWorkbench({
      settings: {
        'rill.profiles': [{ name: 'Gateway', preset: 'custom', baseUrl: server.baseUrl, model: MODEL }],
        'rill.activeProfile': 'Gateway',
      },
    });
    await wb.runCommand('Rill: New Chat');
    side = await wb.frameWith('body[data-surface=view] textarea[aria-label=Message]');
  });
  after(async () => {
    await wb?.close();
    await server?.close();
  });

  it('opens a second, empty chat in an editor tab while the side panel keeps its own', async () => {
    server.enqueue(sseReply(words('The side panel answers here.')));
    await send(side, 'Side panel question');
    await side.locator('article.turn.assistant', { hasText: 'The side panel answers here.' }).waitFor();
    await idle(side);
    await wb.runCommand('Rill: New Chat in Editor');
    editor = await wb.frameWith('body[data-surface=panel] textarea[aria-label=Message]');
    await wb.page.locator('.tabs-container .tab', { hasText: 'Rill Chat' }).waitFor({ timeout: 10_000 });
    assert.strictEqual(await editor.locator('article.turn').count(), 0, 'the chat editor starts empty');
    assert.strictEqual(await side.locator('article.turn').count(), 2, 'the side panel keeps its chat');
  });

  it('asked in both at once, both answers stream; Stop in the chat editor stops only its answer', async () => {
    const sideText = 'side '.repeat(150).trim();
    const editorText = 'editor '.repeat(150).trim();
    server.enqueue(sseReply(words(sideText), { delayMs: 40 }), sseReply(words(editorText), { delayMs: 40 }));
    await send(side, 'Count in the side panel');
    await send(editor, 'Count in the editor');
    const sideBusy = side.locator('article.turn.assistant[aria-busy=true]');
    const editorBusy = editor.locator('article.turn.assistant[aria-busy=true]');
    await sideBusy.filter({ hasText: 'side side side' }).waitFor({ timeout: 20_000 });
    await editorBusy.filter({ hasText: 'editor editor editor' }).waitFor({ timeout: 20_000 });
    // Both stream at this moment: each view shows its own answer growing, neither has ended.
    assert.strictEqual(await sideBusy.count(), 1, 'the side panel still streams');
    assert.strictEqual(await editorBusy.count(), 1, 'the chat editor streams');
    assert.strictEqual(await side.locator('article.turn', { hasText: 'editor editor' }).count(), 0);
    assert.strictEqual(await editor.locator('article.turn', { hasText: 'side side' }).count(), 0);
    await wb.page.mouse.move(1000, 850);
    await wb.screenshot('chat-editors');

    await editor.locator('button.send.stop').click();
    await idle(editor);
    const stopped = editor.locator('article.turn.assistant').last();
    assert.ok(await stopped.locator('.note').filter({ hasText: 'Stopped' }).count(), 'the editor answer stopped');
    // The side panel's answer was not stopped: it ends whole.
    await idle(side);
    const sideAnswer = side.locator('article.turn.assistant').last();
    assert.strictEqual((await sideAnswer.locator('.body').innerText()).trim(), sideText);
    assert.strictEqual(await sideAnswer.locator('.note').filter({ hasText: 'Stopped' }).count(), 0);
  });

  it('shows the cost computed from the model list prices per answer and per chat', async () => {
    server.enqueue(sseReply(words('A priced answer.'), { usage: true, promptTokens: 1000 }));
    await send(editor, 'What does this cost?');
    const answer = editor.locator('article.turn.assistant', { hasText: 'A priced answer.' });
    await answer.locator('.usage').waitFor({ timeout: 20_000 });
    await idle(editor);
    // 1,000 prompt tokens at $3 per million and 3 completion tokens at $15 per million. The answer's
    // own tokens come first, the prompt's apart: a total under a short answer reads as its length.
    assert.match(await answer.locator('.usage').innerText(), /^3 answer tokens · 1,000 prompt tokens · ≈\$0\.003045$/);
    assert.match(await editor.locator('.footer').innerText(), /this chat: 1,003 tokens · ≈\$0\.003045/);
  });

  it('saves each conversation: both are in the history, and the editor tab’s History opens into it', async () => {
    await wb.runCommand('Rill: Show Chat History');
    await wb.quickPickRows('Side panel question').waitFor({ timeout: 10_000 });
    await wb.quickPickRows('Count in the editor').waitFor({ timeout: 10_000 });
    await wb.quickInput().press('Escape');

    // A new chat in the side panel; the older side chat then opens into the editor from its title bar.
    await wb.runCommand('Rill: New Chat');
    await side.locator('article.turn').first().waitFor({ state: 'detached', timeout: 10_000 });
    server.enqueue(sseReply(words('Newer side answer.')));
    await send(side, 'Newer side question');
    await idle(side);
    await editor.locator('textarea[aria-label=Message]').click();
    await wb.page.locator('.editor-actions a.action-label[aria-label^="Show Chat History"]').first().click();
    const row = wb.quickPickRows('Side panel question');
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    await editor.locator('article.turn.user', { hasText: 'Side panel question' }).waitFor({ timeout: 10_000 });
    assert.ok(await side.locator('article.turn.user', { hasText: 'Newer side question' }).count());
    assert.strictEqual(await side.locator('article.turn.user', { hasText: 'Side panel question' }).count(), 0);
  });

  it('comes back after a window reload with its own conversation', async () => {
    await wb.page.waitForTimeout(1000);
    await wb.reload(true);
    editor = await wb.frameWith('body[data-surface=panel] article.turn.user', 30_000);
    await editor.locator('article.turn.user', { hasText: 'Side panel question' }).waitFor({ timeout: 10_000 });
    assert.strictEqual(await editor.locator('article.turn.user', { hasText: 'Newer side question' }).count(), 0);
  });
});
