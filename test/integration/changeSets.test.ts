/**
 * Changes across files, as a user goes through them: an answer proposes edits to two files and a
 * new one (code blocks headed with their paths, "Apply All"); the review shows them; a hunk is
 * dropped and a line typed in the editable proposal; Accept writes exactly what the proposals say,
 * one undo step per file; Reject All leaves every file as it was.
 */
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { createFile, EDIT_TOOLS, type EditHost, editFile } from '../../src/core/edits';
import { type HostAnswer, plainSend, type ToolHost, ToolLoop } from '../../src/core/tools';
import { VsCodeEditHost } from '../../src/host/edit/editHost';
import { sseReply } from '../helpers/mockServer';
import { folderFiles, services, tokens, undoIn, waitFor, withTestServer, writeFresh } from './helpers';

const A = ['export function area(w, h) {', '  return w * h;', '}', '', 'export const UNIT = "cm";', ''].join('\n');
const A_NEW = A.replace('return w * h;', 'return Math.abs(w * h);').replace('"cm"', '"mm"');
const B = ['import { area } from "./a";', '', 'console.log(area(2, 3));', ''].join('\n');
const B_NEW = B.replace('area(2, 3)', 'area(4, 5)');
const C_NEW = 'export const VERSION = 2;\n';

/** A plain answer with three code blocks, each headed with its file in one of the conventions models write. */
const ANSWER = [
  'Here are the changes:',
  '',
  '```js changes/a.js',
  A_NEW.trimEnd(),
  '```',
  '',
  '```js',
  '// filepath: changes/b.js',
  B_NEW.trimEnd(),
  '```',
  '',
  '**changes/c.js**',
  '```js',
  C_NEW.trimEnd(),
  '```',
].join('\n');

