import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PACKAGE_GOALS } from '../helpers/packageGoals';
import { packageVsix } from '../helpers/packageVsix';
import { zipEntries } from '../helpers/zip';
import { installVsix } from '../runners/codeServer';
import { openWorkbench, type Workbench } from './workbench';

describe('e2e: the packaged .vsix', function () {
  this.timeout(180_000);
  let tmp: string;
  let vsix: string;
  let wb: Workbench | undefined;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rill-vsix-'));
    vsix = packageVsix(path.join(tmp, 'rill.vsix'));
  });
  after(async () => {
    await wb?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
    // vsce's prepublish left a production build in dist/: rebuild the development one for later tests.
    execFileSync(process.execPath, ['esbuild.js'], { cwd: path.resolve(__dirname, '../../..') });
  });

  it('is small, bundled and holds only what runs', () => {
    const entries = zipEntries(vsix);
    const names = entries.map((e) => e.name);
    assert.ok(fs.statSync(vsix).size <= PACKAGE_GOALS.vsixKb * 1024, `vsix is ${fs.statSync(vsix).size} bytes`);
    assert.ok(entries.length <= PACKAGE_GOALS.vsixFiles, `vsix has ${entries.length} files`);
    assert.ok(
      !names.some(
        (n) => n.includes('node_modules') || n.endsWith('.map') || n.includes('/src/') || n.includes('/test/'),
      ),
      names.join(', '),
    );
    // The host is two bundles: extension.js (loaded at activation) and rill.js (the features, on
    // first use), each within its goal.
    const entry = entries.find((e) => e.name === 'extension/dist/extension.js');
    const features = entries.find((e) => e.name === 'extension/dist/rill.js');
    assert.ok(entry && features, 'both host bundles ship');
    assert.ok(entry.size <= PACKAGE_GOALS.activationKb * 1024, `activation bundle ${entry.size} bytes`);
    assert.ok(
      entry.size + features.size <= PACKAGE_GOALS.hostKb * 1024,
      `host bundles ${entry.size + features.size} bytes`,
    );
    for (const needed of [
      'extension/dist/webview.js',
      'extension/dist/grammars.js',
      'extension/dist/cli.js',
      'extension/media/icon.png',
      'extension/readme.md',
      'extension/LICENSE.txt',
    ]) {
      assert.ok(names.includes(needed), `missing ${needed}`);
    }
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
    assert.ok(!manifest.activationEvents.some((e: string) => e === '*' || e === 'onStartupFinished'));
  });

  it('installs into VS Code with --install-extension and activates there', async () => {
    const extensionsDir = path.join(tmp, 'extensions');
    installVsix(vsix, extensionsDir, path.join(tmp, 'ud'));
    const installed = fs.readdirSync(extensionsDir).filter((n) => n.startsWith('rill-dev.rill-'));
    assert.strictEqual(installed.length, 1, `installed: ${fs.readdirSync(extensionsDir).join(', ')}`);
    wb = await openWorkbench({ extensionsDir, extensionPath: false });
    await wb.runCommand('Rill: New Chat');
    const frame = await wb.frameWith('[role=log]');
    assert.ok(await frame.locator('textarea[aria-label=Message]').isVisible());
  });
});
