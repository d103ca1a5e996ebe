/** Builds the .vsix the way `npm run package` does, into a given file. */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../../..');

/** Runs vsce (production build included) and returns the .vsix path. */
export function packageVsix(outFile: string): string {
  execFileSync(
    process.execPath,
    [
      path.join(repoRoot, 'node_modules/@vscode/vsce/vsce'),
      'package',
      '--no-dependencies',
      '--allow-missing-repository',
      '--no-rewrite-relative-links',
      '--out',
      outFile,
    ],
    {
      cwd: repoRoot,
      stdio: 'pipe',
    },
  );
  return outFile;
}
