import type { Page } from 'playwright-core';

/**
 * The text of the visible text editor as Monaco shows it: its line elements sorted by their position
 * (Monaco reuses line elements, so their order in the page is not the order on screen), with
 * Monaco's non-breaking spaces as plain ones. Only what is scrolled into view is there.
 */
export async function editorText(page: Page): Promise<string> {
  const lines = await page
    .locator('.editor-instance .view-lines')
    .first()
    .locator('.view-line')
    .evaluateAll((els) =>
      els.map((e) => ({ top: parseFloat((e as HTMLElement).style.top), text: e.textContent ?? '' })),
    );
  return lines
    .sort((a, b) => a.top - b.top)
    .map((l) => l.text.replace(/\u00a0/g, ' '))
    .join('\n');
}
