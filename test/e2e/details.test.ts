/**
 * The details of an answer a new user reads first: notes under it on lines of their own, a
 * tool-call answer that says what happened, the figures under it, and the controls around the
 * message box at their sizes; by keyboard, Tab from the last control leaves for the workbench (never
 * for an element nobody can see), and in a 170 px panel the message box keeps room to type.
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
    // The tool-call line is for an answer whose tools are off (or not supported).
    await d.toolsOff();
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

  it('Tab walks only visible controls, and from the last one leaves the webview for the workbench', async () => {
    await d.send('Hello');
    await d.waitReply('Hello from the test server.');
    await chat.locator('textarea[aria-label=Message]').focus();
    // Walk forward from the message box: every stop inside the webview is a control one can see.
    const stops: string[] = [];
    for (let i = 0; i < 20; i++) {
      await wb.page.keyboard.press('Tab');
      const where = await chat.evaluate(() => {
        if (!document.hasFocus()) return undefined;
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return undefined;
        const r = el.getBoundingClientRect();
        const cs = getComputedStyle(el);
        const seen =
          r.width > 2 &&
          r.height > 2 &&
          cs.visibility !== 'hidden' &&
          Number(cs.opacity) > 0 &&
          !el.closest('[hidden],[inert]') &&
          r.bottom > 0 &&
          r.top < innerHeight;
        return { name: `${el.tagName.toLowerCase()}.${el.className}`, seen };
      });
      if (!where) break;
      stops.push(where.name);
      assert.ok(where.seen, `focus on an invisible element: ${where.name} (after ${stops.join(' → ')})`);
    }
    assert.ok(stops.length > 0 && stops.length < 20, `Tab left the webview (${stops.join(' → ')})`);
    // The focus is in the workbench now, on something one can see, not in the webview's frames.
    const outside = await wb.page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body || el.tagName === 'IFRAME') return `${el?.tagName}`;
      const r = el.getBoundingClientRect();
      return r.width > 2 && r.height > 2 ? 'visible' : `invisible ${el.tagName}.${el.className}`;
    });
    assert.strictEqual(outside, 'visible', `after ${stops.join(' → ')}`);
  });

  it('at a 170 px wide panel the message box keeps a usable width and the Send button stays in view', async () => {
    // Drag the side bar's edge to VS Code's narrowest side bar: the webview is then 170 px wide.
    const bar = (await wb.page.locator('.part.sidebar').boundingBox())!;
    const edge = bar.x + bar.width;
    await wb.page.mouse.move(edge, bar.y + bar.height / 2);
    await wb.page.mouse.down();
    await wb.page.mouse.move(edge - 40, bar.y + bar.height / 2, { steps: 4 });
    await wb.page.mouse.move(bar.x + 100, bar.y + bar.height / 2, { steps: 8 });
    await wb.page.mouse.up();
    await wb.page.waitForTimeout(500);
    const m = await chat.evaluate(() => {
      const box = document.querySelector('textarea[aria-label=Message]')!.getBoundingClientRect();
      const send = document.querySelector('button.send')!.getBoundingClientRect();
      return { view: innerWidth, width: box.width, right: box.right, sendRight: send.right };
    });
    assert.ok(m.view <= 180, `the panel is narrow: ${JSON.stringify(m)}`);
    assert.ok(m.width >= 100, `the message box is ${m.width} px wide: ${JSON.stringify(m)}`);
    assert.ok(m.right <= m.view && m.sendRight <= m.view, `inside the panel: ${JSON.stringify(m)}`);
  });

  it('a history search hit opens the chat scrolled to the matching message, its word marked', async () => {
    const page = wb.page;
    const titleAction = (name: string) =>
      page.locator(`.part.sidebar a.action-label[aria-label^="${name}"]:visible`).first();
    await titleAction('New Chat').click();
    await chat.locator('article.turn').first().waitFor({ state: 'detached', timeout: 10_000 });
    server.enqueue(sseReply(words('The Zeppelin waits in the hangar by the lake.')));
    await d.send('Where does the airship wait?');
    await d.waitReply('hangar');
    for (let i = 0; i < 5; i++) {
      server.enqueue(
        sseReply(words(`Later ${i}. ${'Another long line of an answer that fills the panel. '.repeat(14)}`)),
      );
      await d.send(`Later question ${i}`);
      await d.waitReply(`Later ${i}.`);
    }
    await titleAction('New Chat').click();
    await chat.locator('article.turn').first().waitFor({ state: 'detached', timeout: 10_000 });
    await titleAction('Show Chat History').click();
    const picker = page.locator('.quick-input-widget');
    const box = picker.locator('.quick-input-box input');
    const rows = picker.locator('.quick-input-list .monaco-list-row');
    await box.fill('zeppelin');
    await rows.filter({ hasText: 'waits in the hangar' }).waitFor({ timeout: 10_000 });
    await box.press('Enter');
    const mark = chat.locator('article.turn.assistant .body mark', { hasText: /^Zeppelin$/ });
    await mark.waitFor({ timeout: 10_000 });
    await page.waitForTimeout(300);
    const where = await chat.evaluate(() => {
      const log = document.querySelector('.transcript')!;
      const m = document.querySelector('article.turn .body mark')!.getBoundingClientRect();
      const t = log.getBoundingClientRect();
      return {
        inView: m.top >= t.top && m.bottom <= t.bottom,
        atBottom: log.scrollHeight - log.scrollTop - log.clientHeight < 24,
      };
    });
    assert.deepStrictEqual(where, { inView: true, atBottom: false }, 'scrolled to the match, not to the end');
    assert.strictEqual(await chat.locator('article.turn mark').count(), 1, 'only the matching word is marked');
  });
});
