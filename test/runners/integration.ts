/**
 * Runs the integration suite (test/integration) inside the extension host of a real VS Code:
 * starts its server, opens the workbench in headless Chromium with Rill loaded for development
 * and `extensionTestsPath` set, and waits for the suite's result file.
 * Fails on a failed test, a time-out, or a host that never came up.
 * `node out/test/runners/integration.js` runs it on the lines `RILL_VSCODE` names (default both).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchChromium } from '../helpers/browser';
import type { SuiteResult } from '../integration';
import { repoRoot, selectedLines, startCodeServer, type VsCodeLine } from './codeServer';

export async function runIntegration(
  opts: { line?: VsCodeLine; timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<SuiteResult> {
  const resultsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rill-it-')), 'results.json');
  const server = await startCodeServer({
    line: opts.line,
    testHost: true,
    env: { RILL_TEST_RESULTS: resultsFile, ...opts.env },
    verbose: !!process.env.RILL_VERBOSE,
  });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    // `vscode.env.clipboard` in a web workbench is the page's clipboard; older releases keep no
    // copy of their own, so without this grant a copied answer reads back empty.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    const testsPath = path.join(repoRoot, 'out/test/integration/index.js');
    await page.goto(server.workbenchUrl({ extensionPath: repoRoot, testsPath }));
    const deadline = Date.now() + (opts.timeoutMs ?? 20 * 60_000);
    while (!fs.existsSync(resultsFile)) {
      if (Date.now() > deadline)
        throw new Error(
          `integration suite timed out in VS Code ${server.vscodeVersion}: no result from the extension host`,
        );
      await new Promise((r) => setTimeout(r, 500));
    }
    // The file is written in one call; a short pause covers a reader racing the writer.
    await new Promise((r) => setTimeout(r, 100));
    return JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResult;
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(path.dirname(resultsFile), { recursive: true, force: true });
  }
}

if (require.main === module) {
  (async () => {
    let bad = 0;
    for (const line of selectedLines('both')) {
      const r = await runIntegration({ line });
      for (const f of r.failures) console.error(`✗ ${f.title}\n${f.error}\n`);
      console.log(`VS Code ${r.vscodeVersion}: ${r.passed} passed, ${r.failed} failed, ${r.pending} pending`);
      if (r.failed || r.pending || r.passed === 0) bad++;
    }
    process.exitCode = bad ? 1 : 0;
  })().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
