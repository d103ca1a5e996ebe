/**
 * Tools like a user meets them: a question whose answer needs the workspace, the test server
 * playing a model that searches (a native tool call), then reads a file, then answers. The steps
 * show inside the answer with their one-line summaries, expand to their results as text, and open
 * the file they name at its line; after Developer: Reload Window they are back, and Regenerate
 * sends the tool messages again as the server first received them.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { type MockServer, sseReply } from '../helpers/mockServer';
import { ChatDriver, openChatWorkbench, words } from './chatDriver';
import type { Workbench } from './workbench';

const RETRY = [
  '/** How long to wait before the next attempt. */',
  'export const BASE_MS = 100;',
  '',
  'export function retryDelay(attempt: number): number {',
  '  return 2 ** attempt * BASE_MS;',
  '}',
  '',
].join('\n');
const CLIENT = [
  "import { retryDelay } from './retry';",
  '',
  'export async function again(attempt: number): Promise<void> {',
  '  await new Promise((r) => setTimeout(r, retryDelay(attempt)));',
  '}',
  '',
].join('\n');
const ANSWER = '`retryDelay` is defined in `src/retry.ts`, line 4: it doubles `BASE_MS` with each attempt.';

/** A chat request's messages as the server received them. */
type Sent = { role: string; content?: string; tool_calls?: { id: string }[]; tool_call_id?: string }[];

