/**
 * The details of an answer a new user reads first: notes under it on lines of their own, a
 * tool-call answer that says what happened, the figures under it, and the controls around the
 * message box at their sizes.
 */
import * as assert from 'node:assert';
import { type MockServer, sseReply } from '../helpers/mockServer';
import { type ChatDriver, openChatWorkbench, words } from './chatDriver';
import type { Workbench } from './workbench';

describe('e2e: the details of an answer', function () {
  this.timeout(240_000);
  let wb: Workbench;
  let server: MockServer;
  let d: ChatDriver;

  before(async () => {
    ({ wb, server, d } = await openChatWorkbench());
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
});
