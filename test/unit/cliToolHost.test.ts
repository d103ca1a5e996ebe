/**
 * The CLI's tool host over a real folder: symlinks out, `..`, absolute paths, secrets by name and
 * content, `.gitignore`, and search_text with ripgrep and with the JavaScript fallback giving the same.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeToolHost, ripgrepOnPath } from '../../src/cli/tools/nodeToolHost';
import { prepareCall, READ_TOOLS, runPrepared } from '../../src/core/tools';

const signal = new AbortController().signal;

function write(root: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

describe('CLI tool host (NodeToolHost)', () => {
  let base: string;
  let root: string;
  const hosts: Record<string, NodeToolHost> = {};

  before(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'rill-tools-'));
    root = path.join(base, 'ws');
    write(root, 'src/retry.ts', 'export function retryDelay(n: number) {\n  return 2 ** n;\n}\n');
    write(root, 'src/use.ts', 'import { retryDelay } from "./retry";\nretryDelay(3);\n');
    write(root, '.gitignore', 'dist/\n*.log\n!keep.log\n');
    write(root, 'dist/out.js', 'retryDelay compiled');
    write(root, 'debug.log', 'retryDelay log');
    write(root, 'keep.log', 'retryDelay kept');
    write(root, '.env', 'API_KEY=retryDelay');
    write(root, 'notes/key.txt', '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n');
    write(root, 'bin.dat', 'a\0b retryDelay');
    write(base, 'outside.txt', 'retryDelay outside');
    fs.symlinkSync(path.join(base, 'outside.txt'), path.join(root, 'link-out.txt'));
    fs.symlinkSync(base, path.join(root, 'dir-out'));
    fs.symlinkSync(path.join(root, 'src/retry.ts'), path.join(root, 'link-in.ts'));
    hosts.rg = new NodeToolHost(root);
    hosts.js = new NodeToolHost(root, { ripgrep: null });
  });
  after(() => fs.rmSync(base, { recursive: true, force: true }));

  async function call(name: string, args: unknown, host = hosts.js) {
    const prepared = prepareCall({ id: 'c', name, arguments: JSON.stringify(args) }, READ_TOOLS, host);
    return runPrepared(prepared, host, signal);
  }

  it('reads a file, and one through a link that stays inside', async () => {
    assert.match((await call('read_file', { path: 'src/retry.ts' })).content, /return 2 \*\* n/);
    assert.match((await call('read_file', { path: 'link-in.ts' })).content, /return 2 \*\* n/);
    assert.equal((await call('read_file', { path: path.join(root, 'src/retry.ts') })).ok, true, 'absolute inside');
  });

  for (const [p, reason] of [
    ['../outside.txt', 'outside'],
    ['link-out.txt', 'outside'],
    ['dir-out/outside.txt', 'outside'],
    ['/etc/passwd', 'outside'],
    ['.env', 'secret'],
    ['notes/key.txt', 'secret'],
    ['dist/out.js', 'excluded'],
    ['debug.log', 'excluded'],
    ['bin.dat', 'binary'],
    ['src', 'notAFile'],
    ['nope.ts', 'notFound'],
  ] as const)
    it(`read_file ${p} is refused: ${reason}`, async () => {
      const r = await call('read_file', { path: p });
      assert.equal(r.ok, false);
      assert.equal(r.refusal, reason, r.content);
    });

  it('keep.log is re-included by !keep.log', async () => {
    assert.equal((await call('read_file', { path: 'keep.log' })).ok, true);
  });

  it('list_dir leaves out ignored entries and links out of the workspace, marks folders', async () => {
    const r = await call('list_dir', { path: '.' });
    const names = r.content.split('\n');
    assert.ok(names.includes('src/') && names.includes('keep.log') && names.includes('link-in.ts'));
    for (const hidden of ['dist/', 'debug.log', 'link-out.txt', 'dir-out/', '.git/'])
      assert.ok(!names.includes(hidden), hidden);
    assert.equal((await call('list_dir', { path: '..' })).refusal, 'outside');
  });

  it('find_files respects .gitignore and matches bare names at any depth', async () => {
    const r = await call('find_files', { pattern: '*.ts' });
    assert.deepEqual(r.content.split('\n').sort(), ['link-in.ts', 'src/retry.ts', 'src/use.ts']);
  });

  for (const engine of ['rg', 'js'] as const)
    it(`search_text (${engine}) finds matches sorted, leaving out ignored, secret, binary and outside files`, async () => {
      if (engine === 'rg') assert.ok(ripgrepOnPath(), 'this test needs ripgrep (rg) on the PATH');
      const r = await call('search_text', { query: 'retryDelay' }, hosts[engine]);
      const files = new Set(r.content.split('\n').map((l) => l.split(':')[0]));
      assert.deepEqual(
        [...files].filter((f) => f !== 'link-in.ts'),
        ['keep.log', 'src/retry.ts', 'src/use.ts'],
      );
      assert.match(r.content, /^keep\.log:1: retryDelay kept$/m);
      assert.match(r.content, /^src\/use\.ts:2: retryDelay\(3\);$/m);
      const inc = await call(
        'search_text',
        { query: 'retry\\w+\\(', is_regex: true, include: 'src/*.ts' },
        hosts[engine],
      );
      assert.deepEqual(inc.content.split('\n'), [
        'src/retry.ts:1: export function retryDelay(n: number) {',
        'src/use.ts:2: retryDelay(3);',
      ]);
    });

  it('search_text with ripgrep and the fallback agree (smart case: lowercase finds any case)', async () => {
    assert.ok(ripgrepOnPath(), 'this test needs ripgrep (rg) on the PATH');
    for (const q of [{ query: 'retrydelay' }, { query: 'RetryDelay' }, { query: 'return' }]) {
      const a = await call('search_text', q, hosts.rg);
      const b = await call('search_text', q, hosts.js);
      assert.equal(a.content.replace(/^link-in.*\n?/gm, ''), b.content.replace(/^link-in.*\n?/gm, ''), q.query);
    }
  });
});
