/**
 * `npm run test:electron`: the same integration suite in desktop VS Code, downloaded by
 * @vscode/test-electron, on the minimum version `engines.vscode` admits and on the newest stable
 * (`RILL_VSCODE=oldest|newest|both`, default both). For machines that can download VS Code;
 * elsewhere `npm test` runs the suite in the VS Code server lines of test/host/versions.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot, selectedLines } from './codeServer';

/** The lowest version `engines.vscode` admits (`^1.90.0` gives `1.90.0`). */
function minimumVsCode(): string {
  const range: string = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).engines.vscode;
  const m = /(\d+\.\d+\.\d+)/.exec(range);
  if (!m) throw new Error(`engines.vscode "${range}" names no version`);
  return m[1];
}

async function main(): Promise<void> {
  const extensionDevelopmentPath = repoRoot;
  const extensionTestsPath = path.resolve(__dirname, '../integration/index.js');
  const versions = selectedLines('both').map((line) => (line === 'oldest' ? minimumVsCode() : 'stable'));
  for (const version of versions) {
    console.log(`Integration suite on VS Code ${version}`);
    await runTests({
      version,
      extensionDevelopmentPath,
      extensionTestsPath,
      launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
    });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
