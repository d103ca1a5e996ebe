/**
 * Suite entry point inside the VS Code extension host: the contract of @vscode/test-electron
 * (`run()` resolves on success, rejects on failure), shared by the code-server launcher.
 * When `RILL_TEST_RESULTS` is set, the counts and failures are also written there as JSON,
 * because a web workbench does not report the result back to the launcher by itself.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { STRICT_MOCHA } from '../helpers/mochaOptions';

export interface SuiteResult {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; error: string }[];
  vscodeVersion: string;
}

export function run(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const vscode = require('vscode') as typeof import('vscode');
  console.log(`Rill integration suite in VS Code ${vscode.version}`);
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec', ...STRICT_MOCHA });
  const grep = process.env.RILL_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  }
  const result: SuiteResult = { passed: 0, failed: 0, pending: 0, failures: [], vscodeVersion: vscode.version };
  return new Promise((resolve, reject) => {
    const runner = mocha.run(() => {
      const out = process.env.RILL_TEST_RESULTS;
      if (out) fs.writeFileSync(out, JSON.stringify(result));
      if (result.failed || result.pending)
        reject(new Error(`${result.failed} integration test(s) failed, ${result.pending} pending`));
      else if (!result.passed) reject(new Error('no integration test ran'));
      else resolve();
    });
    runner.on('pass', () => result.passed++);
    runner.on('pending', () => result.pending++);
    runner.on('fail', (test, err) => {
      result.failed++;
      result.failures.push({ title: test.fullTitle(), error: String(err?.stack ?? err) });
    });
  });
}
