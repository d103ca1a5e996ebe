import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { parseWebviewMessage } from '../../src/shared/protocol';
import { closeAllEditors, services, undoIn, untitled, waitFor, withTestServer } from './helpers';

const SOURCE = ['function total(items) {', '  let sum = 0;', '  return sum;', '}', ''].join('\n');
const CODE = 'const tax = sum * 0.2;\nsum += tax;';

/**
 * The chat's Insert button, as the webview sends it: the raw message goes through the protocol's
 * guard and the controller, exactly as a click in the panel does.
 */
async function clickInsert(code = CODE, language = 'js', target: 'cursor' | 'newFile' = 'cursor'): Promise<void> {
  const s = await services();
  await vscode.commands.executeCommand('rill.chat.focus');
  await waitFor(() => s.controller.bridgeList().length > 0, 'the chat view to connect');
  const msg = parseWebviewMessage({ type: 'insertCode', code, language, target });
  assert.ok(msg, 'the guard accepts the Insert message');
  await s.controller.handle(msg, s.controller.bridgeList()[0]!);
}

describe('editor actions from the chat panel (Insert, New File)', function () {
  this.timeout(30_000);
  const bench = withTestServer();

  it('inserts at the cursor of the active editor only (not over other selections), keeping the indentation, in one undo step', async () => {
    const editor = await untitled(SOURCE, 'javascript');
    const doc = editor.document;
    const cursor = doc.positionAt(SOURCE.indexOf('return sum;'));
    const other = new vscode.Selection(
      doc.positionAt(SOURCE.indexOf('let sum')),
      doc.positionAt(SOURCE.indexOf(' = 0')),
    );
    editor.selections = [new vscode.Selection(cursor, cursor), other];
    await clickInsert();
    const expected = SOURCE.replace('  return sum;', '  const tax = sum * 0.2;\n  sum += tax;return sum;');
    assert.strictEqual(
      doc.getText(),
      expected,
      'the code went to the primary cursor, indented; `let sum` is still there',
    );
    // Back from the chat view to the editor, as the user would, and Ctrl+Z there.
    await undoIn(doc);
    assert.strictEqual(doc.getText(), SOURCE, 'one undo removes the whole insertion');
  });

  it('with the chat in an editor tab, inserts into the editor the user worked in last, not another visible one', async () => {
    const left = await untitled('// left\n', 'javascript');
    const right = await vscode.window.showTextDocument(
      await vscode.workspace.openTextDocument({ content: '// right\n', language: 'javascript' }),
      vscode.ViewColumn.Two,
    );
    right.selection = new vscode.Selection(1, 0, 1, 0);
    await vscode.commands.executeCommand('rill.openChatInEditor');
    await waitFor(() => vscode.window.activeTextEditor === undefined, 'the chat tab to take focus');
    assert.ok(vscode.window.visibleTextEditors.includes(left), 'the left editor is still on screen');
    await clickInsert('x = 1;');
    assert.strictEqual(right.document.getText(), '// right\nx = 1;');
    assert.strictEqual(left.document.getText(), '// left\n', 'the other visible editor is left alone');
  });

  it('refuses a read-only document with a clear message and leaves it unchanged', async () => {
    const scheme = `rill-ro-insert${Date.now()}`;
    const registration = vscode.workspace.registerTextDocumentContentProvider(scheme, {
      provideTextDocumentContent: () => SOURCE,
    });
    try {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(`${scheme}:/sample.js`));
      const editor = await vscode.window.showTextDocument(doc);
      editor.selection = new vscode.Selection(2, 2, 2, 2);
      await clickInsert();
      assert.strictEqual(doc.getText(), SOURCE);
      const warnings = bench.ui.of('warn');
      assert.strictEqual(warnings.length, 1);
      assert.match(warnings[0]!.message, /sample\.js is read-only, so the answer was not inserted/);
    } finally {
      await closeAllEditors();
      registration.dispose();
    }
  });

  it('says to open an editor when there is none, and changes nothing', async () => {
    await closeAllEditors();
    await clickInsert();
    assert.match(bench.ui.of('info')[0]?.message ?? '', /Open an editor/);
  });

  it('opens New File in the language the fence label names (`ts` is TypeScript)', async () => {
    await clickInsert('let n: number = 1;', 'ts', 'newFile');
    const doc = vscode.window.activeTextEditor?.document;
    assert.strictEqual(doc?.getText(), 'let n: number = 1;');
    assert.strictEqual(doc?.languageId, 'typescript');
  });
});
