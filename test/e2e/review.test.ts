import * as assert from 'node:assert';
import { type MockServer, sseReply } from '../helpers/mockServer';
import { editorText, viewText, withEditorWorkbench } from './editorView';
import type { Workbench } from './workbench';

/** Words as token-sized deltas. */
const tokens = (text: string) => text.match(/\s+|\S+\s*/g) ?? [];

const SOURCE = [
  'export function total(items) {',
  '  let sum = 0;',
  '  for (const it of items) sum += it.price;',
  '  return sum;',
  '}',
  '',
].join('\n');
const FIX = [
  'An item without a price makes the sum `NaN`; skip it:',
  '',
  '```javascript',
  'for (const it of items) {',
  '  if (it.price) sum += it.price;',
  '}',
  '```',
].join('\n');
const FIXED = SOURCE.replace(
  '  for (const it of items) sum += it.price;',
  '  for (const it of items) {\n    if (it.price) sum += it.price;\n  }',
);

describe('e2e: review before replace', function () {
  this.timeout(180_000);
  // Wide enough for the side-by-side diff next to the chat panel; small enough for the README.
  const bench = withEditorWorkbench({ name: 'cart.js', text: SOURCE }, { width: 1280, height: 640 });
  let wb: Workbench;
  let server: MockServer;
  before(() => {
    ({ wb, server } = bench);
  });

  const diff = () => wb.page.locator('.monaco-diff-editor').first();
  /** The diff's right side: the file as it would read after the change. */
  const proposed = () => viewText(diff().locator('.editor.modified .view-lines'));

  /** The top of the editor area, tabs and title buttons included: what the README shows. */
  async function editorArea(): Promise<{ x: number; y: number; width: number; height: number }> {
    const box = await wb.page.locator('.part.editor').boundingBox();
    assert.ok(box, 'the editor area is shown');
    return { x: box.x, y: box.y, width: box.width, height: 220 };
  }

  /** Opens cart.js, selects the loop line with the keyboard and runs Fix Selection from the palette. */
  async function fixTheLoop(): Promise<void> {
    const page = wb.page;
    await page.keyboard.press('Control+P');
    await wb.quickInput().fill('cart.js');
    await wb.quickPickRows('cart.js').first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.editor-instance .view-lines', { hasText: 'return sum' }).first().waitFor();
    await page.locator('.editor-instance .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    server.enqueue(sseReply(tokens(FIX), { delayMs: 20 }));
    await wb.runCommand('Rill: Fix Selection');
    await diff().locator('.editor.modified .view-lines', { hasText: 'if (it.price)' }).waitFor({ timeout: 30_000 });
    // The diff opens while the answer still streams and Accept waits for its end: the progress
    // notification gone.
    await wb.page
      .locator('.notifications-toasts', { hasText: 'Rill is answering' })
      .waitFor({ state: 'hidden', timeout: 30_000 });
  }

  it('Fix Selection shows the change in a diff; Ctrl+Enter accepts it; one Ctrl+Z undoes it', async () => {
    const page = wb.page;
    await fixTheLoop();
    assert.strictEqual((await proposed()).trim(), FIXED.trim(), 'the right side is the file with the fix');
    assert.strictEqual(
      (await viewText(diff().locator('.editor.original .view-lines'))).trim(),
      SOURCE.trim(),
      'the left side is the file as it is',
    );
    const title = page.locator('.tab.active .label-name');
    assert.match(await title.innerText(), /cart\.js ↔ Rill's change/);
    const accept = page.locator('.editor-actions .action-label[aria-label^="Accept Change"]');
    const reject = page.locator('.editor-actions .action-label[aria-label^="Reject Change"]');
    assert.strictEqual(await accept.count(), 1, 'an Accept button in the title bar');
    assert.strictEqual(await reject.count(), 1, 'a Reject button in the title bar');
    // Let the diff's change highlights settle before the picture.
    await diff().locator('.line-insert, .char-insert').first().waitFor();
    await wb.screenshot('review-1-diff', await editorArea());
    assert.ok(
      await page.evaluate(() => !!document.activeElement?.closest('.monaco-diff-editor')),
      'the diff has the keyboard',
    );

    await page.keyboard.press('Control+Enter');
    await diff().waitFor({ state: 'detached', timeout: 10_000 });
    await page.locator('.editor-instance .view-lines', { hasText: 'if (it.price)' }).first().waitFor();
    assert.strictEqual((await editorText(page)).trim(), FIXED.trim(), 'the fix is in the file');
    const changed = FIXED.slice(FIXED.indexOf('for (const'), FIXED.indexOf('  return'));
    await page
      .locator('.statusbar-item', { hasText: `(${changed.trimEnd().length} selected)` })
      .waitFor({ timeout: 5_000 });
    await wb.screenshot('review-2-accepted', await editorArea());

    await page.keyboard.press('Control+Z');
    await page
      .locator('.editor-instance .view-lines', { hasText: 'if (it.price)' })
      .waitFor({ state: 'detached', timeout: 5_000 });
    assert.strictEqual((await editorText(page)).trim(), SOURCE.trim(), 'one undo step takes the whole change out');
  });

  for (const [how, reject] of [
    [
      'Ctrl+Backspace',
      async () => {
        // The key works where a user presses it: in the diff. Wait for the diff to hold the focus
        // (it takes it a moment after opening on a busy machine); if it never does, click into
        // its proposal first, as a user would.
        const focused = await wb.page
          .waitForFunction(() => document.activeElement?.closest('.monaco-diff-editor') != null, undefined, {
            timeout: 5_000,
          })
          .then(
            () => true,
            () => false,
          );
        if (!focused) await diff().locator('.modified .view-lines').click();
        await wb.page.keyboard.press('Control+Backspace');
      },
    ],
    [
      "the diff's Reject button",
      () => wb.page.locator('.editor-actions .action-label[aria-label^="Reject Change"]').click(),
    ],
  ] as const) {
    it(`${how} rejects: the file stays as it was`, async () => {
      await fixTheLoop();
      await reject();
      await diff().waitFor({ state: 'detached', timeout: 10_000 });
      await wb.page.locator('.editor-instance .view-lines', { hasText: 'return sum' }).first().waitFor();
      assert.strictEqual((await editorText(wb.page)).trim(), SOURCE.trim());
    });
  }
});
