import * as assert from 'node:assert';
import type { Frame } from 'playwright-core';
import { type MockServer, sseReply } from '../helpers/mockServer';
import { type ChatDriver, openChatWorkbench, words } from './chatDriver';
import type { Workbench } from './workbench';

describe('e2e: conversation features in the Rill view', function () {
  this.timeout(180_000);
  let wb: Workbench;
  let server: MockServer;
  let chat: Frame;
  let d: ChatDriver;

  const lastAnswer = () => d.lastAnswer();
  /** Runs `action` and waits until its reply has ended and shows `expect`. */
  const exchange = async (action: () => Promise<void>, expect: string) => {
    await action();
    await d.waitReply(expect);
  };
  const send = (text: string) => () => d.send(text);
  const clipboard = () => wb.page.evaluate(() => navigator.clipboard.readText());

  before(async () => {
    ({ wb, server, chat, d } = await openChatWorkbench());
  });
  after(async () => {
    await wb?.close();
    await server?.close();
  });

  it('Shift+Enter makes a new line; Enter sends', async () => {
    const box = chat.locator('textarea[aria-label=Message]');
    await box.fill('');
    await box.type('line one');
    await box.press('Shift+Enter');
    await box.type('line two');
    assert.strictEqual(await box.inputValue(), 'line one\nline two');
    server.enqueue(sseReply(words('Two lines received.')));
    await exchange(() => box.press('Enter'), 'Two lines received.');
    assert.deepStrictEqual(server.requests.at(-1)!.body.messages.at(-1), {
      role: 'user',
      content: 'line one\nline two',
    });
    assert.strictEqual(await box.inputValue(), '');
  });

  it('shows reasoning in a collapsed Thinking block that Copy leaves out', async () => {
    server.enqueue(sseReply(words('The answer is 42.'), { reasoning: ['Let me ', 'think about it.'] }));
    await exchange(send('What is the answer?'), 'The answer is 42.');
    const thinking = lastAnswer().locator('details.thinking');
    assert.strictEqual(await thinking.isVisible(), true);
    assert.strictEqual(await thinking.evaluate((d) => (d as HTMLDetailsElement).open), false, 'collapsed');
    assert.match((await thinking.locator('.thinking-text').textContent()) ?? '', /think about it/);
    await lastAnswer().getByRole('button', { name: 'Copy message' }).click();
    await wb.page.waitForTimeout(300);
    assert.strictEqual(await clipboard(), 'The answer is 42.');
  });

  it('edits a question and resends it, replacing what followed', async () => {
    const firstUser = chat.locator('article.turn.user').first();
    await firstUser.getByRole('button', { name: 'Edit and resend' }).click();
    const editor = firstUser.locator('textarea.edit');
    await editor.fill('An edited question');
    server.enqueue(sseReply(words('Answer to the edited question.')));
    await exchange(() => editor.press('Enter'), 'Answer to the edited question.');
    assert.strictEqual(await chat.locator('article.turn').count(), 2);
    assert.match(await chat.locator('article.turn.user').first().innerText(), /An edited question/);
  });

  it('counts down before an automatic retry after a rate limit, then answers', async () => {
    server.enqueue({
      status: 429,
      headers: { 'retry-after': '2' },
      body: JSON.stringify({ error: { message: 'Rate limit reached' } }),
    });
    server.enqueue(sseReply(words('Worth the wait.')));
    await send('Busy server?')();
    await lastAnswer()
      .locator('.note')
      .filter({ hasText: /Retrying in \d+ s/ })
      .waitFor({ timeout: 10_000 });
    await wb.screenshot('rate-limit-countdown');
    await d.waitReply('Worth the wait.'); // the reply stays busy through the wait and the retry
    d.skipRequests(); // the 429 and the retry were two requests
  });

  it('a rate-limit countdown can be cancelled', async () => {
    server.enqueue({ status: 429, headers: { 'retry-after': '20' }, body: '{"error":{"message":"slow down"}}' });
    await send('Again?')();
    const note = lastAnswer().locator('.note');
    await note.filter({ hasText: /Retrying in/ }).waitFor({ timeout: 10_000 });
    await note.getByRole('button', { name: 'Cancel' }).click();
    await chat.locator('article.turn[aria-busy=true]').waitFor({ state: 'detached', timeout: 10_000 });
    assert.ok(await lastAnswer().getByRole('button', { name: 'Retry' }).count());
    d.skipRequests();
  });

  it('Escape stops a streaming answer', async () => {
    server.enqueue(sseReply(words('tick tock '.repeat(200)), { delayMs: 40 }));
    await send('Keep going')();
    await lastAnswer().locator('.body').filter({ hasText: 'tick tock tick' }).waitFor({ timeout: 10_000 });
    await chat.locator('textarea[aria-label=Message]').press('Escape');
    await chat.locator('article.turn[aria-busy=true]').waitFor({ state: 'detached', timeout: 10_000 });
    assert.ok(await lastAnswer().locator('.note').filter({ hasText: 'Stopped' }).count());
    d.skipRequests();
  });

  it('finds past chats by their messages in the history search; opens, renames and deletes them by keyboard', async () => {
    const page = wb.page;
    // New Chat and History are the view's own title-bar actions: the webview has no toolbar.
    assert.strictEqual(await chat.locator('.toolbar').count(), 0);
    server.enqueue(sseReply(words('An answer about lighthouses.')));
    await exchange(send('First chat question'), 'lighthouses');
    const titleAction = (name: string) =>
      page.locator(`.part.sidebar a.action-label[aria-label^="${name}"]:visible`).first();
    // New Chat moves the keyboard to the message box before the empty chat shows: a question typed
    // as soon as it shows is not lost to the focus moving.
    await d.box().focus();
    await d.watchFocus();
    await titleAction('New Chat').click();
    await chat.locator('article.turn').first().waitFor({ state: 'detached', timeout: 10_000 });
    const focus = await d.focusLostAfterEmpty();
    assert.strictEqual(focus.lost, false, `the message box lost the keyboard after the new chat showed: ${focus.log}`);
    server.enqueue(sseReply(words('Second chat answer about teapots.')));
    await exchange(send('Second chat question'), 'teapots');

    await titleAction('Show Chat History').click();
    const picker = page.locator('.quick-input-widget');
    const box = picker.locator('.quick-input-box input');
    const rows = picker.locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'Second chat question' }).waitFor({ timeout: 10_000 });
    assert.match(await picker.locator('.quick-input-list').innerText(), /Today/, 'grouped by date');
    // "lighthouses" is only in an answer of the first chat: full-text search finds it.
    await box.fill('about LIGHTHOUSES');
    const hit = rows.filter({ hasText: 'An answer about lighthouses' });
    await hit.waitFor({ timeout: 10_000 });
    await rows.filter({ hasText: 'Second chat question' }).waitFor({ state: 'detached', timeout: 10_000 });
    await wb.screenshot('history-search', { x: 0, y: 0, width: 1020, height: 360 });

    // F2: the row's actions (Enter would open it); Rename.
    await box.press('F2');
    await rows.filter({ hasText: 'Rename' }).waitFor({ timeout: 10_000 });
    await box.fill('Rename');
    await box.press('Enter');
    await picker.locator('.quick-input-title', { hasText: 'Rename Chat' }).waitFor({ timeout: 10_000 });
    await box.fill('Renamed chat');
    await box.press('Enter');
    // The list comes back with the same search, showing the new title; Enter opens the chat.
    await rows.filter({ hasText: 'Renamed chat' }).waitFor({ timeout: 10_000 });
    assert.strictEqual(await box.inputValue(), 'about LIGHTHOUSES');
    await box.press('Enter');
    await chat.locator('article.turn.assistant', { hasText: 'lighthouses' }).waitFor({ timeout: 10_000 });

    // Delete the other chat, from the keyboard too.
    await wb.runCommand('Rill: Show Chat History');
    await box.fill('teapots');
    await rows.filter({ hasText: 'Second chat question' }).waitFor({ timeout: 10_000 });
    await box.press('F2');
    await rows.filter({ hasText: 'Delete' }).waitFor({ timeout: 10_000 });
    await box.fill('Delete');
    await box.press('Enter');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 10_000 });
    assert.match((await dialog.textContent()) ?? '', /Delete the chat "Second chat question"\?/);
    await dialog.getByRole('button', { name: 'Delete', exact: true }).press('Enter');
    await rows.filter({ hasText: 'No chat matches.' }).waitFor({ timeout: 10_000 });
    await box.fill('');
    await rows.filter({ hasText: 'Renamed chat' }).waitFor({ timeout: 10_000 });
    assert.strictEqual(await rows.filter({ hasText: 'Second chat question' }).count(), 0);
    await box.press('Escape');
  });

  it('opens the same conversation in an editor tab, which comes back after a reload', async () => {
    await wb.runCommand('Rill: Open Chat in Editor');
    let panel = await wb.frameWith('body[data-surface=panel] article.turn.user');
    assert.ok(await panel.locator('article.turn.user', { hasText: 'An edited question' }).count());
    // The web workbench saves its editor layout on a proper window reload, not on a bare page reload.
    await wb.page.waitForTimeout(1000);
    await wb.reload(true);
    panel = await wb.frameWith('body[data-surface=panel] article.turn.user', 30_000);
    assert.ok(
      await panel.locator('article.turn.user', { hasText: 'An edited question' }).count(),
      'revived with its content',
    );
    await wb.screenshot('chat-in-editor');
  });
});
