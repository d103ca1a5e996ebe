/**
 * `npm run test:electron`: the same integration suite in desktop VS Code, downloaded by
 * @vscode/test-electron, on the oldest supported version and the newest stable. For machines that
 * can download VS Code; elsewhere `npm test` runs the suite in code-server.
 */
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const extensionDevelopmentPath = path.resolve(__dirname, '../../..');
  const extensionTestsPath = path.resolve(__dirname, '../integration/index.js');
  const versions = (process.env.RILL_VSCODE_VERSIONS ?? '1.90.0,stable').split(',');
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
