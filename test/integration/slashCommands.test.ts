import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { SelectionOutcome } from '../../src/host/commands/askAboutSelection';
import { sseReply } from '../helpers/mockServer';
import { configure, select, services, TOTAL_JS, untitled, waitFor, withTestServer } from './helpers';

const REVIEW_MD = [
  '---',
  'description: Review the selection for bugs',
  // Ignored: a prompt file changes the prompt's text only, never where it goes.
  'baseUrl: http://127.0.0.1:9/v1',
  '---',
  'Review {{file}} ({{language}}) for bugs, {{input}}:',
  '',
  '{{selection}}',
  '',
].join('\n');

describe('/ commands: built-ins, rill.prompts and .rill/prompts/*.md', function () {
  this.timeout(30_000);
  const bench = withTestServer();
  const folder = () => vscode.workspace.workspaceFolders?.[0]?.uri;
  const promptDir = () => vscode.Uri.joinPath(folder()!, '.rill', 'prompts');
  const chatRequests = () => bench.server.requests.filter((r) => r.path.endsWith('/chat/completions'));
  const lastUser = () => chatRequests().at(-1)!.body.messages.at(-1).content as string;

  before(async () => {
    assert.ok(folder(), 'the tests run in a workspace folder');
    assert.ok(vscode.workspace.isTrusted, 'a trusted one');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(promptDir(), 'review.md'), Buffer.from(REVIEW_MD));
    const s = await services();
    await s.controller.prompts.refresh();
    assert.ok(s.controller.prompts.find('review'), 'the prompt file was read');
  });
  after(async () => {
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder()!, '.rill'), { recursive: true });
  });

  it('lists the built-ins, then the commands of the setting and of the prompt files, in the webview status', async () => {
    const s = await services();
    await configure({ prompts: { shout: { prompt: 'Say {{input}} loudly', description: 'Loud' }, fix: 'mine' } });
    await waitFor(() => s.controller.prompts.find('shout') !== undefined, 'the setting to be read');
    const commands = s.controller.status().commands ?? [];
    assert.deepStrictEqual(
      commands.map((c) => [c.name, c.source]),
      [
        ['explain', 'builtin'],
        ['fix', 'builtin'],
        ['tests', 'builtin'],
        ['doc', 'builtin'],
        ['new', 'builtin'],
        ['clear', 'builtin'],
        ['shout', 'settings'],
        ['review', 'workspace'],
      ],
    );
    assert.strictEqual(commands.find((c) => c.name === 'review')?.description, 'Review the selection for bugs');
    await waitFor(() => bench.ui.of('warn').length > 0, 'the taken name to be reported');
    assert.match(bench.ui.of('warn')[0].message, /"rill\.prompts" entry "fix": the name \/fix is already taken/);
  });

  it('a prompt file added or deleted after the start is in the list the next time it opens, and runs as it reads now', async () => {
    const s = await services();
    const file = vscode.Uri.joinPath(promptDir(), 'tidy.md');
    await vscode.workspace.fs.writeFile(file, Buffer.from('Tidy {{selection}}'));
    // What the webview sends when the `/` list opens (the file watcher may have told it already).
    await s.controller.handle({ type: 'listCommands' });
    assert.ok(s.controller.status().commands?.some((c) => c.name === 'tidy'));
    await vscode.workspace.fs.writeFile(file, Buffer.from('Tidy it up, {{input}}'));
    bench.server.enqueue(sseReply(['Tidied.']));
    await s.controller.send('/tidy please');
    assert.strictEqual(lastUser(), 'Tidy it up, please', 'the file as it reads at the time of sending');
    await vscode.workspace.fs.delete(file);
    await s.controller.handle({ type: 'listCommands' });
    assert.strictEqual(s.controller.prompts.find('tidy'), undefined);
  });

  it("Ask About Selection offers the prompts and sends a prompt file's command expanded, to the configured server", async () => {
    const editor = await untitled(TOTAL_JS, 'javascript');
    select(editor, 'let sum', 'i.price;');
    bench.server.enqueue(sseReply(['Looks fine.']));
    bench.ui.answer('pickOrType', '/review mind the loop');
    const outcome = await vscode.commands.executeCommand<SelectionOutcome>('rill.askAboutSelection');
    assert.ok(outcome.turn, 'it was asked');
    const offered = bench.ui.of('pickOrType')[0].options;
    for (const name of ['/explain', '/fix', '/tests', '/doc', '/review']) assert.ok(offered.includes(name), name);
    assert.ok(!offered.includes('/new') && !offered.includes('/clear'), 'only commands about code');
    assert.strictEqual(chatRequests().length, 1, 'the request went to the configured server');
    const name = editor.document.uri.path.split('/').pop();
    assert.strictEqual(
      lastUser(),
      `Review ${name} (javascript) for bugs, mind the loop:\n\nlet sum = 0;\n  for (const i of items) sum += i.price;`,
      'the template expanded, the selection once (in the text, not again as an attachment)',
    );
  });

  it('Ask About Selection with /explain and a question runs the Explain preset with it, answering in the panel', async () => {
    const editor = await untitled(TOTAL_JS, 'javascript');
    select(editor, 'return sum;');
    bench.server.enqueue(sseReply(['It returns the sum.']));
    bench.ui.answer('pickOrType', '/explain what is returned');
    const outcome = await vscode.commands.executeCommand<SelectionOutcome>('rill.askAboutSelection');
    assert.strictEqual(outcome.result, 'panel');
    const body = chatRequests()[0].body;
    assert.match(body.messages[0].content, /Explain the code clearly/);
    assert.ok(lastUser().startsWith('Explain what this code does.\n\nwhat is returned\n\nSelection: '), lastUser());
    assert.strictEqual(outcome.turn?.request?.task, 'explain');
  });

  it('the panel runs /explain with its argument on the active editor, and a user command expanded', async () => {
    const s = await services();
    const editor = await untitled(TOTAL_JS, 'javascript');
    select(editor, 'let sum', 'i.price;');
    bench.server.enqueue(sseReply(['Because of the loop.']), sseReply(['LOUD']));
    await s.controller.send('/explain why the loop ends early');
    const body = chatRequests()[0].body;
    assert.match(body.messages[0].content, /Explain the code clearly/);
    assert.ok(lastUser().startsWith('Explain what this code does.\n\nwhy the loop ends early\n\nSelection: '));
    assert.ok(lastUser().includes('for (const i of items) sum += i.price;'), 'the selection went along');
    assert.deepStrictEqual(
      s.session.chat.turns.map((t) => t.text),
      ['Explain what this code does.\n\nwhy the loop ends early', 'Because of the loop.'],
    );
    await configure({ prompts: { shout: 'Say {{input}} loudly about {{language}}' } });
    await waitFor(() => s.controller.prompts.find('shout') !== undefined, 'the setting to be read');
    await s.controller.send('/shout hello');
    assert.ok(lastUser().startsWith('Say hello loudly about javascript'), lastUser());
  });

  it("the panel's /explain, /fix, /doc and /tests ask about the code on their own, without the chat before them", async () => {
    const s = await services();
    await s.session.ask('an unrelated question about the weather');
    const editor = await untitled(TOTAL_JS, 'javascript');
    for (const command of ['explain', 'fix', 'doc', 'tests']) {
      select(editor, 'return sum;');
      bench.server.enqueue(sseReply(['Answer.']));
      await s.controller.send(`/${command}`);
      const sent = chatRequests().at(-1)!.body.messages as { role: string; content: string }[];
      assert.deepStrictEqual(
        sent.map((m) => m.role),
        ['system', 'user'],
        `/${command}`,
      );
      assert.ok(sent[1].content.includes('return sum;'));
    }
    assert.strictEqual(s.session.chat.turns.length, 10, 'every turn still shows in the panel');
  });

  it('/new asks its text in a new chat; /clear empties the panel and the chat stays in the history', async () => {
    const s = await services();
    bench.server.enqueue(sseReply(['one']), sseReply(['two']));
    await s.controller.send('first question');
    const first = s.session.chat.id;
    await s.controller.send('/new second question');
    assert.notStrictEqual(s.session.chat.id, first);
    assert.deepStrictEqual(
      s.session.chat.turns.map((t) => t.text),
      ['second question', 'two'],
    );
    const second = s.session.chat.id;
    await s.controller.send('/clear');
    assert.notStrictEqual(s.session.chat.id, second);
    assert.strictEqual(s.session.chat.turns.length, 0);
    const saved = await s.controller.history.list();
    assert.ok(saved.some((c) => c.id === second) && saved.some((c) => c.id === first), 'both chats are in the history');
  });

  it('/fix without any code says what to do and sends nothing; an unknown /word is sent as typed', async () => {
    const s = await services();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await s.controller.editorContext.take();
    s.controller.editorContext.remove('active');
    await s.controller.send('/fix the off-by-one');
    assert.strictEqual(chatRequests().length, 0);
    assert.match(bench.ui.of('info')[0]?.message ?? '', /\/fix asks about code/);
    bench.server.enqueue(sseReply(['It is a folder.']));
    await s.controller.send('/usr/local is what?');
    assert.strictEqual(lastUser(), '/usr/local is what?');
  });
});
