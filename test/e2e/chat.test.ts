import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { type MockServer, sseReply } from '../helpers/mockServer';
import { type ChatDriver, openChatWorkbench, words } from './chatDriver';
import type { Workbench } from './workbench';

describe('e2e: chatting in the Rill view', function () {
  this.timeout(180_000);
  let wb: Workbench;
  let server: MockServer;
  let chat: Frame;

  let d: ChatDriver;
  const lastAnswer = () => d.lastAnswer();
  const send = (text: string) => d.send(text);
  const waitIdle = (expect: string | RegExp) => d.waitReply(expect);

  before(async () => {
    ({ wb, server, chat, d } = await openChatWorkbench());
  });
  after(async () => {
    await wb?.close();
    await server?.close();
  });

  it('streams an answer into the view as it arrives', async () => {
    const answer = 'Streams arrive piece by piece, and the view appends each piece as it comes. '.repeat(3).trim();
    server.enqueue(sseReply(words(answer), { delayMs: 40, usage: true }));
    await send('How do streams work?');
    await lastAnswer().locator('.body').filter({ hasText: 'Streams arrive' }).waitFor({ timeout: 10_000 });
    const partial = (await lastAnswer().locator('.body').innerText()).trim();
    assert.ok(
      partial.length < answer.length,
      `saw the answer while it streamed (${partial.length} of ${answer.length} chars)`,
    );
    await waitIdle(answer.slice(-40));
    assert.strictEqual((await lastAnswer().locator('.body').innerText()).trim(), answer);
    const req = server.requests.at(-1)!;
    assert.strictEqual(req.body.stream, true);
    assert.deepStrictEqual(req.body.messages.at(-1), { role: 'user', content: 'How do streams work?' });
    assert.match(await chat.locator('.footer').innerText(), /rill-test-model[\s\S]*tokens/);
  });

  it('Stop ends the reply and keeps the text so far, marked', async () => {
    server.enqueue(sseReply(words('one two three four five six seven eight nine ten '.repeat(20)), { delayMs: 60 }));
    await send('Count slowly');
    await lastAnswer().locator('.body').filter({ hasText: 'three' }).waitFor({ timeout: 10_000 });
    await chat.locator('button.send.stop').click();
    await waitIdle('Stopped');
    const text = (await lastAnswer().locator('.body').innerText()).trim();
    assert.ok(text.startsWith('one two three'), text);
    assert.ok(text.length < 'one two three four five six seven eight nine ten '.length * 20);
    assert.ok(await lastAnswer().locator('.note').filter({ hasText: 'Stopped' }).count());
    assert.ok(server.requests.at(-1)!.aborted, 'the request was aborted at the server');
  });

  it('Regenerate asks again and replaces the answer', async () => {
    server.enqueue(sseReply(words('A fresh answer.')));
    await lastAnswer()
      .getByRole('button', { name: /Retry|Regenerate/ })
      .click();
    await waitIdle('A fresh answer.');
    assert.strictEqual((await lastAnswer().locator('.body').innerText()).trim(), 'A fresh answer.');
    assert.deepStrictEqual(server.requests.at(-1)!.body.messages.at(-1), { role: 'user', content: 'Count slowly' });
  });

  it('Continue after a length cut-off joins the rest to the same answer', async () => {
    server.enqueue(sseReply(words('The first half of a long answer'), { finish: 'length' }));
    await send('Write something long');
    await waitIdle('long answer');
    assert.ok(await lastAnswer().locator('.note').filter({ hasText: 'token limit' }).count());
    const answers = await chat.locator('article.turn.assistant').count();
    server.enqueue(sseReply(words(' and the second half.')));
    await lastAnswer().getByRole('button', { name: 'Continue' }).click();
    await waitIdle('second half.');
    assert.strictEqual(await chat.locator('article.turn.assistant').count(), answers);
    assert.strictEqual(
      (await lastAnswer().locator('.body').innerText()).trim(),
      'The first half of a long answer and the second half.',
    );
    await wb.screenshot('chat-continued');
  });

  it('shows an HTTP error inline with what to do', async () => {
    server.enqueue({
      status: 401,
      body: JSON.stringify({ error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } }),
    });
    await send('Are you there?');
    await waitIdle(/key/i);
    const note = await lastAnswer().locator('.note').innerText();
    assert.match(note, /key/i);
    assert.ok(await lastAnswer().getByRole('button', { name: 'Retry' }).count());
  });

  it('a reload in the middle of an answer keeps the text received so far, marked interrupted', async () => {
    server.enqueue(
      sseReply(words('alpha beta gamma delta epsilon zeta eta theta iota kappa '.repeat(40)), { delayMs: 50 }),
    );
    await send('Spell the Greek alphabet slowly');
    await lastAnswer().locator('.body').filter({ hasText: 'epsilon' }).waitFor({ timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 800)); // past the save interval
    await wb.reload();
    await wb.runCommand('Rill: Focus on Chat View').catch(() => undefined);
    chat = await wb.frameWith('article.turn.assistant');
    d.frame = chat;
    const answer = chat.locator('article.turn.assistant').last();
    await answer.locator('.body').filter({ hasText: 'alpha beta gamma delta epsilon' }).waitFor({ timeout: 15_000 });
    assert.ok(await answer.evaluate((el) => el.classList.contains('interrupted')), 'marked interrupted');
    assert.ok(await answer.getByRole('button', { name: 'Continue' }).count(), 'offers Continue');
    assert.ok(await answer.getByRole('button', { name: 'Retry' }).count(), 'offers Retry');
    d.skipRequests();
  });

  it('the chat survives a window reload', async () => {
    await wb.reload();
    await wb.runCommand('Rill: Focus on Chat View').catch(() => undefined);
    chat = await wb.frameWith('article.turn.assistant');
    d.frame = chat;
    await chat.locator('article.turn.assistant', { hasText: 'second half' }).waitFor({ timeout: 15_000 });
    assert.ok(await chat.locator('article.turn.user', { hasText: 'How do streams work?' }).count());
  });

  it("exports the chat as Markdown from the view's title bar, through the save dialog", async () => {
    const target = path.join(wb.server.workspace, `exported-${Date.now()}.md`);
    await wb.page
      .locator('.part.sidebar a.action-label[aria-label^="Export Chat as Markdown"]:visible')
      .first()
      .click();
    // The web workbench's save dialog is a path box in the quick input.
    const box = wb.quickInput();
    await box.waitFor({ state: 'visible', timeout: 10_000 });
    // The dialog fills in its proposed path a moment after it opens; type ours after that, and
    // check it is what the box holds before Enter.
    await wb.page.waitForFunction(
      () => document.querySelector<HTMLInputElement>('.quick-input-box input')?.value.endsWith('.md'),
      undefined,
      { timeout: 10_000 },
    );
    await box.fill(target);
    await wb.page.waitForFunction(
      (t) => document.querySelector<HTMLInputElement>('.quick-input-box input')?.value === t,
      target,
      { timeout: 5_000 },
    );
    // The dialog may still be completing its own proposal in the box: let it settle, then check
    // again that it holds our path before Enter.
    await wb.page.waitForTimeout(500);
    if ((await box.inputValue()) !== target) await box.fill(target);
    await box.press('Enter');
    const deadline = Date.now() + 20_000;
    while (!fs.existsSync(target)) {
      if (Date.now() > deadline) throw new Error(`no file was written at ${target}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const text = fs.readFileSync(target, 'utf8');
    assert.match(text, /^# /);
    assert.ok(text.includes('## You\n\nHow do streams work?'), text.slice(0, 300));
    assert.ok(text.includes('Streams arrive piece by piece'), 'with the answers');
  });
});
