import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RillApi } from '../../src/extension';
import { WALKTHROUGH_KEYS } from '../../src/host/setup/walkthroughSteps';

describe('What Rill contributes', () => {
  const ext = () => vscode.extensions.all.find((e) => e.packageJSON.name === 'rill')!;

  it('has a handler for every contributed command, and no handler without a contribution', async () => {
    const api = (await ext().activate()) as RillApi;
    const contributed = (ext().packageJSON.contributes.commands as { command: string }[]).map((c) => c.command).sort();
    assert.deepStrictEqual(Object.keys(api.rill().commands).sort(), contributed);
    const registered = await vscode.commands.getCommands(true);
    assert.deepStrictEqual(
      contributed.filter((c) => !registered.includes(c)),
      [],
    );
  });

  it('has a walkthrough whose steps run Rill commands and show media that ships', () => {
    const pkg = ext().packageJSON;
    const [walkthrough] = pkg.contributes.walkthroughs;
    const commands = new Set((pkg.contributes.commands as { command: string }[]).map((c) => c.command));
    assert.deepStrictEqual(
      walkthrough.steps.map((s: { id: string }) => s.id),
      ['provider', 'key', 'test', 'ask'],
    );
    for (const step of walkthrough.steps) {
      for (const event of step.completionEvents as string[]) {
        // A step ticks on a Rill command, or on a context key the extension sets however the step was done.
        const known = event.startsWith('onContext:')
          ? (WALKTHROUGH_KEYS as readonly string[]).includes(event.slice('onContext:'.length))
          : commands.has(event.replace('onCommand:', ''));
        assert.ok(known, event);
      }
      assert.ok(fs.existsSync(path.join(ext().extensionPath, step.media.markdown)), step.media.markdown);
      const ignore = fs.readFileSync(path.join(ext().extensionPath, '.vscodeignore'), 'utf8');
      assert.ok(ignore.includes(`!${step.media.markdown}`), `${step.media.markdown} is packaged`);
    }
  });

  it('puts Ask About Selection on a keybinding and in the editor context menu when text is selected', () => {
    const c = ext().packageJSON.contributes;
    const key = c.keybindings.find((k: { command: string }) => k.command === 'rill.askAboutSelection');
    assert.ok(key && /editorHasSelection/.test(key.when));
    const menu = c.menus['editor/context'].find((m: { command?: string }) => m.command === 'rill.askAboutSelection');
    assert.strictEqual(menu.when, 'editorHasSelection');
  });
});