describe('e2e: tools in the Rill view', function () {
  this.timeout(180_000);
  let wb: Workbench;
  let server: MockServer;
  let d: ChatDriver;

  const chatRequests = () => server.requests.filter((r) => r.path.endsWith('/chat/completions'));
  const steps = (): Locator => d.lastAnswer().locator('.tool-step');
  const stepLines = () => steps().locator('.tool-step-label').allInnerTexts();

  /** Queues the model's three rounds: search, read, answer. */
  function scriptModel(): void {
    server.enqueue(
      sseReply(words('Let me look for it.'), {
        finish: 'tool_calls',
        toolCalls: [{ id: 'call_search', name: 'search_text', arguments: JSON.stringify({ query: 'retryDelay' }) }],
      }),
      sseReply([], {
        finish: 'tool_calls',
        toolCalls: [
          {
            id: 'call_read',
            name: 'read_file',
            arguments: JSON.stringify({ path: 'src/retry.ts', start_line: 1, end_line: 6 }),
          },
        ],
      }),
      sseReply(words(ANSWER)),
    );
  }

  /** Checks the tool messages of the last request: each call's result under its id, after the call. */
  function assertToolMessages(messages: Sent): void {
    const calls = messages.flatMap((m) => (m.role === 'assistant' ? (m.tool_calls ?? []).map((c) => c.id) : []));
    assert.deepStrictEqual(calls, ['call_search', 'call_read']);
    const results = messages.filter((m) => m.role === 'tool');
    assert.deepStrictEqual(
      results.map((m) => m.tool_call_id),
      ['call_search', 'call_read'],
    );
    assert.match(results[0].content ?? '', /src\/retry\.ts:4: export function retryDelay/);
    assert.match(results[0].content ?? '', /src\/client\.ts:4: .*retryDelay\(attempt\)/);
    assert.match(results[0].content ?? '', /src\/client\.ts:1: import \{ retryDelay \}/);
    assert.match(results[1].content ?? '', /return 2 \*\* attempt \* BASE_MS;/);
    // Each result follows the assistant message that asked for it.
    for (const r of results) {
      const i = messages.indexOf(r);
      const asker = messages
        .slice(0, i)
        .reverse()
        .find((m) => m.role === 'assistant');
      assert.ok(
        asker?.tool_calls?.some((c) => c.id === r.tool_call_id),
        `${r.tool_call_id} answers an earlier call`,
      );
    }
  }

  before(async () => {
    ({ wb, server, d } = await openChatWorkbench());
    fs.mkdirSync(path.join(wb.server.workspace, 'src'), { recursive: true });
    fs.writeFileSync(path.join(wb.server.workspace, 'src', 'retry.ts'), RETRY);
    fs.writeFileSync(path.join(wb.server.workspace, 'src', 'client.ts'), CLIENT);
  });
  after(async () => {
    await wb?.close();
    await server?.close();
  });

  it('answers "where is X defined?" by searching, then reading: the steps show, expand, and open the file at the line', async () => {
    scriptModel();
    await d.send('Where is retryDelay defined?');
    await d.waitReply('doubles');
    d.skipRequests(); // the three rounds were one question

    const reqs = chatRequests();
    assert.strictEqual(reqs.length, 3, 'search, read, answer');
    assert.ok(
      reqs[0].body.tools.some((t: { function: { name: string } }) => t.function.name === 'search_text'),
      'the tools were offered',
    );
    assertToolMessages(reqs[2].body.messages);

    // The two steps, in order with the text: after "Let me look for it.", before the answer.
    assert.deepStrictEqual(await stepLines(), [
      'Searched `retryDelay`: 3 results in 2 files',
      'Read src/retry.ts, lines 1-6',
    ]);
    assert.deepStrictEqual(await steps().evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.status)), [
      'done',
      'done',
    ]);
    const body = d.lastAnswer().locator('.body');
    assert.match(await body.innerText(), /Let me look for it\.[\s\S]*Searched[\s\S]*Read src\/retry\.ts[\s\S]*doubles/);
    assert.strictEqual((await d.lastAnswer().locator('code', { hasText: 'retryDelay' }).count()) > 0, true);

    // Expanding the search step shows its result as text, with a link per match.
    const search = steps().nth(0);
    const head = search.locator('button.tool-step-head');
    assert.strictEqual(await head.getAttribute('aria-expanded'), 'false');
    await head.click();
    assert.strictEqual(await head.getAttribute('aria-expanded'), 'true');
    const result = search.locator('pre.tool-step-result');
    await result.waitFor({ timeout: 5_000 });
    assert.match(await result.innerText(), /src\/client\.ts:4: .*retryDelay\(attempt\)/);
    assert.match(await result.innerText(), /src\/retry\.ts:4: export function retryDelay/);
    assert.deepStrictEqual(await search.locator('button.tool-step-link').allInnerTexts(), [
      'src/client.ts:1',
      'src/client.ts:4',
      'src/retry.ts:4',
    ]);

    // The read step expands by keyboard too.
    const read = steps().nth(1);
    await read.locator('button.tool-step-head').focus();
    await read.locator('button.tool-step-head').press('Enter');
    assert.match(await read.locator('pre.tool-step-result').innerText(), /return 2 \*\* attempt \* BASE_MS;/);

    // A match opens its file in the editor at its line.
    await search.locator('button.tool-step-link', { hasText: 'src/retry.ts:4' }).click();
    const page = wb.page;
    await page.locator('.tabs-container .tab.active', { hasText: 'retry.ts' }).waitFor({ timeout: 10_000 });
    await page
      .locator('.statusbar-item', { hasText: /Ln 4, Col 1\b/ })
      .first()
      .waitFor({ timeout: 10_000 });
    await page
      .locator('.editor-instance .view-lines', { hasText: 'export function retryDelay' })
      .waitFor({ timeout: 10_000 });
    await wb.screenshot('tool-steps');
  });

  it('the steps follow the theme (pictures: dark for the README, light and high contrast to compare)', async () => {
    const page = wb.page;
    // A side bar a little wider than the default, as a user reading answers keeps it: drag its sash.
    const bar = (await page.locator('.part.sidebar').first().boundingBox())!;
    const sashes = await page
      .locator('.monaco-sash.vertical')
      .evaluateAll((els) =>
        els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, w: r.width, y: r.y, h: r.height })),
      );
    const sash = sashes.find((r) => r.h > 100 && Math.abs(r.x + r.w / 2 - (bar.x + bar.width)) < 6);
    if (sash) {
      await page.mouse.move(sash.x + sash.w / 2, sash.y + sash.h / 2);
      await page.mouse.down();
      await page.mouse.move(sash.x + sash.w / 2 + 110, sash.y + sash.h / 2, { steps: 8 });
      await page.mouse.up();
    }
    const width = Math.round(
      (await page.locator('.part.sidebar').first().boundingBox())!.width +
        (await page.locator('.part.activitybar').first().boundingBox())!.width,
    );
    for (const [theme, file] of [
      ['Dark Modern', 'tool-steps-dark'],
      ['Light Modern', 'tool-steps-light'],
      ['Dark High Contrast', 'tool-steps-high-contrast'],
    ]) {
      await wb.setTheme(theme);
      const sideBar = await page
        .locator('.part.sidebar')
        .first()
        .evaluate((e) => getComputedStyle(e).backgroundColor);
      await d.frame.waitForFunction((bg) => getComputedStyle(document.body).backgroundColor === bg, sideBar, {
        timeout: 10_000,
      });
      await page.mouse.move(200, 700);
      await page.waitForTimeout(500);
      await wb.screenshot(file, { x: 0, y: 0, width, height: 490 });
    }
    // Each step's icon is a codicon drawn in the theme's colours, not a picture.
    assert.strictEqual(await steps().locator('.tool-step-icon svg').count(), 2);
  });

  it('after Developer: Reload Window the steps are back, and Regenerate sends the tool messages again', async () => {
    const before = await stepLines();
    // A follow-up answered without tools: regenerating it sends the first answer's tool messages.
    server.enqueue(sseReply(words('Only src/client.ts calls it.')));
    await d.send('Who calls it?');
    await d.waitReply('Only src/client.ts');
    // The web workbench saves its state on a proper window reload, not on a bare page reload.
    await wb.page.waitForTimeout(1000);
    await wb.reload(true);
    // A slow start on a busy machine: the restored view may take a while to resolve.
    const chat = await wb.frameWith('article.turn.assistant .tool-step', 90_000).catch(async (e) => {
      await wb.screenshot('tool-steps-after-reload-missing');
      throw e;
    });
    d = new ChatDriver(chat, server);
    d.skipRequests();
    const first = chat.locator('article.turn.assistant').first();
    assert.deepStrictEqual(await first.locator('.tool-step .tool-step-label').allInnerTexts(), before);
    assert.match(await first.locator('.body').innerText(), /Let me look for it\.[\s\S]*Searched[\s\S]*doubles/);
    // The restored step still expands to its result.
    await first.locator('.tool-step').nth(1).locator('button.tool-step-head').click();
    assert.match(
      await first.locator('.tool-step').nth(1).locator('pre.tool-step-result').innerText(),
      /export function retryDelay/,
    );

    server.enqueue(sseReply(words('Regenerated: src/client.ts is the only caller.')));
    await d.lastAnswer().getByRole('button', { name: 'Regenerate' }).click();
    await d.waitReply('Regenerated:');
    const messages: Sent = chatRequests().at(-1)!.body.messages;
    assertToolMessages(messages);
    // The question again (with the open editor's file, attached as the current file).
    assert.strictEqual(messages.at(-1)?.role, 'user');
    assert.match(messages.at(-1)?.content ?? '', /^Who calls it\?/);
    assert.strictEqual(messages.filter((m) => m.role === 'tool').length, 2);
  });
});
