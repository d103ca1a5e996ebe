/**
 * Package benchmark: the .vsix size and file count, how well it compresses against the gzip size
 * of what it ships, the minified host bundle, and the time to load and activate the host bundle
 * against a hello-world extension bundle (both in fresh Node processes, fake `vscode`).
 */
import { execFileSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { packageVsix, repoRoot } from '../helpers/packageVsix';
import { zipEntries } from '../helpers/zip';
import type { BenchModule, BenchRow } from './row';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Activation {
  totalMs: number;
  firstUseMs?: number;
}

function activate(bundle: string, extensionPath: string, firstUse = false): Activation {
  const args = [path.join(__dirname, 'activateOnce.js'), bundle, extensionPath, ...(firstUse ? ['first-use'] : [])];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' })) as Activation;
}

const activationMs = (bundle: string, extensionPath: string) => activate(bundle, extensionPath).totalMs;

const bench: BenchModule = {
  name: 'package',
  async run(): Promise<BenchRow[]> {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rill-bench-pkg-'));
    try {
      const vsix = packageVsix(path.join(tmp, 'rill.vsix'));
      const entries = zipEntries(vsix);
      const vsixBytes = fs.statSync(vsix).size;
      const gzipTotal = entries.reduce((n, e) => n + zlib.gzipSync(e.data(), { level: 9 }).length, 0);
      const entry = fs.statSync(path.join(repoRoot, 'dist/extension.js')).size;
      const host = entry + fs.statSync(path.join(repoRoot, 'dist/rill.js')).size;
      const webview = fs.statSync(path.join(repoRoot, 'dist/webview.js')).size;
      const webviewGz = zlib.gzipSync(fs.readFileSync(path.join(repoRoot, 'dist/webview.js')), { level: 9 }).length;
      const grammars = fs.statSync(path.join(repoRoot, 'dist/grammars.js')).size;

      // The reference: a hello-world extension bundled the same way (minified cjs, vscode external).
      const hello = path.join(tmp, 'hello.js');
      await esbuild.build({
        entryPoints: [path.join(repoRoot, 'test/bench/fixtures/helloExtension.ts')],
        outfile: hello,
        bundle: true,
        minify: true,
        platform: 'node',
        format: 'cjs',
        external: ['vscode'],
        logLevel: 'silent',
      });
      const rillBundle = path.join(repoRoot, 'dist/extension.js');
      const ours: number[] = [];
      const ref: number[] = [];
      activationMs(rillBundle, repoRoot); // warm the file cache for both
      activationMs(hello, tmp);
      for (let i = 0; i < 15; i++) {
        ours.push(activationMs(rillBundle, repoRoot));
        ref.push(activationMs(hello, tmp));
      }
      const o = median(ours);
      const r = median(ref);
      // What the lazily loaded features cost, once, when the first command or view needs them.
      const firstUse = median(Array.from({ length: 9 }, () => activate(rillBundle, repoRoot, true).firstUseMs ?? NaN));
      return [
        { goal: 'P1', metric: '.vsix size', value: vsixBytes / 1024, unit: 'KB', limit: 300, direction: 'max' },
        { goal: 'P2', metric: '.vsix files', value: entries.length, unit: 'files', limit: 30, direction: 'max' },
        {
          goal: 'P3',
          metric: '.vsix size / gzip size of the files it ships',
          value: vsixBytes / gzipTotal,
          unit: '×',
          limit: 1.3,
          direction: 'max',
        },
        {
          goal: 'P4',
          metric: 'host bundle loaded at activation, dist/extension.js, minified',
          value: entry / 1024,
          unit: 'KB',
          limit: 50,
          direction: 'max',
        },
        {
          goal: '',
          metric: 'all host code (extension.js + rill.js, loaded on first use)',
          value: host / 1024,
          unit: 'KB',
        },
        { goal: '', metric: 'webview bundle dist/webview.js, minified', value: webview / 1024, unit: 'KB' },
        { goal: '', metric: 'webview bundle, gzip', value: webviewGz / 1024, unit: 'KB' },
        {
          goal: '',
          metric: 'highlighting grammars dist/grammars.js (loaded on first code block)',
          value: grammars / 1024,
          unit: 'KB',
        },
        { goal: '', metric: 'load + activate: Rill host bundle (median of 15)', value: o, unit: 'ms' },
        { goal: '', metric: 'load + activate: hello-world bundle (median of 15)', value: r, unit: 'ms' },
        {
          goal: 'P5',
          metric: 'load + activate, Rill / hello world',
          value: o / r,
          unit: '×',
          limit: 1.5,
          direction: 'max',
        },
        {
          goal: '',
          metric: 'first use: load dist/rill.js and build the features (median of 9)',
          value: firstUse,
          unit: 'ms',
        },
      ];
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
      // vsce's prepublish left a production build in dist/: restore the development build.
      execFileSync(process.execPath, ['esbuild.js'], { cwd: repoRoot });
    }
  },
};

export default bench;
