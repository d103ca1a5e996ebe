/** Suites that work in the workbench's text editors: their setup, and what the editors show as a user sees it. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { MockServer } from '../helpers/mockServer';
import { openWorkbench, type Workbench } from './workbench';

/**
 * The text of the lines in `view` (a `.view-lines` element) as Monaco shows them: its line
 * elements sorted by their position (Monaco reuses line elements, so their order in the page is
 * not the order on screen).
 */
export async function viewText(view: Locator): Promise<string> {
  const lines = await view
    .locator('.view-line')
    .evaluateAll((els) =>
      els.map((e) => ({ top: parseFloat((e as HTMLElement).style.top), text: e.textContent ?? '' })),
    );
  return lines
    .sort((a, b) => a.top - b.top)
    .map((l) => l.text.replace(/\u00a0/g, ' '))
    .join('\n');
}

/** The text of the visible editor (the first one in the page). */
export function editorText(page: Page): Promise<string> {
  return viewText(page.locator('.editor-instance .view-lines').first());
}

/** What {@link withEditorWorkbench} gives each test. */
export interface EditorBench {
  wb: Workbench;
  server: MockServer;
}

/**
 * Registers the hooks of a suite that works in the editor: a test server, a workbench pointed at
 * it (editors open pinned, not as previews) sized `viewport` for the README's screenshots, and
 * `file` written into its workspace; all closed after the suite.
 */
export function withEditorWorkbench(
  file: { name: string; text: string },
  viewport: { width: number; height: number },
): EditorBench {
  const bench = {} as EditorBench;
  before(async () => {
    bench.server = await MockServer.start();
    bench.wb = await openWorkbench({
      settings: {
        'rill.baseUrl': bench.server.baseUrl,
        'rill.model': 'rill-test-model',
        'workbench.editor.enablePreview': false,
        // Newer VS Code versions turn a diff narrower than about 900 pixels into one column; the
        // review tests read both sides.
        'diffEditor.useInlineViewWhenSpaceIsLimited': false,
      },
    });
    await bench.wb.page.setViewportSize(viewport);
    fs.writeFileSync(path.join(bench.wb.server.workspace, file.name), file.text);
  });
  after(async () => {
    await bench.wb?.close();
    await bench.server?.close();
  });
  return bench;
}
