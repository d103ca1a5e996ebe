import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../../../..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('layering', () => {
  for (const layer of ['src/core', 'src/shared']) {
    it(`${layer} never imports vscode (it must run in plain Node)`, () => {
      const files = sources(path.join(root, layer));
      assert.ok(files.length > 0, `${layer} has sources`);
      const offenders = files.filter((f) => /(from\s+['"]vscode['"])|(require\(\s*['"]vscode['"]\s*\))|(import\(\s*['"]vscode['"]\s*\))/.test(fs.readFileSync(f, 'utf8')));
      assert.deepStrictEqual(offenders.map((f) => path.relative(root, f)), []);
    });
  }

  it('src/core and src/shared do not reach into host or webview code', () => {
    const files = [...sources(path.join(root, 'src/core')), ...sources(path.join(root, 'src/shared'))];
    const offenders = files.filter((f) => /from\s+['"][./]+\/(host|webview)\//.test(fs.readFileSync(f, 'utf8')));
    assert.deepStrictEqual(offenders.map((f) => path.relative(root, f)), []);
  });
});
