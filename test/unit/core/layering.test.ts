import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO, tsSources } from '../../helpers/sources';

describe('layering', () => {
  for (const layer of ['src/core', 'src/shared']) {
    it(`${layer} never imports vscode (it must run in plain Node)`, () => {
      const files = tsSources(path.join(REPO, layer));
      assert.ok(files.length > 0, `${layer} has sources`);
      const offenders = files.filter((f) =>
        /(from\s+['"]vscode['"])|(require\(\s*['"]vscode['"]\s*\))|(import\(\s*['"]vscode['"]\s*\))/.test(
          fs.readFileSync(f, 'utf8'),
        ),
      );
      assert.deepStrictEqual(
        offenders.map((f) => path.relative(REPO, f)),
        [],
      );
    });
  }

  it('src/core and src/shared do not reach into host or webview code', () => {
    const files = [...tsSources(path.join(REPO, 'src/core')), ...tsSources(path.join(REPO, 'src/shared'))];
    const offenders = files.filter((f) => /from\s+['"][./]+\/(host|webview)\//.test(fs.readFileSync(f, 'utf8')));
    assert.deepStrictEqual(
      offenders.map((f) => path.relative(REPO, f)),
      [],
    );
  });

  /** Every relative import in a file, resolved to an absolute path without extension. */
  function imports(file: string): string[] {
    const text = fs.readFileSync(file, 'utf8');
    const specs = [...text.matchAll(/(?:from|import)\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1] as string);
    return specs.map((s) => path.resolve(path.dirname(file), s));
  }
  const core = path.join(REPO, 'src/core');
  /** The top-level room of a path inside src/core ('' for the REPO), or undefined outside it. */
  function roomOf(p: string): string | undefined {
    const rel = path.relative(core, p);
    if (rel.startsWith('..')) return undefined;
    const parts = rel.split(path.sep);
    return parts.length > 1 ? parts[0] : '';
  }
  /** Whether `target` is a room's entry point (`core/<room>` or `core/<room>/index`) or a REPO file. */
  function isEntry(target: string): boolean {
    const rel = path.relative(core, target).split(path.sep);
    if (rel.length === 1) return true;
    return rel.length === 2 && rel[1] === 'index';
  }

  it('src/core has no file at its REPO other than shared types', () => {
    const rootFiles = fs
      .readdirSync(core, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name);
    assert.deepStrictEqual(rootFiles, ['types.ts']);
  });

  it("no module imports a sibling room's internals: only its entry point", () => {
    const offenders: string[] = [];
    for (const file of tsSources(path.join(REPO, 'src'))) {
      const from = roomOf(file);
      for (const target of imports(file)) {
        const to = roomOf(target);
        if (to === undefined || to === '' || to === from) continue;
        if (!isEntry(target)) offenders.push(`${path.relative(REPO, file)} -> ${path.relative(REPO, target)}`);
      }
    }
    assert.deepStrictEqual(offenders, []);
  });

  it('the layering check sees a deep import as a violation', () => {
    assert.strictEqual(isEntry(path.join(core, 'client')), true);
    assert.strictEqual(isEntry(path.join(core, 'client/index')), true);
    assert.strictEqual(isEntry(path.join(core, 'client/streamChat')), false);
    assert.strictEqual(isEntry(path.join(core, 'client/decode/sseReader')), false);
  });
});
