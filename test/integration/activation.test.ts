import * as assert from 'node:assert';
import * as vscode from 'vscode';

describe('Rill in a real VS Code', () => {
  it(`activates in VS Code ${vscode.version}`, async () => {
    console.log(`vscode.version = ${vscode.version}`);
    const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'rill');
    assert.ok(ext, 'the Rill extension is loaded');
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
  });

  it('contributes its commands', async () => {
    const all = await vscode.commands.getCommands(true);
    assert.ok(all.includes('rill.openChatInEditor'));
  });
});
