import * as assert from 'node:assert';
import { openWorkbench, type Workbench } from './workbench';

describe('e2e: the Rill view in a real VS Code', function () {
  this.timeout(120_000);
  let wb: Workbench;

  before(async () => {
    wb = await openWorkbench();
  });
  after(async () => wb?.close());

  it('opens the chat view from the command palette with a labelled message box', async () => {
    await wb.runCommand('Rill: New Chat');
    const frame = await wb.frameWith('[role=log]');
    const box = frame.locator('textarea[aria-label=Message]');
    await box.waitFor({ timeout: 10_000 });
    assert.strictEqual(await box.isVisible(), true);
    await wb.screenshot('view-open');
  });
});
