/**
 * The command-line side of the edit tools over a real folder: the write checks of the file
 * policy (symlinks out, secret names), the printed diffs (plain and JSON lines) and `--apply`.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyChanges, CliEditHost, printChanges } from '../../src/cli/edits';
import { createFile, editFile } from '../../src/core/edits';
import type { HostAnswer, ToolHost } from '../../src/core/tools';

/** A read host over `root` that reads files and nothing else. */
function readHost(root: string): ToolHost {
  const no = async (): Promise<HostAnswer<never>> => ({ ok: false, refusal: { reason: 'unavailable' } });
  return {
    workspaceRelative: () => undefined,
    readText: async (p) => ({ ok: true, value: fs.readFileSync(path.join(root, p), 'utf8') }),
    listDir: no,
    findFiles: no,
    searchText: no,
  };
}

/** Collects what is written. */
function sink() {
  const chunks: string[] = [];
  return { chunks, write: (s: string) => (chunks.push(s), true), once: () => undefined };
}

describe('CLI edits (--tools edit, --apply)', () => {
  let root: string;
  let outside: string;
  const signal = new AbortController().signal;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'rill-edits-'));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'rill-outside-'));
    fs.mkdirSync(path.join(root, 'src'));
    fs.writeFileSync(path.join(root, 'src/a.ts'), 'export const a = 1;\n');
    fs.writeFileSync(path.join(outside, 'x.ts'), 'x\n');
    fs.symlinkSync(outside, path.join(root, 'linked'));
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  async function propose(host: CliEditHost) {
    const e = editFile.parse({ path: 'src/a.ts', old_text: 'a = 1', new_text: 'a = 2' }, host);
    const c = createFile.parse({ path: 'src/new/b.ts', content: 'export const b = 1;\n' }, host);
    assert.ok(e.ok && c.ok);
    return [await editFile.run(host, e.args, signal), await createFile.run(host, c.args, signal)];
  }

  it('prints the proposals as unified diffs and writes nothing', async () => {
    const host = new CliEditHost(readHost(root), root);
    const results = await propose(host);
    assert.deepEqual(
      results.map((r) => r.ok),
      [true, true],
    );
    const out = sink();
    await printChanges(host.changes, false, out);
    assert.equal(
      out.chunks.join(''),
      [
        '--- a/src/a.ts',
        '+++ b/src/a.ts',
        '@@ -1 +1 @@',
        '-export const a = 1;',
        '+export const a = 2;',
        '--- /dev/null',
        '+++ b/src/new/b.ts',
        '@@ -0,0 +1 @@',
        '+export const b = 1;',
        '',
      ].join('\n'),
    );
    assert.equal(fs.readFileSync(path.join(root, 'src/a.ts'), 'utf8'), 'export const a = 1;\n');
    assert.ok(!fs.existsSync(path.join(root, 'src/new')));
  });

  it('--json: one {"type":"edit","path","diff"} line per file', async () => {
    const host = new CliEditHost(readHost(root), root);
    await propose(host);
    const out = sink();
    await printChanges(host.changes, true, out);
    const lines = out.chunks
      .join('')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((l) => [l.type, l.path, l.diff.split('\n')[0]]),
      [
        ['edit', 'src/a.ts', '--- a/src/a.ts'],
        ['edit', 'src/new/b.ts', '--- /dev/null'],
      ],
    );
  });

  it('--apply writes the files, folders made; a file changed meanwhile is left alone', async () => {
    const host = new CliEditHost(readHost(root), root);
    await propose(host);
    assert.deepEqual(applyChanges(host.changes, root), { written: ['src/a.ts', 'src/new/b.ts'], conflicts: [] });
    assert.equal(fs.readFileSync(path.join(root, 'src/a.ts'), 'utf8'), 'export const a = 2;\n');
    assert.equal(fs.readFileSync(path.join(root, 'src/new/b.ts'), 'utf8'), 'export const b = 1;\n');

    const again = new CliEditHost(readHost(root), root);
    const e = editFile.parse({ path: 'src/a.ts', old_text: 'a = 2', new_text: 'a = 3' }, again);
    assert.ok(e.ok);
    await editFile.run(again, e.args, signal);
    fs.writeFileSync(path.join(root, 'src/a.ts'), 'changed by someone\n');
    assert.deepEqual(applyChanges(again.changes, root), { written: [], conflicts: ['src/a.ts'] });
    assert.equal(fs.readFileSync(path.join(root, 'src/a.ts'), 'utf8'), 'changed by someone\n');
  });

  it('refuses writes through a symlink out of the folder, to secret names, to excluded files and to folders', async () => {
    const host = new CliEditHost(readHost(root), root, { isExcluded: (p) => p.startsWith('dist/') });
    const cases = ['linked/x.ts', 'linked/new.ts', '.env', 'config/id_rsa', 'dist/out.js', 'src'];
    const got: unknown[] = [];
    for (const p of cases) {
      const w = await host.checkWritable(p);
      got.push(w.ok ? 'ok' : w.refusal.reason);
    }
    assert.deepEqual(got, ['outside', 'outside', 'secret', 'secret', 'excluded', 'notAFile']);
    assert.deepEqual(await host.checkWritable('src/fresh/new.ts'), { ok: true, value: { exists: false } });
  });
});
