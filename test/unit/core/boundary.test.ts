/** `src/core` runs in plain Node: no `vscode` import, no DOM globals. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const coreDir = path.resolve(__dirname, '../../../../src/core');

describe('src/core boundary', () => {
  const files = fs.readdirSync(coreDir).filter((f) => f.endsWith('.ts'));

  it('has source files to check', () => {
    assert.ok(files.includes('streamChat.ts'), `looked in ${coreDir}`);
  });

  for (const f of files) {
    it(`${f} imports neither vscode nor the DOM`, () => {
      const src = fs.readFileSync(path.join(coreDir, f), 'utf8');
      assert.doesNotMatch(src, /from ['"]vscode['"]|require\(['"]vscode['"]\)/);
      assert.doesNotMatch(src, /\b(document|window|navigator|localStorage)\./);
    });
  }
});
