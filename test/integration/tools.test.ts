/**
 * Tools in a real VS Code: the test server plays a model that calls each tool; the results it
 * receives come from the workspace (an open editor's unsaved text, VS Code's ripgrep, the
 * TypeScript language service VS Code ships), refusals say why; the steps are saved with the chat
 * and come back when it is opened again; Stop ends the answer at once, the steps kept, also while a
 * tool is still running (a real slow search: a regex ripgrep cannot run with its fast engines).
 */
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { vscodeRipgrep } from '../../src/host/tools/sessionTools';
import { sseReply } from '../helpers/mockServer';
import { configure, services, waitFor, withTestServer } from './helpers';

const RETRY = 'export function retryDelay(attempt: number): number {\n  return 2 ** attempt * 100;\n}\n';
const USE = "import { retryDelay } from './retry';\n\nexport const first = retryDelay(1);\n";
const BAD = 'export const broken: number = "not a number";\n';

describe('tools: the model looks through the workspace', function () {
  this.timeout(120_000);
  const bench = withTestServer();
  const folder = () => vscode.workspace.workspaceFolders![0].uri;
  const made: vscode.Uri[] = [];
  const chatRequests = () => bench.server.requests.filter((r) => r.path.endsWith('/chat/completions'));

  async function write(rel: string, text: string): Promise<vscode.Uri> {
    const uri = vscode.Uri.joinPath(folder(), rel);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    made.push(uri);
    return uri;
  }

  before(async () => {
    const retry = await write('tooldemo/retry.ts', RETRY);
    const use = await write('tooldemo/use.ts', USE);
    await write('tooldemo/bad.ts', BAD);
    await write('tooldemo/.env', 'API_TOKEN=abc\n');
    await write('tooldemo/tsconfig.json', '{ "compilerOptions": { "strict": true }, "include": ["*.ts"] }\n');
    // The TypeScript language service VS Code ships answers once it has loaded the project.
    const doc = await vscode.workspace.openTextDocument(use);
    await vscode.window.showTextDocument(doc);
    await waitFor(
      async () =>
        (
          (await vscode.commands.executeCommand<vscode.Location[]>(
            'vscode.executeDefinitionProvider',
            use,
            new vscode.Position(2, 23),
          )) ?? []
        ).some(
          (l) => ('targetUri' in l ? (l as unknown as vscode.LocationLink).targetUri : l.uri).fsPath === retry.fsPath,
        ),
      'the TypeScript language service',
      60_000,
    );
  });
  after(async () => {
    for (const uri of made) await vscode.workspace.fs.delete(uri, { recursive: true }).then(undefined, () => {});
    await vscode.workspace.fs
      .delete(vscode.Uri.joinPath(folder(), 'tooldemo'), { recursive: true })
      .then(undefined, () => {});
    await configure({ tools: undefined });
  });

  it("finds VS Code's own ripgrep under its appRoot", () => {
    const rg = vscodeRipgrep();
    assert.ok(rg?.startsWith(vscode.env.appRoot), `${rg} under ${vscode.env.appRoot}`);
  });

  it('runs each tool the model calls and sends back what the workspace says; a secret file is refused', async () => {
    const s = await services();
    // The language service reports a file's problems once it is shown.
    const bad = vscode.Uri.joinPath(folder(), 'tooldemo/bad.ts');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(bad));
    await waitFor(() => vscode.languages.getDiagnostics(bad).length > 0, 'the diagnostics of bad.ts', 60_000);
    // An unsaved edit in an open editor is what read_file returns.
    const retryDoc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'tooldemo/retry.ts'));
    const editor = await vscode.window.showTextDocument(retryDoc);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '// UNSAVED-EDIT-MARK\n'));
    bench.server.enqueue(
      sseReply(['Let me look.'], {
        finish: 'tool_calls',
        toolCalls: [
          { name: 'search_text', arguments: JSON.stringify({ query: 'retryDelay' }) },
          { name: 'read_file', arguments: JSON.stringify({ path: 'tooldemo/retry.ts' }) },
          { name: 'read_file', arguments: JSON.stringify({ path: 'tooldemo/.env' }) },
          { name: 'list_dir', arguments: JSON.stringify({ path: 'tooldemo' }) },
          { name: 'find_files', arguments: JSON.stringify({ pattern: 'tooldemo/*.ts' }) },
          { name: 'get_problems', arguments: JSON.stringify({ path: 'tooldemo/bad.ts' }) },
          { name: 'find_definition', arguments: JSON.stringify({ symbol: 'retryDelay', path: 'tooldemo/use.ts' }) },
          { name: 'find_references', arguments: JSON.stringify({ symbol: 'retryDelay' }) },
        ],
      }),
      sseReply(['retryDelay is defined in tooldemo/retry.ts.']),
    );
    const turn = await s.session.ask('where is retryDelay defined?');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.strictEqual(turn.status, 'complete', JSON.stringify(turn.error));
    assert.strictEqual(turn.text, 'Let me look.retryDelay is defined in tooldemo/retry.ts.');
    const reqs = chatRequests();
    assert.strictEqual(reqs.length, 2);
    assert.ok(reqs[0].body.tools.some((t: { function: { name: string } }) => t.function.name === 'find_references'));
    const results = (reqs[1].body.messages as { role: string; content: string; tool_call_id?: string }[]).filter(
      (m) => m.role === 'tool',
    );
    assert.strictEqual(results.length, 8);
    const [search, read, secret, list, files, problems, definition, references] = results.map((m) => m.content);
    assert.match(search, /tooldemo\/retry\.ts:\d+:.*retryDelay/);
    assert.match(search, /tooldemo\/use\.ts:3:.*retryDelay\(1\)/);
    assert.match(read, /UNSAVED-EDIT-MARK/);
    assert.match(secret, /Refused tooldemo\/\.env: secret file/);
    assert.doesNotMatch(JSON.stringify(reqs[1].body), /API_TOKEN/);
    assert.match(list, /retry\.ts/);
    assert.match(files, /tooldemo\/use\.ts/);
    assert.match(problems, /tooldemo\/bad\.ts:1/);
    assert.match(definition, /tooldemo\/retry\.ts:[12]\b/);
    assert.match(references, /tooldemo\/use\.ts:3/);
    const steps = turn.steps ?? [];
    assert.deepStrictEqual(
      steps.map((st) => st.status),
      ['done', 'done', 'refused', 'done', 'done', 'done', 'done', 'done'],
    );
    assert.ok(steps.every((st) => st.at === 'Let me look.'.length));
    assert.match(steps[2].title, /Refused tooldemo\/\.env: secret file/);

    // Saved with the chat, and back when the chat is opened again (as after a reload).
    const id = s.session.chat.id;
    await s.controller.history.flushSave();
    await s.controller.history.newChat();
    await s.controller.history.open(id);
    const back = s.session.chat.turns.find((t) => t.role === 'assistant');
    assert.deepStrictEqual(
      back?.steps?.map((st) => [st.name, st.status, st.at]),
      steps.map((st) => [st.name, st.status, st.at]),
    );
    assert.strictEqual(back?.steps?.[1].result, steps[1].result);
  });

  it('the chat switch turns tools off for that chat only: no tools offered, a plain answer', async () => {
    const s = await services();
    s.session.setTools(false);
    bench.server.enqueue(sseReply(['plain']));
    const turn = await s.session.ask('no tools please');
    assert.strictEqual(turn.text, 'plain');
    assert.strictEqual(chatRequests()[0].body.tools, undefined);
    await s.controller.history.newChat();
    bench.server.enqueue(sseReply(['with tools']));
    await s.session.ask('a new chat');
    assert.ok(chatRequests()[1].body.tools?.length, 'a new chat follows the default again');
  });

  it('Stop while the next request streams ends the answer at once; the steps stay', async () => {
    const s = await services();
    bench.server.enqueue(
      sseReply([], { finish: 'tool_calls', toolCalls: [{ name: 'list_dir', arguments: '{"path":"tooldemo"}' }] }),
      { chunks: [], hang: true },
    );
    const asked = s.session.ask('list it, slowly');
    await waitFor(() => chatRequests().length === 2, 'the second request');
    const t0 = Date.now();
    await s.session.stop();
    const turn = await asked;
    assert.ok(Date.now() - t0 < 2000, `stopped in ${Date.now() - t0} ms`);
    assert.strictEqual(turn.status, 'interrupted');
    assert.deepStrictEqual(
      turn.steps?.map((st) => [st.name, st.status]),
      [['list_dir', 'done']],
    );
  });

  it('Stop while a tool runs ends the answer at once: the search is killed, the steps say so, nothing more is asked', async () => {
    const s = await services();
    // A real slow case: a regex whose Unicode word boundaries over non-ASCII text keep ripgrep off its
    // fast engines, over a few megabytes that never match (seconds of work on a small machine).
    const words = ['alpha', 'béta', 'gamma', 'délta', 'retry', 'const', 'valué', 'return', 'function', 'await'];
    let text = '';
    for (let i = 0; i < 4000; i++) text += `${words[(i * 7) % 10]}_${i % 997}${i % 13 === 0 ? '\n' : ' '}`;
    for (let i = 0; i < 200; i++) await write(`tooldemo/slow/f${i}.txt`, text);
    const query = String.raw`(\b\w+\b\s){5}\d`;
    bench.server.enqueue(
      sseReply(['Searching the logs.'], {
        finish: 'tool_calls',
        toolCalls: [
          {
            id: 'call_slow',
            name: 'search_text',
            arguments: JSON.stringify({ query, is_regex: true, include: 'tooldemo/slow/**' }),
          },
          { id: 'call_next', name: 'read_file', arguments: JSON.stringify({ path: 'tooldemo/retry.ts' }) },
        ],
      }),
      sseReply(['never asked for']),
    );
    const asked = s.session.ask('search slowly');
    const step = () => s.session.chat.turns.at(-1)?.steps?.[0];
    await waitFor(() => step()?.status === 'running', 'the search to start', 20_000);
    // Still running a while later: the search is slow for real, not just not started yet.
    await new Promise((r) => setTimeout(r, 300));
    assert.strictEqual(step()?.status, 'running', 'the search takes longer than 300 ms');
    const t0 = Date.now();
    await vscode.commands.executeCommand('rill.stop');
    const turn = await asked;
    const ms = Date.now() - t0;
    assert.ok(ms < 1000, `stopped in ${ms} ms`);
    assert.strictEqual(turn.status, 'interrupted');
    assert.strictEqual(turn.text, 'Searching the logs.', 'what arrived is kept');
    assert.deepStrictEqual(
      turn.steps?.map((st) => [st.name, st.status]),
      [
        ['search_text', 'refused'],
        ['read_file', 'refused'],
      ],
    );
    assert.match(turn.steps![0].title, /cancelled/);
    assert.match(turn.steps![0].result ?? '', /The user stopped it/);
    // No further request: the queued reply stays unasked.
    await new Promise((r) => setTimeout(r, 500));
    assert.strictEqual(chatRequests().length, 1);
  });
});
