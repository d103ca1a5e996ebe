/**
 * Changes across files, like a user: asked for a change, the test server plays a model that edits
 * two files over two tool rounds (two hunks far apart in one of them) and then answers; the summary
 * shows under the answer; Review opens VS Code's multi-file diff editor; the diff's own per-hunk
 * revert arrow drops one hunk; Accept All writes the rest; one Ctrl+Z per file takes each back.
 * Takes the README's pictures of the summary and the review (and the summary in a light and a
 * high-contrast theme, to look at).
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Locator } from 'playwright-core';
import { type MockServer, sseReply } from '../helpers/mockServer';
import { type ChatDriver, openChatWorkbench, words } from './chatDriver';
import { editorText, viewText } from './editorView';
import type { Workbench } from './workbench';

/** The file with two changes: one near its top, one near its end, so the diff shows two hunks. */
const SHAPES = [
  '/** Areas of simple shapes. */',
  'export function area(w, h) {',
  '  return w * h;',
  '}',
  '',
  'export function square(side) {',
  '  return area(side, side);',
  '}',
  '',
  'export function circle(r) {',
  '  return Math.PI * r * r;',
  '}',
  '',
  'export function triangle(base, height) {',
  '  return (base * height) / 2;',
  '}',
  '',
  'export function ring(outer, inner) {',
  '  return circle(outer) - circle(inner);',
  '}',
  '',
  "export const UNIT = 'cm';",
  '',
].join('\n');
const MAIN = ["import { area, UNIT } from './shapes.js';", '', 'console.log(area(2, 3), UNIT);', ''].join('\n');

/** The two hunks of shapes.js and the one of main.js, as the model's `edit_file` calls. */
const ABS = { old_text: 'return w * h;', new_text: 'return Math.abs(w * h);' };
const MM = { old_text: "UNIT = 'cm'", new_text: "UNIT = 'mm'" };
const ARGS = { old_text: 'area(2, 3)', new_text: 'area(4, 5)' };
const edit = (file: string, e: { old_text: string; new_text: string }) => ({
  name: 'edit_file',
  arguments: JSON.stringify({ path: `src/${file}`, ...e }),
});
const apply = (text: string, e: { old_text: string; new_text: string }) => text.replace(e.old_text, e.new_text);

const ANSWER = 'Areas are never negative now, lengths are in millimetres, and the example uses 4 × 5.';

