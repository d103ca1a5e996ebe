/**
 * `npm test` installs only what the requested layers need: the test VS Code lines are for the
 * layers that run inside VS Code (integration, e2e), so `RILL_LAYERS=unit npm test` installs none.
 * Runs the install script as `npm test` does (RILL_LAYERS in its environment), in its dry-run mode.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/** The lines `test/host/install.sh` would install for these layers and this argument. */
function linesFor(layers: string | undefined, which?: string): string {
  const env: NodeJS.ProcessEnv = { ...process.env, RILL_INSTALL_DRY_RUN: '1' };
  delete env.RILL_VSCODE;
  if (layers === undefined) delete env.RILL_LAYERS;
  else env.RILL_LAYERS = layers;
  const r = spawnSync('bash', ['test/host/install.sh', ...(which ? [which] : [])], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  const line = r.stdout.split('\n').find((l) => l.startsWith('VS Code lines to install:'));
  assert.ok(line, r.stdout);
  return line.slice('VS Code lines to install:'.length).trim();
}

describe('npm test installs what the requested layers need', () => {
  for (const layers of ['unit', 'lint', 'lint,unit', 'unit, lint']) {
    it(`RILL_LAYERS=${layers}: no test VS Code line is installed`, () => {
      assert.equal(
        linesFor(layers),
        'none',
        `promise broken: RILL_LAYERS=${layers} npm test would wait for test VS Code installs it does not need`,
      );
    });
  }

  for (const layers of ['integration', 'e2e', 'unit,integration', 'lint, e2e']) {
    it(`RILL_LAYERS=${layers}: the lines asked for are installed`, () => {
      assert.equal(linesFor(layers), 'oldest newest');
      assert.equal(linesFor(layers, 'newest'), 'newest');
    });
  }

  it('without RILL_LAYERS (every layer) both lines are installed', () => {
    assert.equal(linesFor(undefined), 'oldest newest');
  });
});
