/**
 * The edit tools in the chat: the test server plays a model that, asked through the real chat
 * session, edits two files and creates one; the answer's change set holds the three proposals and
 * its summary is there for the panel; nothing is written until Accept All, which writes exactly the
 * proposals; Reject All leaves every file as it was.
 */
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { Services } from '../../src/host/services';
import { sseReply } from '../helpers/mockServer';
import { folderFiles, services, tokens, withTestServer, writeFresh } from './helpers';

const A = 'export function area(w, h) {\n  return w * h;\n}\n';
const A_NEW = A.replace('return w * h;', 'return Math.abs(w * h);');
const B = 'import { area } from "./a";\n\nconsole.log(area(2, 3));\n';
const B_NEW = B.replace('area(2, 3)', 'area(4, 5)');
const C_NEW = 'export const VERSION = 2;\n';

describe('chat edits: the edit tools propose a change set under the answer', function () {
  this.timeout(60_000);
  const bench = withTestServer();
  const folder = () => vscode.workspace.workspaceFolders![0].uri;
  const { file, read, exists } = folderFiles('chatedits');
  const chatRequests = () => bench.server.requests.filter((r) => r.path.endsWith('/chat/completions'));

  beforeEach(async () => {
    await vscode.workspace.fs
      .delete(vscode.Uri.joinPath(folder(), 'chatedits'), { recursive: true, useTrash: false })
      .then(undefined, () => undefined);
    await writeFresh([
      [file('a.js'), A],
      [file('b.js'), B],
    ]);
  });
  after(async () => {
    await vscode.workspace.fs
      .delete(vscode.Uri.joinPath(folder(), 'chatedits'), { recursive: true, useTrash: false })
      .then(undefined, () => undefined);
  });

  const statuses = (s: Services, turnId: string) =>
    s.changes
      .get(turnId)
      ?.list()
      .map((c) => c.status);

  /** Asks through the chat session; the model edits a.js and b.js and creates c.js. Resolves with the turn id. */
  async function askForEdits(): Promise<string> {
    const s = await services();
    const call = (name: string, args: unknown) => ({ name, arguments: JSON.stringify(args) });
    const before = chatRequests().length;
    bench.server.enqueue(
      sseReply(['Changing them.'], {
        finish: 'tool_calls',
        toolCalls: [
          call('edit_file', { path: 'chatedits/a.js', old_text: 'return w * h;', new_text: 'return Math.abs(w * h);' }),
          call('edit_file', { path: 'chatedits/b.js', old_text: 'area(2, 3)', new_text: 'area(4, 5)' }),
          call('create_file', { path: 'chatedits/c.js', content: C_NEW }),
        ],
      }),
      sseReply(tokens('Proposed three changes.')),
    );
    const turn = await s.session.ask('Make the area absolute, call it with 4 and 5, add a version');
    assert.strictEqual(turn.status, 'complete', JSON.stringify(turn.error));
    const reqs = chatRequests().slice(before);
    assert.strictEqual(reqs.length, 2);
    const offered = reqs[0].body.tools.map((t: { function: { name: string } }) => t.function.name);
    for (const name of ['read_file', 'edit_file', 'create_file']) assert.ok(offered.includes(name), `${name} offered`);
    // Each result tells the model the edit was proposed, not applied.
    const results = reqs[1].body.messages.filter((m: { role: string }) => m.role === 'tool');
    assert.strictEqual(results.length, 3);
    for (const r of results) assert.match(String(r.content), /propos/i);
    return turn.id;
  }

  it('the summary is there for the answer; nothing is written before Accept All, which writes the three files', async () => {
    const turnId = await askForEdits();
    const s = await services();
    assert.deepStrictEqual(
      s.changes
        .get(turnId)
        ?.list()
        .map((c) => [c.path, c.status, c.original === undefined]),
      [
        ['chatedits/a.js', 'pending', false],
        ['chatedits/b.js', 'pending', false],
        ['chatedits/c.js', 'pending', true],
      ],
    );
    assert.strictEqual(s.changes.view(turnId)?.summary, '3 files changed, +3 \u22122');
    assert.strictEqual(await read('a.js'), A, 'a.js untouched before Accept');
    assert.strictEqual(await read('b.js'), B, 'b.js untouched before Accept');
    assert.strictEqual(await exists('c.js'), false, 'c.js not created before Accept');

    await s.controller.handle({ type: 'changeSetAction', turnId, action: 'acceptAll' });
    assert.strictEqual(await read('a.js'), A_NEW);
    assert.strictEqual(await read('b.js'), B_NEW);
    assert.strictEqual(await read('c.js'), C_NEW);
    assert.deepStrictEqual(statuses(s, turnId), ['accepted', 'accepted', 'accepted']);
  });

  it('Reject All leaves every file as it was', async () => {
    const turnId = await askForEdits();
    const s = await services();
    await s.controller.handle({ type: 'changeSetAction', turnId, action: 'rejectAll' });
    assert.strictEqual(await read('a.js'), A);
    assert.strictEqual(await read('b.js'), B);
    assert.strictEqual(await exists('c.js'), false);
    assert.deepStrictEqual(statuses(s, turnId), ['rejected', 'rejected', 'rejected']);
  });
});