describe('e2e: a change across two files, reviewed and accepted', function () {
  this.timeout(240_000);
  let wb: Workbench;
  let server: MockServer;
  let chat: Frame;
  let d: ChatDriver;
  const file = (name: string) => path.join(wb.server.workspace, 'src', name);

  before(async () => {
    ({ wb, server, chat, d } = await openChatWorkbench({
      'workbench.editor.enablePreview': false,
      // Both sides of each diff, as in the README's picture, also when the editor area is narrow.
      'diffEditor.useInlineViewWhenSpaceIsLimited': false,
      // Newer VS Code versions open their own chat beside the editor: the review gets the room.
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
    }));
    await wb.page.setViewportSize({ width: 1280, height: 720 });
    fs.mkdirSync(path.join(wb.server.workspace, 'src'));
    fs.writeFileSync(file('shapes.js'), SHAPES);
    fs.writeFileSync(file('main.js'), MAIN);
  });
  after(async () => {
    await wb?.close();
    await server?.close();
  });

  const summary = () => d.lastAnswer().locator('.changes');
  const multiDiff = () => wb.page.locator('.multiDiffEditor');
  /** The diff of one file in the multi-file diff editor, found by the file name in its header. */
  const diffOf = (name: string) =>
    wb.page.locator('.multiDiffEntry', { has: wb.page.locator('.header .file-path', { hasText: name }) });

  /** The user's question and the answer with its summary, as the side bar shows them: the README's picture. */
  async function answerArea(): Promise<{ x: number; y: number; width: number; height: number }> {
    const question = await chat.locator('article.turn.user').last().boundingBox();
    const changes = await summary().boundingBox();
    const bar = await wb.page.locator('.part.sidebar').first().boundingBox();
    assert.ok(question && changes && bar, 'the question, the summary and the side bar are shown');
    const y = Math.max(0, question.y - 8);
    return { x: bar.x, y, width: bar.width, height: changes.y + changes.height + 8 - y };
  }

  it('asked for a change, the model edits two files over two rounds; the summary shows under the answer', async () => {
    server.enqueue(
      sseReply(words('I will change both files.'), {
        finish: 'tool_calls',
        toolCalls: [edit('shapes.js', ABS), edit('main.js', ARGS)],
      }),
      sseReply([], { finish: 'tool_calls', toolCalls: [edit('shapes.js', MM)] }),
      sseReply(words(ANSWER), { delayMs: 10 }),
    );
    await d.send('Make areas non-negative, use millimetres, and call the example with 4 and 5');
    await d.waitReply(ANSWER);
    const chatRequests = server.requests.filter((r) => r.path.endsWith('/chat/completions'));
    assert.strictEqual(chatRequests.length, 3, 'two tool rounds, then the answer');

    await summary().locator('.change-count').waitFor({ timeout: 10_000 });
    assert.strictEqual(await summary().locator('.change-count').innerText(), '2 files changed, +3 \u22123');
    for (const name of ['Review', 'Accept All', 'Reject All'])
      assert.ok(await summary().getByRole('button', { name, exact: true }).isVisible(), `${name} is shown`);
    // One line per file, in the order the model edited them: as the workbench lists files, the
    // name and then its folder; the counts coloured as the workbench colours added and removed lines.
    assert.deepStrictEqual(await summary().locator('.change-file .change-name').allInnerTexts(), [
      'shapes.js',
      'main.js',
    ]);
    assert.deepStrictEqual(await summary().locator('.change-file .change-dir').allInnerTexts(), ['src', 'src']);
    assert.deepStrictEqual(
      await summary().locator('.change-count .change-added, .change-count .change-removed').allInnerTexts(),
      ['+3', '\u22123'],
    );
    const colour = (sel: string) =>
      summary()
        .locator(sel)
        .first()
        .evaluate((e) => getComputedStyle(e).color);
    assert.strictEqual(await colour('.change-count .change-added'), await colour('.change-file .change-added'));
    assert.notStrictEqual(await colour('.change-count .change-added'), await colour('.change-count'));
    assert.strictEqual(fs.readFileSync(file('shapes.js'), 'utf8'), SHAPES, 'nothing written before Accept');
    assert.strictEqual(fs.readFileSync(file('main.js'), 'utf8'), MAIN, 'nothing written before Accept');

    // The pictures: dark for the README; light and high contrast to compare (not committed).
    await wb.page.mouse.move(wb.page.viewportSize()!.width - 10, 400); // no hover or tooltip in the picture
    await wb.page.waitForTimeout(500);
    await wb.screenshot('changes-1-summary', await answerArea());
    for (const [theme, name] of [
      ['Light Modern', 'changes-summary-light'],
      ['Dark High Contrast', 'changes-summary-high-contrast'],
      ['Dark Modern', 'changes-summary-dark'],
    ]) {
      await wb.setTheme(theme, chat);
      await wb.page.waitForTimeout(300);
      await wb.screenshot(name, await answerArea());
    }
  });

  it('Review opens the multi-file diff editor with both files, the proposals on the right', async () => {
    await summary().getByRole('button', { name: 'Review', exact: true }).click();
    await multiDiff().waitFor({ timeout: 20_000 });
    await diffOf('shapes.js').locator('.monaco-diff-editor').waitFor({ timeout: 20_000 });
    await diffOf('main.js').locator('.monaco-diff-editor').waitFor({ timeout: 20_000 });
    const proposed = (name: string) => diffOf(name).locator('.editor.modified .view-lines');
    await proposed('shapes.js').filter({ hasText: "'mm'" }).waitFor({ timeout: 10_000 });
    await proposed('main.js').filter({ hasText: 'area(4, 5)' }).waitFor({ timeout: 10_000 });
    assert.match(await viewText(proposed('shapes.js')), /Math\.abs\(w \* h\)/);
    // Two hunks in shapes.js, one in main.js: each with its place in the diff's gutter.
    assert.strictEqual(await diffOf('shapes.js').locator('.gutter .gutterItem').count(), 2);
    assert.strictEqual(await diffOf('main.js').locator('.gutter .gutterItem').count(), 1);
    // Each file is shown as changed in place, not as a rename of another file (no "R" in its header).
    for (const name of ['shapes.js', 'main.js'])
      assert.strictEqual(await diffOf(name).locator('.header .status.renamed').count(), 0, `${name} shown as renamed`);
    // VS Code adds the number of files to the title.
    await wb.page.locator('.tab.active', { hasText: "Rill's changes: +3 \u22123 (2 files)" }).waitFor();
    await diffOf('shapes.js').locator('.line-insert, .char-insert').first().waitFor();
    await wb.page.mouse.move(wb.page.viewportSize()!.width - 10, 700);
    await wb.page.waitForTimeout(800); // the hunks' arrows fade out once the pointer left
    // The README's picture: the tab and the first file's diff with its two hunks.
    const editors = await wb.page.locator('.part.editor').boundingBox();
    const first = await diffOf('shapes.js').boundingBox();
    assert.ok(editors && first, 'the editor area is shown');
    const height = first.y + first.height - editors.y;
    await wb.screenshot('changes-2-review', { x: editors.x, y: editors.y, width: editors.width, height });
  });

  it("the diff's own revert arrow drops one hunk; Accept All writes the rest; one Ctrl+Z per file takes it back", async () => {
    const page = wb.page;
    const shapes = diffOf('shapes.js');
    // The hunk of 'mm': its line on the right, and the gutter item level with it.
    const line = shapes.locator('.editor.modified .view-line', { hasText: "UNIT = 'mm'" });
    const at = await line.boundingBox();
    assert.ok(at, "the 'mm' line is shown");
    const items = shapes.locator('.gutter .gutterItem');
    let item: Locator | undefined;
    for (let i = 0; i < (await items.count()); i++) {
      const box = await items.nth(i).boundingBox();
      if (box && box.y <= at.y + at.height / 2 && at.y + at.height / 2 <= box.y + box.height) item = items.nth(i);
    }
    assert.ok(item, "a gutter item beside the 'mm' hunk");
    // Hover the hunk as a user does, then click its arrow ("Revert Block").
    await line.hover();
    const arrow = item.locator('.action-label.codicon-arrow-right');
    assert.strictEqual(await arrow.getAttribute('aria-label'), 'Revert Block');
    await arrow.click();
    await shapes
      .locator('.editor.modified .view-lines')
      .filter({ hasText: "UNIT = 'mm'" })
      .waitFor({ state: 'detached', timeout: 10_000 });
    assert.match(await viewText(shapes.locator('.editor.modified .view-lines')), /UNIT = 'cm'/);
    // The diff is recomputed a moment after the edit: one hunk left in shapes.js.
    const until = Date.now() + 15_000;
    while ((await shapes.locator('.gutter .gutterItem').count()) !== 1 && Date.now() < until)
      await page.waitForTimeout(100);
    assert.strictEqual(await shapes.locator('.gutter .gutterItem').count(), 1, 'one hunk left in shapes.js');

    // The summary under the answer follows: one line fewer each way.
    await summary().locator('.change-count', { hasText: '2 files changed, +2 \u22122' }).waitFor({ timeout: 5_000 });

    await summary().getByRole('button', { name: 'Accept All', exact: true }).click();
    await multiDiff().waitFor({ state: 'detached', timeout: 10_000 });
    const shapesAccepted = apply(SHAPES, ABS);
    const mainAccepted = apply(MAIN, ARGS);
    assert.strictEqual(fs.readFileSync(file('shapes.js'), 'utf8'), shapesAccepted, 'the kept hunk only');
    assert.strictEqual(fs.readFileSync(file('main.js'), 'utf8'), mainAccepted);
    // The summary stays, decided, counting what was written.
    await summary().locator('.change-state').nth(1).waitFor({ timeout: 5_000 });
    assert.deepStrictEqual(await summary().locator('.change-state').allInnerTexts(), ['accepted', 'accepted']);
    assert.strictEqual(await summary().locator('.change-count').innerText(), '2 files changed, +2 \u22122');
    assert.strictEqual(await summary().getByRole('button', { name: 'Accept All', exact: true }).count(), 0);

    for (const [name, before, after, shows] of [
      ['shapes.js', SHAPES, shapesAccepted, 'Math.abs'],
      ['main.js', MAIN, mainAccepted, 'area(4, 5)'],
    ] as const) {
      await page.keyboard.press('Control+P');
      await wb.quickInput().fill(name);
      await wb.quickPickRows(name).first().waitFor();
      await page.keyboard.press('Enter');
      const view = page.locator('.editor-instance .view-lines').first();
      await page.locator('.tab.active', { hasText: name }).waitFor();
      await page.locator('.editor-instance .view-lines', { hasText: shows }).first().waitFor();
      assert.strictEqual((await editorText(page)).trim(), after.trim(), `${name} as accepted`);
      await view.click();
      await page.keyboard.press('Control+Z');
      // The editor shows the undo a moment later: wait for it, then compare.
      const until = Date.now() + 5_000;
      while ((await editorText(page)).trim() !== before.trim() && Date.now() < until) await page.waitForTimeout(100);
      assert.strictEqual((await editorText(page)).trim(), before.trim(), `one Ctrl+Z takes ${name} back`);
    }
  });
});
