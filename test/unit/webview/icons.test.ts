import * as assert from 'node:assert';
import * as path from 'node:path';
import { ICON_NAMES } from '../../../src/webview/render/icons';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const build = require(path.resolve(__dirname, '../../../../esbuild.codicons.js')) as {
  ICON_NAMES: string[];
  iconPaths(name: string): Record<string, string>[];
};

describe('codicons', () => {
  it('the build bundles exactly the icons the webview names', () => {
    assert.deepStrictEqual(build.ICON_NAMES, [...ICON_NAMES]);
  });

  it("every icon has path data from @vscode/codicons' own SVG", () => {
    for (const name of ICON_NAMES) {
      const paths = build.iconPaths(name);
      assert.ok(paths.length > 0, name);
      for (const p of paths) assert.match(p.d, /^M[\d.\s,A-Za-z-]+$/, name);
    }
  });
});
