/**
 * Where the ripgrep binary that VS Code itself ships lives, so `search_text` runs the same fast
 * search as the Search view without Rill bundling a binary of its own. VS Code has moved it over
 * the years: 1.90 ships `@vscode/ripgrep` (`bin/rg`), newer lines (1.139) ship
 * `@vscode/ripgrep-universal` with one binary per platform (`bin/linux-x64/rg`); the desktop app
 * packs `node_modules` into an asar archive and unpacks binaries next to it
 * (`node_modules.asar.unpacked`). No `vscode` import: the caller passes `vscode.env.appRoot`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The folders under `appRoot` that may hold VS Code's node modules, unpacked ones first. */
const MODULE_DIRS = ['node_modules.asar.unpacked', 'node_modules'];

/**
 * Every place ripgrep may be under `appRoot`, most likely first: the per-platform binary of
 * `@vscode/ripgrep-universal`, then `@vscode/ripgrep`'s `bin/rg`, then the old `vscode-ripgrep`.
 */
export function ripgrepCandidates(appRoot: string, platform: string = process.platform, arch: string = process.arch) {
  const exe = platform === 'win32' ? 'rg.exe' : 'rg';
  const inModules = [
    path.join('@vscode', 'ripgrep-universal', 'bin', `${platform}-${arch}`, exe),
    path.join('@vscode', 'ripgrep', 'bin', exe),
    path.join('vscode-ripgrep', 'bin', exe),
  ];
  return inModules.flatMap((p) => MODULE_DIRS.map((dir) => path.join(appRoot, dir, p)));
}

/** Whether `file` is there and the process may run it. */
function isRunnable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The path of VS Code's ripgrep under `appRoot`, or `undefined` when none is there (a fork that
 * left it out); the caller then searches without it. `runnable` is for tests.
 */
export function locateRipgrep(
  appRoot: string,
  platform: string = process.platform,
  arch: string = process.arch,
  runnable: (file: string) => boolean = isRunnable,
): string | undefined {
  return ripgrepCandidates(appRoot, platform, arch).find(runnable);
}
