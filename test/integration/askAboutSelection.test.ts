import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { SelectionOutcome } from '../../src/host/commands/askAboutSelection';
import { type ScriptedReply, sseReply } from '../helpers/mockServer';
import {
  closeAllEditors,
  configure,
  select,
  services,
  TOTAL_JS,
  tokens,
  untitled,
  waitFor,
  withTestServer,
} from './helpers';

/** The file the tests change. */
const SOURCE = TOTAL_JS;
const ANSWER_CODE = 'const tax = sum * 0.2;\nsum += tax;';
const ANSWER = `Add the tax before returning:\n\n\`\`\`javascript\n${ANSWER_CODE}\n\`\`\`\n\nThat is all.`;

describe('Ask About Selection (and Explain, Fix, Add Comments, Insert Last Answer)', function () {
  this.timeout(30_000);
  const bench = withTestServer();

  const chatRequests = () => bench.server.requests.filter((r) => r.path.endsWith('/chat/completions'));
  const ask = (command = 'rill.askAboutSelection') => vscode.commands.executeCommand<SelectionOutcome>(command);
  /**
   * Starts a command and resolves once its request reached the server, with the command's result
   * still pending (wrapped: an async function returning a thenable would wait for it).
   */
  let release: () => void = () => undefined;
  /** The answer, its end held back until {@link release} is called. */
  function heldAnswer(): ScriptedReply {
    const held = new Promise<void>((r) => {
      release = r;
    });
    return { ...sseReply(tokens(ANSWER), { delayMs: 5 }), holdLast: held };
  }
  afterEach(() => release());

  async function started(command = 'rill.askAboutSelection'): Promise<{ outcome: Thenable<SelectionOutcome> }> {
    const before = chatRequests().length;
    const outcome = ask(command);
    await waitFor(() => chatRequests().length > before, 'the request to reach the server');
    return { outcome };
  }

  it('sends the question, the code, its language and file name; streams into the panel; inserts the code below in one undo step', async () => {
    const editor = await untitled(SOURCE, 'javascript');
    select(editor, 'let sum', 'i.price;');
    bench.server.enqueue(sseReply(tokens(ANSWER), { delayMs: 5 }));
    bench.ui.answer('pickOrType', 'Add 20% tax');
    const s = await services();
    const seen: string[] = [];
    const off = s.session.onEvent((e) => e.type === 'delta' && seen.push(e.text));
    const outcome = await ask();
    off();
    assert.strictEqual(outcome.result, 'inserted');
    assert.ok(seen.length > 5, 'the answer streamed in pieces through the shared session (the panel)');
    assert.strictEqual(bench.ui.of('progress').length, 1, 'a progress notification was shown');
    const body = chatRequests()[0].body;
    assert.strictEqual(body.model, 'rill-test-model');
    assert.match(body.messages[0].content, /exactly one fenced code block/);
    const user = body.messages[1].content as string;
    assert.ok(user.startsWith('Add 20% tax'));
    assert.match(user, /Untitled-\d+ \(javascript\)/);
    assert.ok(user.includes('```javascript\nlet sum = 0;\n  for (const i of items) sum += i.price;\n```'));
    assert.strictEqual(
      editor.document.getText(),
      SOURCE.replace('i.price;\n', 'i.price;\n  const tax = sum * 0.2;\n  sum += tax;\n'),
      'the code block only, indented like the selection, on new lines below it',
    );
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), SOURCE, 'one undo removes the whole insertion');
  });

  it('offers recent questions, newest first', async () => {
    const editor = await untitled(SOURCE, 'javascript');
    select(editor, 'return sum;');
    bench.ui.answer('pickOrType', 'first question', 'second question', (call) => call.options[1]);
    for (let i = 0; i < 3; i++) {
      bench.server.enqueue(sseReply(['ok']));
      await ask();
      await vscode.commands.executeCommand('undo');
      select(editor, 'return sum;');
    }
    const lists = bench.ui.of('pickOrType').map((c) => c.options.slice(0, 2));
    assert.deepStrictEqual(lists[1][0], 'first question');
    assert.deepStrictEqual(lists[2], ['second question', 'first question']);
    assert.ok(
      (chatRequests()[2].body.messages[1].content as string).startsWith('first question'),
      'a picked recent question is asked again',
    );
  });

  // Replacements are shown as a diff first by default (review.test.ts); the tests here that check
  // what a replacement writes turn that off to see the text land directly.
  it('replace mode replaces the selection, keeping its indentation', async () => {
    await configure({ 'insert.mode': 'replaceSelection', 'insert.review': 'never' });
    const editor = await untitled(SOURCE, 'javascript');
    select(editor, 'let sum', 'i.price;');
    bench.server.enqueue(sseReply(tokens(ANSWER)));
    bench.ui.answer('pickOrType', 'Rewrite');
    assert.strictEqual((await ask()).result, 'inserted');
    assert.strictEqual(
      editor.document.getText(),
      SOURCE.replace('let sum = 0;\n  for (const i of items) sum += i.price;', 'const tax = sum * 0.2;\n  sum += tax;'),
    );
  });

  describe('ask mode offers every destination', () => {
    const cases: [string, (doc: string, clip: string) => void][] = [
      ['Insert Below', (doc) => assert.ok(doc.includes('sum;\n  const tax = sum * 0.2;\n  sum += tax;\n}'), doc)],
      [
        'Replace',
        (doc) =>
          assert.ok(doc.includes('  const tax = sum * 0.2;\n  sum += tax;\n}') && !doc.includes('return sum'), doc),
      ],
      [
        'Copy',
        (doc, clip) => {
          assert.strictEqual(doc, SOURCE);
          assert.strictEqual(clip, ANSWER_CODE);
        },
      ],
      ['Chat Panel Only', (doc) => assert.strictEqual(doc, SOURCE)],
    ];
    for (const [choice, check] of cases) {
      it(choice, async () => {
        await configure({ 'insert.mode': 'ask', 'insert.review': 'never' });
        await vscode.env.clipboard.writeText('before');
        const editor = await untitled(SOURCE, 'javascript');
        select(editor, 'return sum;');
        bench.server.enqueue(sseReply(tokens(ANSWER)));
        bench.ui.answer('pickOrType', 'Add tax').answer('pick', choice);
        await ask();
        assert.strictEqual(bench.ui.of('pick').length, 1);
        check(editor.document.getText(), await vscode.env.clipboard.readText());
      });
    }
  });

  it('Cancel on the progress notification aborts the request and inserts nothing', async () => {
    const editor = await untitled(SOURCE, 'javascript');
    select(editor, 'return sum;');
    bench.server.enqueue(sseReply(tokens(ANSWER.repeat(20)), { delayMs: 30 }));
    bench.ui.answer('pickOrType', 'Slow one');
    const { outcome } = await started();
    bench.ui.cancelProgress();
    const r = await outcome;
    assert.strictEqual(r.result, 'stopped');
    assert.strictEqual(r.turn?.finishReason, 'abort');
    assert.strictEqual(editor.document.getText(), SOURCE);
    await waitFor(() => chatRequests()[0].aborted === true, 'the server to see the request aborted');
    assert.strictEqual(bench.ui.of('warn').length + bench.ui.of('error').length, 0, 'no message after a cancel');
  });

  it('follows edits above the selection made while the answer streams', async () => {
    const editor = await untitled(SOURCE, 'javascript');
    select(editor, 'return sum;');
    bench.server.enqueue(heldAnswer());
    bench.ui.answer('pickOrType', 'Add tax');
    const { outcome } = await started();
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// header 1\n// header 2\n'));
    await editor.edit((b) => b.insert(new vscode.Position(2, 0), '/** Sums prices. */\n'));
    assert.ok((await services()).session.busy, 'the edits were made while the answer streamed');
    release();
    assert.strictEqual((await outcome).result, 'inserted');
    assert.strictEqual(
      editor.document.getText(),
      '// header 1\n// header 2\n/** Sums prices. */\n' +
        SOURCE.replace('return sum;\n', 'return sum;\n  const tax = sum * 0.2;\n  sum += tax;\n'),
    );
    assert.strictEqual(bench.ui.of('warn').length, 0);
  });

  /**
   * Asks about `let sum = 0;`, answers the question about the changed selection with `choice`,
   * and edits the selected text while the answer streams. Resolves with the command still running.
   */
  async function editSelectionWhileStreaming(
    choice: string,
  ): Promise<{ editor: vscode.TextEditor; outcome: Thenable<SelectionOutcome> }> {
    const editor = await untitled(SOURCE, 'javascript');
    select(editor, 'let sum = 0;');
    bench.server.enqueue(heldAnswer());
    bench.ui.answer('pickOrType', 'Add tax').answer('warn', choice);
    const { outcome } = await started();
    const at = editor.document.getText().indexOf('0;');
    await editor.edit((b) =>
      b.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 1)), '100'),
    );
    assert.ok((await services()).session.busy, 'the edit was made while the answer streamed');
    release();
    return { editor, outcome };
  }

  it('asks when the selected text itself changed during the stream', async () => {
    const { editor, outcome } = await editSelectionWhileStreaming('Copy Answer');
    assert.strictEqual((await outcome).result, 'copied');
    assert.match(bench.ui.of('warn')[0].message, /changed while the answer streamed/);
    assert.strictEqual(await vscode.env.clipboard.readText(), ANSWER_CODE);
    assert.ok(!editor.document.getText().includes('tax'));
  });

  it('Insert Anyway after an edit inside the selection inserts the answer once, in one undo step', async () => {
    const { editor, outcome } = await editSelectionWhileStreaming('Insert Anyway');
    const edited = editor.document.getText();
    assert.strictEqual((await outcome).result, 'inserted');
    assert.strictEqual(bench.ui.of('warn').length, 1, 'asked once');
    assert.deepStrictEqual(bench.ui.of('warn')[0].options, ['Insert Anyway', 'Copy Answer']);
    const text = editor.document.getText();
    assert.strictEqual(
      text,
      edited.replace('let sum = 100;\n', 'let sum = 100;\n  const tax = sum * 0.2;\n  sum += tax;\n'),
      'below the edited selection',
    );
    assert.strictEqual(text.split('const tax').length - 1, 1, 'inserted once');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), edited, 'one undo takes the whole insertion out, and only it');
  });

  it('a file closed during the stream is reopened on request and the answer inserted', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const uri = vscode.Uri.joinPath(folder, `closed-${Date.now()}.js`);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(SOURCE));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    select(editor, 'return sum;');
    bench.server.enqueue(heldAnswer());
    bench.ui.answer('pickOrType', 'Add tax').answer('warn', 'Reopen and Insert');
    const { outcome } = await started();
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.ok((await services()).session.busy, 'closed while the answer streamed');
    release();
    assert.strictEqual((await outcome).result, 'inserted');
    assert.match(bench.ui.of('warn')[0].message, /was closed while the answer streamed/);
    const doc = vscode.window.activeTextEditor!.document;
    assert.strictEqual(doc.uri.toString(), uri.toString(), 'the file is shown again');
    assert.ok(doc.getText().includes('return sum;\n  const tax = sum * 0.2;'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(uri);
  });

  it('an untitled document closed during the stream can only be copied', async () => {
    const editor = await untitled(SOURCE, 'javascript');
    select(editor, 'return sum;');
    bench.server.enqueue(heldAnswer());
    bench.ui.answer('pickOrType', 'Add tax').answer('warn', 'Copy Answer');
    const { outcome } = await started();
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    assert.ok((await services()).session.busy, 'closed while the answer streamed');
    release();
    assert.strictEqual((await outcome).result, 'copied');
    assert.deepStrictEqual(bench.ui.of('warn')[0].options, ['Copy Answer']);
    assert.strictEqual(await vscode.env.clipboard.readText(), ANSWER_CODE);
  });

  /** A file system that serves one file and refuses writes, as read-only remote or archive file systems do. */
  function readOnlyFileSystem(scheme: string): vscode.Disposable {
    const bytes = new TextEncoder().encode(SOURCE);
    const refuse = () => {
      throw vscode.FileSystemError.NoPermissions();
    };
    const provider: vscode.FileSystemProvider = {
      onDidChangeFile: new vscode.EventEmitter<vscode.FileChangeEvent[]>().event,
      watch: () => new vscode.Disposable(() => undefined),
      stat: (uri) => ({
        type: uri.path === '/' ? vscode.FileType.Directory : vscode.FileType.File,
        ctime: 0,
        mtime: 0,
        size: bytes.length,
      }),
      readDirectory: () => [['sample.js', vscode.FileType.File]],
      readFile: () => bytes,
      createDirectory: refuse,
      writeFile: refuse,
      delete: refuse,
      rename: refuse,
    };
    return vscode.workspace.registerFileSystemProvider(scheme, provider, { isReadonly: true });
  }

  for (const [kind, register] of [
    ['a read-only file system', (scheme: string) => readOnlyFileSystem(scheme)],
    [
      'a content provider (generated, unsaveable text)',
      (scheme: string) =>
        vscode.workspace.registerTextDocumentContentProvider(scheme, { provideTextDocumentContent: () => SOURCE }),
    ],
  ] as const) {
    it(`a read-only document from ${kind} is left alone: Rill says so and offers to copy`, async () => {
      const scheme = `rill-ro${Date.now()}`;
      const registration = register(scheme);
      try {
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(`${scheme}:/sample.js`));
        const editor = await vscode.window.showTextDocument(doc);
        select(editor, 'return sum;');
        bench.server.enqueue(sseReply(tokens(ANSWER)));
        bench.ui.answer('pickOrType', 'Add tax').answer('warn', 'Copy Answer');
        assert.strictEqual((await ask()).result, 'copied');
        assert.match(bench.ui.of('warn')[0].message, /read-only/);
        assert.strictEqual(doc.getText(), SOURCE);
        assert.strictEqual(await vscode.env.clipboard.readText(), ANSWER_CODE);
      } finally {
        await closeAllEditors();
        registration.dispose();
      }
    });
  }

  it('with several selections, asks about the primary one', async () => {
    const editor = await untitled(SOURCE, 'javascript');
    const text = editor.document.getText();
    const range = (s: string) =>
      new vscode.Selection(
        editor.document.positionAt(text.indexOf(s)),
        editor.document.positionAt(text.indexOf(s) + s.length),
      );
    editor.selections = [range('return sum;'), range('let sum = 0;')];
    bench.server.enqueue(sseReply(tokens(ANSWER)));
    bench.ui.answer('pickOrType', 'Add tax');
    assert.strictEqual((await ask()).result, 'inserted');
    assert.ok((chatRequests()[0].body.messages[1].content as string).includes('```javascript\nreturn sum;\n```'));
    assert.ok(editor.document.getText().includes('return sum;\n  const tax'));
  });

  for (const [finish, what, why] of [
    ['length', 'a cut-off answer', /cut off/],
    ['content_filter', 'an answer stopped by a content filter', /content filter/],
  ] as const) {
    it(`never inserts ${what} without asking`, async () => {
      const editor = await untitled(SOURCE, 'javascript');
      select(editor, 'return sum;');
      bench.server.enqueue(sseReply(tokens(ANSWER), { finish }));
      bench.ui.answer('pickOrType', 'Add tax');
      const r = await ask();
      assert.strictEqual(r.result, 'cancelled', 'the question was dismissed');
      assert.strictEqual(bench.ui.of('warn').length, 1, JSON.stringify(bench.ui.calls));
      assert.match(bench.ui.of('warn')[0].message, why);
      assert.deepStrictEqual(bench.ui.of('warn')[0].options, ['Insert Anyway', 'Copy Answer']);
      assert.strictEqual(editor.document.getText(), SOURCE);
    });
  }

  it('a failed answer is reported, not inserted', async () => {
    const editor = await untitled(SOURCE, 'javascript');
    select(editor, 'return sum;');
    bench.server.enqueue({
      status: 401,
      body: JSON.stringify({ error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } }),
    });
    bench.ui.answer('pickOrType', 'Add tax');
    const r = await ask();
    assert.strictEqual(r.result, 'failed');
    assert.strictEqual(bench.ui.of('error').length, 1);
    assert.deepStrictEqual(
      bench.ui.of('error')[0].options,
      ['Set API Key'],
      'a key problem comes with the command that fixes it',
    );
    assert.strictEqual(editor.document.getText(), SOURCE);
  });

  it('Explain answers in the panel only; Fix and Add Comments replace the selection', async () => {
    await configure({ 'insert.review': 'never' });
    const editor = await untitled(SOURCE, 'javascript');
    select(editor, 'for (const i', 'i.price;');
    bench.server.enqueue(sseReply(tokens('It adds up the prices.')));
    const explained = await ask('rill.explainSelection');
    assert.strictEqual(explained.result, 'panel');
    assert.strictEqual(editor.document.getText(), SOURCE);
    assert.ok((chatRequests()[0].body.messages[1].content as string).startsWith('Explain what this code does.'));
    assert.strictEqual(bench.ui.of('pickOrType').length, 0, 'presets ask no question');

    select(editor, 'for (const i', 'i.price;');
    bench.server.enqueue(
      sseReply(tokens('```js\nfor (const i of items) sum += i.price ?? 0;\n```\n- handles missing prices')),
    );
    assert.strictEqual((await ask('rill.fixSelection')).result, 'inserted');
    assert.ok(editor.document.getText().includes('  for (const i of items) sum += i.price ?? 0;\n  return sum;'));
    assert.match(chatRequests()[1].body.messages[0].content, /bugs fixed/);

    select(editor, 'return sum;');
    bench.server.enqueue(sseReply(tokens('```javascript\n// The total.\nreturn sum;\n```')));
    assert.strictEqual((await ask('rill.addComments')).result, 'inserted');
    assert.ok(editor.document.getText().includes('  // The total.\n  return sum;\n}'));
  });

  it("Explain, Fix, Add Comments and Ask About Selection send the selection on its own, not the panel's earlier chat", async () => {
    const s = await services();
    await configure({ 'insert.review': 'never' });
    for (let i = 0; i < 4; i++) await s.session.ask(`unrelated question ${i} about the weather`);
    const editor = await untitled(SOURCE, 'javascript');
    const commands: [string, string | undefined][] = [
      ['rill.explainSelection', undefined],
      ['rill.fixSelection', undefined],
      ['rill.addComments', undefined],
      ['rill.askAboutSelection', 'why a loop?'],
      ['rill.askAboutSelection', '/fix keep it short'],
    ];
    for (const [command, typed] of commands) {
      select(editor, 'return sum;');
      if (typed) bench.ui.answer('pickOrType', typed);
      bench.server.enqueue(sseReply(tokens('```javascript\nreturn sum;\n```')));
      const before = s.session.chat.turns.length;
      await ask(command);
      const sent = chatRequests().at(-1)!.body.messages as { role: string; content: string }[];
      assert.deepStrictEqual(
        sent.map((m) => m.role),
        ['system', 'user'],
        `${command} ${typed ?? ''}: only the editor rules and the question went`,
      );
      assert.ok(!sent.some((m) => m.content.includes('weather')), 'nothing of the earlier chat');
      assert.ok(sent[1].content.includes('return sum;'), 'the selection went');
      assert.strictEqual(s.session.chat.turns.length, before + 2, 'the panel still shows it, after the earlier chat');
    }
    // Regenerate asks the same way: alone again.
    const last = s.session.chat.turns.at(-1)!;
    bench.server.enqueue(sseReply(tokens('again')));
    await s.session.regenerate(last.id);
    assert.deepStrictEqual(
      (chatRequests().at(-1)!.body.messages as { role: string }[]).map((m) => m.role),
      ['system', 'user'],
    );
    // A question typed in the panel afterwards is part of the panel's chat, all of it.
    await s.controller.send('and the weather tomorrow?');
    const chat = chatRequests().at(-1)!.body.messages as { content: string }[];
    assert.ok(
      chat.some((m) => m.content.includes('unrelated question 0')),
      'the panel chat goes with panel questions',
    );
  });

  it("Insert Last Answer puts the last answer's code at the cursor", async () => {
    const editor = await untitled(SOURCE, 'javascript');
    select(editor, 'return sum;');
    bench.server.enqueue(sseReply(tokens(ANSWER)));
    await ask('rill.explainSelection');
    const cursor = editor.document.positionAt(editor.document.getText().indexOf('return sum;'));
    editor.selection = new vscode.Selection(cursor, cursor);
    assert.strictEqual(await vscode.commands.executeCommand('rill.insertLastAnswer'), 'inserted');
    assert.ok(
      editor.document.getText().includes('  const tax = sum * 0.2;\n  sum += tax;return sum;'),
      editor.document.getText(),
    );
  });

  it('says what to do with no editor or no selection', async () => {
    assert.strictEqual((await ask()).result, 'noEditor');
    const editor = await untitled(SOURCE, 'javascript');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    assert.strictEqual((await ask()).result, 'noSelection');
    assert.strictEqual(bench.ui.of('info').length, 2);
    assert.strictEqual(chatRequests().length, 0);
  });
});