describe('Changes across files: one change set per answer, reviewed, accepted or rejected', function () {
  this.timeout(60_000);
  const bench = withTestServer();
  const folder = () => vscode.workspace.workspaceFolders![0].uri;
  const { file, read, exists } = folderFiles('changes');

  beforeEach(async () => {
    await vscode.workspace.fs
      .delete(vscode.Uri.joinPath(folder(), 'changes'), { recursive: true, useTrash: false })
      .then(
        () => undefined,
        () => undefined,
      );
    await writeFresh([
      [file('a.js'), A],
      [file('b.js'), B],
    ]);
  });

  /** Asks a question the test server answers with {@link ANSWER}; resolves with the answer's turn id. */
  async function askForChanges(): Promise<string> {
    const s = await services();
    bench.server.enqueue(sseReply(tokens(ANSWER)));
    await s.session.ask('Change the area and add a version');
    const turn = s.session.chat.turns.at(-1)!;
    assert.strictEqual(turn.status, 'complete');
    return turn.id;
  }

  /** Presses "Apply All" under the answer (the panel's message), and waits for the set to be reviewed. */
  async function applyAll(turnId: string): Promise<void> {
    const s = await services();
    await s.controller.handle({ type: 'applyBlocks', turnId, indexes: [0, 1, 2] });
    assert.deepStrictEqual(
      s.changes
        .get(turnId)
        ?.list()
        .map((c) => [c.path, c.status, c.original === undefined]),
      [
        ['changes/a.js', 'pending', false],
        ['changes/b.js', 'pending', false],
        ['changes/c.js', 'pending', true],
      ],
    );
  }

  /** The proposal document of a file, as the diff's right side shows it. */
  async function proposal(turnId: string, path: string): Promise<vscode.TextDocument> {
    return vscode.workspace.openTextDocument((await services()).changes.proposalUri(turnId, path));
  }

  /** Reading goes through the workspace's documents here (the read-only tools' host is another module's). */
  function reader(): ToolHost {
    const no = async (): Promise<HostAnswer<never>> => ({ ok: false, refusal: { reason: 'unavailable' } });
    return {
      workspaceRelative: () => undefined,
      readText: async (p) => ({
        ok: true,
        value: (await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), p))).getText(),
      }),
      listDir: no,
      findFiles: no,
      searchText: no,
    };
  }

  it('Apply All proposes the three files (nothing written), Review shows them, the summary counts them', async () => {
    const turnId = await askForChanges();
    await applyAll(turnId);
    const s = await services();
    assert.strictEqual(await read('a.js'), A, 'a.js untouched before Accept');
    assert.strictEqual(await exists('c.js'), false, 'c.js not created before Accept');
    const view = s.changes.view(turnId)!;
    assert.strictEqual(view.summary, '3 files changed, +4 \u22123');
    // The review is open: the multi-file diff editor (or one diff per file) showing the proposals.
    await waitFor(
      () =>
        vscode.window.tabGroups.all.some((g) =>
          g.tabs.some((t) => {
            const input = t.input as { modified?: vscode.Uri; textDiffs?: { modified?: vscode.Uri }[] } | undefined;
            const uris =
              input instanceof vscode.TabInputTextDiff
                ? [input.modified]
                : (input?.textDiffs ?? []).map((d) => d.modified);
            return uris.some((u) => u?.scheme === 'rill-changes');
          }),
        ),
      'a review tab showing the proposals',
    );
    assert.strictEqual((await proposal(turnId, 'changes/b.js')).getText(), B_NEW);
  });

  it('a dropped hunk and a typed line in the proposal are what Accept writes; one undo per file', async () => {
    const turnId = await askForChanges();
    await applyAll(turnId);
    const s = await services();
    // Drop a.js's second hunk as the diff's revert arrow does: the proposal's line back to the file's.
    const pa = await proposal(turnId, 'changes/a.js');
    const at = pa.getText().indexOf('"mm"');
    const revert = new vscode.WorkspaceEdit();
    revert.replace(pa.uri, new vscode.Range(pa.positionAt(at), pa.positionAt(at + 4)), '"cm"');
    assert.ok(await vscode.workspace.applyEdit(revert));
    // Type a comment into b.js's proposal.
    const pb = await proposal(turnId, 'changes/b.js');
    const typed = new vscode.WorkspaceEdit();
    typed.insert(pb.uri, new vscode.Position(0, 0), '// reviewed\n');
    assert.ok(await vscode.workspace.applyEdit(typed));
    // The summary the panel shows follows the edited proposals (a.js one line fewer each way, b.js one more added).
    await waitFor(
      () => s.changes.view(turnId)?.summary === '3 files changed, +4 \u22122',
      `the summary to count the edits (it says ${s.changes.view(turnId)?.summary})`,
    );

    await s.controller.handle({ type: 'changeSetAction', turnId, action: 'acceptAll' });
    const aWant = A.replace('return w * h;', 'return Math.abs(w * h);');
    assert.strictEqual(await read('a.js'), aWant, 'a.js: the kept hunk only');
    assert.strictEqual(await read('b.js'), `// reviewed\n${B_NEW}`, 'b.js: the proposal with the typed line');
    assert.strictEqual(await read('c.js'), C_NEW, 'c.js created');
    assert.deepStrictEqual(
      s.changes
        .get(turnId)
        ?.list()
        .map((c) => c.status),
      ['accepted', 'accepted', 'accepted'],
    );
    assert.ok(s.changes.view(turnId)!.summary.startsWith('3 files changed'), 'the summary stays, decided');

    // One undo step per file brings each back.
    for (const [name, before] of [
      ['a.js', A],
      ['b.js', B],
    ] as const) {
      const doc = await vscode.workspace.openTextDocument(file(name));
      await undoIn(doc);
      assert.strictEqual(doc.getText(), before, `one undo restores ${name}`);
    }
  });

  it("the user's edit of a file elsewhere while its change waits is kept; Reject All leaves every file as it was", async () => {
    const turnId = await askForChanges();
    await applyAll(turnId);
    const s = await services();
    // A user edit below the change: both land on Accept.
    const doc = await vscode.workspace.openTextDocument(file('b.js'));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, doc.positionAt(doc.getText().length), '// user\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    // The review follows at once: its right side carries the user's line, so the diff shows only the change.
    const pb = await proposal(turnId, 'changes/b.js');
    await waitFor(() => pb.getText() === `${B_NEW}// user\n`, "the proposal to carry the user's edit");
    assert.deepStrictEqual(s.changes.view(turnId)!.files[1], {
      path: 'changes/b.js',
      added: 1,
      removed: 1,
      status: 'pending',
      isNew: false,
    });
    await s.controller.handle({ type: 'changeSetAction', turnId, action: 'accept', path: 'changes/b.js' });
    assert.strictEqual(doc.getText(), `${B_NEW}// user\n`);
    assert.strictEqual(bench.ui.of('warn').length, 0, 'nothing asked');
    // The user's own edit stays unsaved (Accept saves only files that were saved); save it for the next test.
    assert.ok(doc.isDirty);
    await doc.save();

    await s.controller.handle({ type: 'changeSetAction', turnId, action: 'rejectAll' });
    assert.strictEqual(await read('a.js'), A);
    assert.strictEqual(await exists('c.js'), false);
    assert.deepStrictEqual(
      s.changes
        .get(turnId)
        ?.list()
        .map((c) => c.status),
      ['rejected', 'accepted', 'rejected'],
    );
    assert.strictEqual(s.changes.view(turnId)!.summary, '1 file changed, +1 \u22121');
  });

  /** Edits a workspace file as the user typing in it would: `from` replaced by `to` (nothing saved). */
  async function userEdit(name: string, from: string, to: string): Promise<vscode.TextDocument> {
    const doc = await vscode.workspace.openTextDocument(file(name));
    const at = doc.getText().indexOf(from);
    assert.ok(at >= 0, `${from} is in ${name}`);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + from.length)), to);
    assert.ok(await vscode.workspace.applyEdit(edit));
    return doc;
  }
  const CONFLICT_CHOICES = ['Keep Mine', 'Take the Proposal', 'Open the Review'];

  it("an edit inside the changed lines: Accept asks first in a modal; dismissed or Keep Mine writes nothing, Take the Proposal keeps the user's other edits", async () => {
    const turnId = await askForChanges();
    await applyAll(turnId);
    const s = await services();
    const a = await userEdit('a.js', 'return w * h;', 'return w * h * 2;');
    const mine = a.getText();
    const b = await userEdit('b.js', 'area(2, 3)', 'area(7, 7)');
    await userEdit('b.js', 'import', '// user\nimport');

    bench.ui.answer('warn', undefined, 'Keep Mine', 'Take the Proposal');
    assert.deepStrictEqual(await s.changes.accept(turnId, ['changes/a.js']), [], 'dismissed: nothing written');
    const asked = bench.ui.of('warn')[0];
    assert.match(asked.message, /changes\/a\.js changed where the proposed change goes \(line 2\)/);
    assert.strictEqual(asked.modal, true, 'a modal: the decision cannot be missed');
    assert.deepStrictEqual(asked.options, CONFLICT_CHOICES);
    assert.strictEqual(a.getText(), mine);
    assert.strictEqual(s.changes.get(turnId)?.get('changes/a.js')?.status, 'pending', 'still waiting');

    assert.deepStrictEqual(await s.changes.accept(turnId, ['changes/a.js']), [], 'Keep Mine writes nothing');
    assert.strictEqual(a.getText(), mine, "the user's version stays");
    assert.strictEqual(s.changes.get(turnId)?.get('changes/a.js')?.status, 'rejected', 'the change is dropped');

    assert.deepStrictEqual(await s.changes.accept(turnId, ['changes/b.js']), ['changes/b.js']);
    assert.strictEqual(bench.ui.of('warn').length, 3, 'asked each time');
    assert.strictEqual(
      b.getText(),
      `// user\n${B_NEW}`,
      "the proposal in the changed line, the user's line elsewhere kept",
    );
  });

  it('Open the Review shows the file as it is now against the proposal; Accept then writes it without asking again', async () => {
    const turnId = await askForChanges();
    await applyAll(turnId);
    const s = await services();
    const b = await userEdit('b.js', 'area(2, 3)', 'area(7, 7)');
    await userEdit('b.js', 'import', '// user\nimport');
    const mine = b.getText();
    bench.ui.answer('warn', 'Open the Review');
    assert.deepStrictEqual(await s.changes.accept(turnId, ['changes/b.js']), []);
    assert.deepStrictEqual(bench.ui.of('warn')[0].options, CONFLICT_CHOICES);
    assert.strictEqual(b.getText(), mine, 'nothing written');
    const want = `// user\n${B_NEW}`;
    assert.strictEqual((await proposal(turnId, 'changes/b.js')).getText(), want, 'the right side: what Accept writes');
    await waitFor(
      () =>
        vscode.window.tabGroups.all.some((g) =>
          g.tabs.some(
            (t) =>
              t.input instanceof vscode.TabInputTextDiff &&
              t.input.original.toString() === b.uri.toString() &&
              t.input.modified.scheme === 'rill-changes',
          ),
        ),
      "the file's diff, the file as it is now on the left",
    );
    assert.deepStrictEqual(await s.changes.accept(turnId, ['changes/b.js']), ['changes/b.js']);
    assert.strictEqual(bench.ui.of('warn').length, 1, 'not asked again');
    assert.strictEqual(b.getText(), want);
  });

  it('the edit tools: a model edits two files and creates one over the tools loop; the proposals are the change set, accepted', async () => {
    const s = await services();
    const turnId = 'tools-turn';
    const host = new VsCodeEditHost(reader(), s.changes, turnId, folder());
    const call = (name: string, args: unknown) => ({ name, arguments: JSON.stringify(args) });
    bench.server.enqueue(
      sseReply([], {
        finish: 'tool_calls',
        toolCalls: [
          call('edit_file', { path: 'changes/a.js', old_text: 'return w * h;', new_text: 'return Math.abs(w * h);' }),
          call('edit_file', { path: 'changes/b.js', old_text: 'area(2, 3)', new_text: 'area(4, 5)' }),
          call('create_file', { path: 'changes/c.js', content: C_NEW }),
          call('edit_file', { path: '../outside.js', old_text: 'a', new_text: 'b' }),
        ],
      }),
      sseReply(tokens('Proposed three changes.')),
    );
    const loop = new ToolLoop<EditHost>({
      send: plainSend(
        s.stream,
        { baseUrl: bench.server.baseUrl },
        { model: 'rill-test-model', messages: [{ role: 'user', content: 'go' }] },
      ),
      host,
      tools: EDIT_TOOLS,
      mode: 'native',
      signal: new AbortController().signal,
    });
    const results: { name: string; ok: boolean }[] = [];
    for await (const ev of loop.run()) if (ev.type === 'toolResult') results.push({ name: ev.name, ok: ev.ok });
    assert.deepStrictEqual(
      results.map((r) => r.ok),
      [true, true, true, false],
    );
    assert.strictEqual(await read('a.js'), A, 'nothing written before Accept');
    assert.strictEqual(s.changes.view(turnId)?.summary, '3 files changed, +3 \u22122');
    assert.strictEqual((await proposal(turnId, 'changes/b.js')).getText(), B_NEW);
    assert.notStrictEqual(await s.changes.review(turnId), 'none');
    await s.changes.accept(turnId);
    assert.strictEqual(await read('a.js'), A.replace('return w * h;', 'return Math.abs(w * h);'));
    assert.strictEqual(await read('b.js'), B_NEW);
    assert.strictEqual(await read('c.js'), C_NEW);
  });

  it('the edit tools refuse files hidden by files.exclude, search.exclude or a .gitignore, as the read tools do', async () => {
    const s = await services();
    const host = new VsCodeEditHost(reader(), s.changes, 'excluded-turn', folder());
    await writeFresh([
      [file('.gitignore'), 'generated/\n'],
      [file('generated/out.js'), 'x\n'],
      [file('hidden.skip'), 'x\n'],
      [file('index.bundle.js'), 'x\n'],
    ]);
    const files = vscode.workspace.getConfiguration('files');
    const search = vscode.workspace.getConfiguration('search');
    await files.update('exclude', { '**/*.skip': true }, vscode.ConfigurationTarget.Global);
    await search.update('exclude', { '**/*.bundle.js': true }, vscode.ConfigurationTarget.Global);
    try {
      const signal = new AbortController().signal;
      for (const path of ['changes/hidden.skip', 'changes/index.bundle.js', 'changes/generated/out.js']) {
        assert.deepStrictEqual(
          await host.checkWritable(path),
          { ok: false, refusal: { reason: 'excluded', detail: undefined } },
          `${path} is refused`,
        );
        const edit = await editFile.run(host, { path, oldText: 'x', newText: 'y' }, signal);
        assert.strictEqual(edit.refusal, 'excluded', `edit_file of ${path} is refused: ${edit.content}`);
      }
      const made = await createFile.run(host, { path: 'changes/generated/new.js', content: 'y\n' }, signal);
      assert.strictEqual(made.refusal, 'excluded', `create_file in an ignored folder is refused: ${made.content}`);
      assert.strictEqual(s.changes.view('excluded-turn'), undefined, 'nothing was proposed');
      assert.strictEqual(await read('hidden.skip'), 'x\n');
      // A file no rule hides is still writable.
      assert.deepStrictEqual(await host.checkWritable('changes/a.js'), { ok: true, value: { exists: true } });
    } finally {
      await files.update('exclude', undefined, vscode.ConfigurationTarget.Global);
      await search.update('exclude', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
