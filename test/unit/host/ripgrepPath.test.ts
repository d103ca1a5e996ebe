import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { locateRipgrep, ripgrepCandidates } from '../../../src/host/tools/ripgrepPath';

/** Makes an executable file (and its folders) under `root`. */
function binary(root: string, rel: string): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '#!/bin/sh\n');
  fs.chmodSync(file, 0o755);
  return file;
}

describe('locateRipgrep (the ripgrep VS Code ships under its appRoot)', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'rill-rg-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('finds the 1.90 layout: node_modules/@vscode/ripgrep/bin/rg', () => {
    const rg = binary(root, 'node_modules/@vscode/ripgrep/bin/rg');
    assert.strictEqual(locateRipgrep(root, 'linux', 'x64'), rg);
  });

  it('finds the 1.139 layout: @vscode/ripgrep-universal/bin/<platform>-<arch>/rg, before the other one', () => {
    binary(root, 'node_modules/@vscode/ripgrep/bin/rg');
    binary(root, 'node_modules/@vscode/ripgrep-universal/bin/linux-x64/rg');
    const arm = binary(root, 'node_modules/@vscode/ripgrep-universal/bin/linux-arm64/rg');
    assert.strictEqual(locateRipgrep(root, 'linux', 'arm64'), arm);
  });

  it('prefers the desktop app unpacked asar folder', () => {
    binary(root, 'node_modules/@vscode/ripgrep/bin/rg');
    const unpacked = binary(root, 'node_modules.asar.unpacked/@vscode/ripgrep/bin/rg');
    assert.strictEqual(locateRipgrep(root, 'linux', 'x64'), unpacked);
  });

  it('skips a file that cannot be run, and answers undefined when there is none', () => {
    const rg = binary(root, 'node_modules/@vscode/ripgrep/bin/rg');
    fs.chmodSync(rg, 0o644);
    assert.strictEqual(locateRipgrep(root, 'linux', 'x64'), undefined);
    assert.strictEqual(locateRipgrep(path.join(root, 'nothing'), 'linux', 'x64'), undefined);
  });

  it('names rg.exe on Windows', () => {
    const c = ripgrepCandidates('C:\\app', 'win32', 'x64');
    assert.ok(c.every((p) => p.endsWith('rg.exe')));
    assert.ok(c.some((p) => p.includes('win32-x64')));
  });
});
