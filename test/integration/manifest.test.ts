import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { RillApi } from '../../src/extension';

describe('What Rill contributes', () => {
  const ext = () => vscode.extensions.all.find((e) => e.packageJSON.name === 'rill')!;

  it('has a handler for every contributed command, and no handler without a contribution', async () => {
    const api = (await ext().activate()) as RillApi;
    const contributed = (ext().packageJSON.contributes.commands as { command: string }[]).map((c) => c.command).sort();
    assert.deepStrictEqual(Object.keys(api.rill().commands).sort(), contributed);
    const registered = await vscode.commands.getCommands(true);
    assert.deepStrictEqual(contributed.filter((c) => !registered.includes(c)), []);
  });

  it('has a walkthrough whose steps run Rill commands and show media that ships', () => {
    const pkg = ext().packageJSON;
    const [walkthrough] = pkg.contributes.walkthroughs;
    const commands = new Set((pkg.contributes.commands as { command: string }[]).map((c) => c.command));
    assert.deepStrictEqual(walkthrough.steps.map((s: { id: string }) => s.id), ['provider', 'key', 'test', 'ask']);
    for (const step of walkthrough.steps) {
      for (const event of step.completionEvents) assert.ok(commands.has(event.replace('onCommand:', '')), event);
      // An image, not Markdown: Markdown media make VS Code build a webview at startup, which was seen
      // to keep a restored chat tab from being revived after a reload.
      assert.ok(fs.existsSync(path.join(ext().extensionPath, step.media.image)), step.media.image);
      assert.match(step.media.image, /^media\/[\w-]+\.svg$/, 'shipped by the media/*.svg allowlist entry');
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
