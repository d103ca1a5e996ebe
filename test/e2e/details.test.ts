/**
 * The details of an answer a new user reads first: notes under it on lines of their own, a
 * tool-call answer that says what happened, the figures under it, and the controls around the
 * message box at their sizes.
 */
import * as assert from 'node:assert';
import type { Frame } from 'playwright-core';
import { type MockServer, sseReply } from '../helpers/mockServer';
import { type ChatDriver, openChatWorkbench, words } from './chatDriver';
import type { Workbench } from './workbench';

describe('e2e: the details of an answer', function () {
  this.timeout(240_000);
  let wb: Workbench;
  let server: MockServer;
  let chat: Frame;
  let d: ChatDriver;

  before(async () => {
    ({ wb, server, chat, d } = await openChatWorkbench());
  });
  after(async () => {
    await wb?.close();
    await server?.close();
  });

  it('notes under an answer are lines of their own; a tool-call answer ends with a line saying so and how to allow tools', async () => {
    // Some history, so that the retry after an overflow error can send less.
    for (let i = 0; i < 3; i++) {
      await d.send(`Earlier question ${i}: ${'about the parser and its nested blocks '.repeat(60)}`);
      await d.waitReply('Hello from the test server.');
    }
    server.enqueue(
      {
        status: 400,
        body: JSON.stringify({
          error: {
            message:
              "This model's maximum context length is 1000 tokens. However, your messages resulted in 1700 tokens. Please reduce the length of the messages.",
            type: 'invalid_request_error',
            code: 'context_length_exceeded',
          },
        }),
      },
      sseReply(words('Let me read the file.'), {
        toolCalls: [{ name: 'read_file', arguments: '{"path":"a.js"}' }],
        finish: 'tool_calls',
      }),
    );
    await d.send('What does a.js do?');
    await d.waitReply('Let me read the file.');
    const lines = d.lastAnswer().locator('.note .note-line');
    await lines.nth(1).waitFor({ timeout: 10_000 });
    const texts = await lines.allInnerTexts();
    assert.ok(
      texts.some((t) => /asked to use a tool \(read_file\)/.test(t) && /"rill\.tools"/.test(t) && /"auto"/.test(t)),
      texts.join(' | '),
    );
    assert.ok(
      texts.some((t) => /sent it again with less/i.test(t)),
      texts.join(' | '),
    );
    const tops = await lines.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
    assert.ok(
      tops.every((top, i) => i === 0 || top > tops[i - 1]),
      `each note below the one before: ${tops}`,
    );
    const whole = await d.lastAnswer().locator('.note').innerText();
    assert.doesNotMatch(whole, /[a-z]\.[A-Z]/, 'no two notes run together');
    assert.ok(
      !(await d.lastAnswer().locator('.body').innerText()).includes('rill.tools'),
      'the line is not answer text',
    );
  });

  it("the answer's figure is its own tokens with the prompt's apart", async () => {
    server.enqueue(sseReply(words('A short answer.'), { usage: true, promptTokens: 1565 }));
    await d.send('How long is this?');
    await d.waitReply('A short answer.');
    const usage = d.lastAnswer().locator('.usage');
    await usage.waitFor({ timeout: 10_000 });
    assert.match(await usage.innerText(), /^3 answer tokens · 1,565 prompt tokens$/);
    assert.match((await usage.getAttribute('title')) ?? '', /the prompt sent for it/);
  });

  it('the add-context control is an icon button with a tooltip; the footer model button never wraps; Jump to latest covers no text', async () => {
    const add = chat.locator('.context-bar button.add-context');
    assert.strictEqual(await add.getAttribute('title'), 'Add context (or type # in the message)');
    assert.strictEqual(await add.locator('svg').count(), 1, 'a codicon, not a lone "#"');
    // A narrow panel (170 px): the model button keeps to one line, ellipsis, full name in its tooltip.
    await chat.evaluate(() => {
      document.body.style.width = '170px';
    });
    const model = chat.locator('button.model-picker');
    const box = await model.evaluate((b) => {
      const cs = getComputedStyle(b);
      return {
        // A line is at most about 1.5 font sizes high (plus the border): two lines are three.
        lines: b.getBoundingClientRect().height / (Number.parseFloat(cs.fontSize) * 1.5),
        ellipsis: cs.textOverflow,
        text: b.textContent,
        title: b.getAttribute('title'),
      };
    });
    assert.ok(box.lines < 2, `one line (${box.lines})`);
    assert.strictEqual(box.ellipsis, 'ellipsis');
    assert.strictEqual(box.title, box.text);
    await chat.evaluate(() => {
      document.body.style.width = '';
    });
    // A long chat scrolled up: the Jump to latest button sits below the transcript, over no answer text.
    for (let i = 0; i < 6; i++) {
      server.enqueue(sseReply(words(`Answer ${i}. ${'A line of the answer that takes some room. '.repeat(12)}`)));
      await d.send(`Question ${i}`);
      await d.waitReply(`Answer ${i}.`);
    }
    await chat.locator('.transcript').evaluate((t) => {
      t.scrollTop = 0;
      t.dispatchEvent(new Event('scroll'));
    });
    const jump = chat.locator('button.jump');
    await jump.waitFor({ timeout: 10_000 });
    const overlap = await chat.evaluate(() => {
      const j = document.querySelector('button.jump')!.getBoundingClientRect();
      const t = document.querySelector('.transcript')!.getBoundingClientRect();
      return j.top < t.bottom && j.bottom > t.top;
    });
    assert.strictEqual(overlap, false, 'the button is outside the transcript');
    await wb.screenshot('details-jump', { x: 0, y: 0, width: 560, height: 900 });
  });
});
