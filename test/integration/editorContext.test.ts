import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { contextItems } from '../../src/host/context/contextPicker';
import { REFUSING_SHAPES, type WindowListing } from '../helpers/serverWindow';
import { configure, services, waitFor, withTestServer } from './helpers';

const SOURCE = [
  'export function average(values) {',
  '  let total = 0;',
  '  for (const v of values) total += v;',
  '  return total / values.length;',
  '}',
  '',
].join('\n');

/** Writes a workspace file and opens it in an editor. */
async function openFile(name: string, text: string): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const uri = vscode.Uri.joinPath(folder, name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

/** The last chat request's last (user) message. */
function lastQuestion(bench: ReturnType<typeof withTestServer>): string {
  const chat = bench.server.requests.filter((r) => r.method === 'POST');
  return chat.at(-1)!.body.messages.at(-1).content;
}

const long = (i: number) => `Question ${i}: ${'how does the parser handle nested blocks and lists? '.repeat(10)}`;

describe('editor context and the context window', function () {
  this.timeout(120_000);
  const bench = withTestServer(['Small']);

  it('attaches the current file by default, read from the buffer (unsaved edits too); one click removes it', async () => {
    const s = await services();
    const editor = await openFile('ctx-total.js', SOURCE);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// unsaved note\n'));
    await waitFor(() => s.controller.editorContext.chips().some((c) => c.id === 'active'), 'the default chip');
    assert.deepStrictEqual(
      s.controller.editorContext.chips().map((c) => [c.kind, c.label]),
      [['file', 'ctx-total.js']],
    );
    await s.controller.send('why does total fail?');
    const sent = lastQuestion(bench);
    assert.ok(
      sent.startsWith('why does total fail?\n\nFile: ctx-total.js (javascript)\n```javascript\n// unsaved note\n'),
      sent,
    );
    const turn = s.session.chat.turns[0];
    assert.strictEqual(turn.text, 'why does total fail?', 'the question shows as typed');
    assert.strictEqual(turn.attachments?.[0].path, 'ctx-total.js');

    s.controller.editorContext.remove('active');
    assert.deepStrictEqual(s.controller.editorContext.chips(), []);
    await s.controller.send('a question without the file');
    assert.strictEqual(lastQuestion(bench), 'a question without the file');
    assert.strictEqual(s.controller.editorContext.chips().length, 1, 'the default chip is back for the next question');
  });

  it('a selection goes instead of the whole file, with its lines; the setting turns the default off', async () => {
    const s = await services();
    const editor = await openFile('ctx-sel.js', SOURCE);
    editor.selection = new vscode.Selection(1, 0, 3, 31);
    await waitFor(() => s.controller.editorContext.chips()[0]?.kind === 'selection', 'the selection chip');
    assert.strictEqual(s.controller.editorContext.chips()[0].label, 'ctx-sel.js:2-4');
    await s.controller.send('explain');
    assert.strictEqual(
      lastQuestion(bench),
      'explain\n\nSelection: ctx-sel.js (javascript), lines 2-4\n```javascript\n  let total = 0;\n  for (const v of values) total += v;\n  return total / values.length;\n```',
    );
    await configure({ 'context.attachActiveEditor': false });
    assert.deepStrictEqual(s.controller.editorContext.chips(), []);
  });

  it('never attaches a secret-looking file by default, only when picked and confirmed', async () => {
    const s = await services();
    await openFile('.env.local', 'API_TOKEN=very-secret\n');
    await waitFor(
      () => s.controller.editorContext.chips()[0]?.held === 'held back: looks secret',
      'the chip to say it is held back',
    );
    await s.controller.send('anything');
    assert.ok(!lastQuestion(bench).includes('very-secret'));
    const items = await contextItems(s.controller.editorContext, false);
    const env = items.find((i) => i.description === '.env.local');
    assert.ok(env, 'an explicit pick offers it');
    bench.ui.answer('warn', 'Send');
    await env.run!();
    await s.controller.send('with the picked file');
    assert.ok(lastQuestion(bench).includes('API_TOKEN=very-secret'));
  });

  it('offers each mention source: workspace files (excluded and gitignored left out), open editors, selection, problems, terminal', async () => {
    const s = await services();
    const folder = vscode.workspace.workspaceFolders![0].uri;
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(folder, '.gitignore'),
      new TextEncoder().encode('build/\n'),
    );
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'build', 'out.js'), new TextEncoder().encode('x'));
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(folder, 'ctx-other.ts'),
      new TextEncoder().encode('export const other = 2;\n'),
    );
    await vscode.workspace
      .getConfiguration('files')
      .update('exclude', { '**/*.hidden': true }, vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'ctx.hidden'), new TextEncoder().encode('x'));
    try {
      const editor = await openFile('ctx-open.js', SOURCE);
      editor.selection = new vscode.Selection(0, 0, 1, 0);
      const items = await contextItems(s.controller.editorContext, true);
      const descriptions = items.map((i) => i.description ?? '');
      assert.ok(descriptions.includes('ctx-other.ts'), 'a workspace file');
      assert.ok(!descriptions.some((d) => d.startsWith('build/')), 'a gitignored folder is left out');
      assert.ok(!descriptions.includes('ctx.hidden'), 'files.exclude is honoured');
      const labels = items.map((i) => i.label);
      assert.ok(labels.some((l) => l.includes('Selection')));
      assert.ok(labels.some((l) => l.includes('Problems in ctx-open.js')));
      assert.ok(labels.some((l) => l.includes('Problems in the workspace')));
      assert.ok(labels.some((l) => l.includes('Terminal selection')));
      assert.ok(
        items.some((i) => i.label.includes('ctx-open.js') && i.run),
        'an open editor',
      );

      s.controller.editorContext.remove('active');
      await items.find((i) => i.description === 'ctx-other.ts')!.run!();
      await items.find((i) => i.label.includes('Selection'))!.run!();
      await items.find((i) => i.label.includes('Problems in the workspace'))!.run!();
      assert.deepStrictEqual(
        s.controller.editorContext.chips().map((c) => c.kind),
        ['file', 'selection', 'problems'],
      );
      await s.controller.send('all of it');
      const sent = lastQuestion(bench);
      assert.match(sent, /File: ctx-other\.ts \(typescript\)\n```typescript\nexport const other = 2;/);
      assert.match(sent, /Selection: ctx-open\.js \(javascript\), lines 1-1/);
      assert.match(sent, /Problems: Workspace/);
      assert.deepStrictEqual(s.controller.editorContext.chips().length, 1, 'picks are used once');
    } finally {
      await vscode.workspace.getConfiguration('files').update('exclude', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a long chat against a server with a small window keeps answering and sends only what fits', async () => {
    const s = await services();
    bench.server.window = { tokens: 3000, shape: 'vllm', listed: true };
    // A model of its own: the list is read once per session and model, and earlier tests read it without a window.
    const model = `small-${Date.now()}`;
    bench.server.models = [model];
    await configure({
      profiles: [{ name: 'Small', preset: 'vllm', baseUrl: bench.server.baseUrl, model }],
      activeProfile: 'Small',
    });
    for (let i = 0; i < 30; i++) {
      const turn = await s.session.ask(long(i));
      assert.strictEqual(turn.status, 'complete', `turn ${i}: ${turn.error?.message}`);
    }
    const chat = bench.server.requests.filter((r) => r.method === 'POST');
    assert.ok(
      chat.every((r) => r.overflow === undefined),
      'the window came from /models: nothing was refused',
    );
    const last = s.session.chat.turns.at(-1)!;
    assert.strictEqual(last.context?.windowTokens, 3000);
    assert.ok((last.context?.droppedMessages ?? 0) > 10, 'the oldest messages were left out');
    assert.ok(chat.at(-1)!.promptTokens! <= 3000);
  });

  // Every profile reads the window its server's list states, whatever the preset (a custom gateway is
  // often LiteLLM, vLLM or OpenRouter underneath), so nothing is planned with the 8,192 default.
  const listings: { profile: 'Default' | 'custom' | 'lemondata'; listedAs: WindowListing }[] = [
    { profile: 'Default', listedAs: 'openrouter' },
    { profile: 'Default', listedAs: 'vllm' },
    { profile: 'custom', listedAs: 'litellm' },
    { profile: 'custom', listedAs: 'litellm-info' },
    { profile: 'lemondata', listedAs: 'openrouter' },
  ];
  for (const { profile, listedAs } of listings) {
    it(`a ${profile} profile plans with the 2,048-token window its server lists (${listedAs}'s shape)`, async () => {
      const s = await services();
      const model = `listed-${listedAs}-${profile}-${Date.now()}`;
      bench.server.models = [model];
      bench.server.window = { tokens: 2048, shape: 'openai', listed: true, listedAs };
      if (profile === 'Default') await configure({ model });
      else
        await configure({
          profiles: [{ name: 'Small', preset: profile, baseUrl: bench.server.baseUrl, model, auth: 'none' }],
          activeProfile: 'Small',
        });
      for (let i = 0; i < 24; i++) {
        const turn = await s.session.ask(long(i));
        assert.strictEqual(turn.status, 'complete', `turn ${i}: ${turn.error?.message}`);
      }
      const chat = bench.server.requests.filter((r) => r.method === 'POST');
      assert.deepStrictEqual(
        chat.filter((r) => r.overflow).map((r) => r.promptTokens),
        [],
        'no request was refused: the window came from /models',
      );
      const last = s.session.chat.turns.at(-1)!;
      assert.strictEqual(last.context?.windowTokens, 2048);
      assert.ok((last.context?.droppedMessages ?? 0) > 0, 'the oldest messages were left out');
    });
  }

  it('an overflow error that overstates the prompt does not starve the window: the next usage count wins, and the meter shows what was sent', async () => {
    const s = await services();
    await configure({ model: `outlier-${Date.now()}` });
    bench.server.window = { tokens: 2048, shape: 'openai', errorCountFactor: 2.5 };
    for (let i = 0; i < 30; i++) {
      const turn = await s.session.ask(long(i));
      assert.strictEqual(turn.status, 'complete', `turn ${i}: ${turn.error?.message}`);
    }
    const chat = bench.server.requests.filter((r) => r.method === 'POST');
    const refused = chat.findIndex((r) => r.overflow === 'refused');
    assert.ok(refused >= 0, 'the server refused one request, stating 2.5 times its own count');
    const later = chat.slice(refused + 3).filter((r) => !r.overflow);
    assert.ok(later.length >= 5);
    // The answer's room is a quarter of the window (512): about 1,536 tokens are there for the prompt.
    for (const r of later) assert.ok(r.promptTokens! > 1100, `sent ${r.promptTokens} of 2,048 tokens`);
    const last = s.session.chat.turns.at(-1)!;
    assert.strictEqual(last.context?.promptTokens, chat.at(-1)!.promptTokens, 'the meter equals what was sent');
    assert.strictEqual(last.usage?.promptTokens, chat.at(-1)!.promptTokens);
    assert.ok(
      s.session.chat.turns.every((t) => !t.context?.warning),
      'no "the server cut the conversation" warning: nothing was cut',
    );
  });

  // A silent cut is reported on real evidence, with advice for the server it is.
  for (const ollama of [true, false]) {
    it(`a silently cut prompt is reported${ollama ? ", with Ollama's num_ctx advice on Ollama" : ', without Ollama advice on another server'}`, async () => {
      const s = await services();
      const model = `silent-${ollama}-${Date.now()}`;
      bench.server.window = { tokens: 800, shape: 'ollama-silent' };
      if (ollama)
        await configure({
          profiles: [{ name: 'Small', preset: 'ollama', baseUrl: bench.server.baseUrl, model, contextTokens: 32000 }],
          activeProfile: 'Small',
        });
      else
        await configure({
          profiles: [{ name: 'Small', preset: 'vllm', baseUrl: bench.server.baseUrl, model, contextTokens: 32000 }],
          activeProfile: 'Small',
        });
      for (let i = 0; i < 20; i++) await s.session.ask(long(i));
      const warnings = s.session.chat.turns.map((t) => t.context?.warning).filter((w) => w !== undefined);
      assert.strictEqual(warnings.length, 1, 'warned once');
      assert.match(warnings[0]!, /counted only 800 prompt tokens/);
      if (ollama) assert.match(warnings[0]!, /num_ctx/);
      else assert.doesNotMatch(warnings[0]!, /num_ctx|Ollama/);
    });
  }

  for (const shape of REFUSING_SHAPES) {
    it(`a ${shape} overflow error leads to one trimmed retry`, async () => {
      const s = await services();
      // A model name of its own, so no window was learned for it before.
      await configure({ model: `model-${shape}-${Date.now()}` });
      bench.server.window = { tokens: 1000, shape };
      for (let i = 0; i < 14; i++) {
        const turn = await s.session.ask(long(i));
        assert.strictEqual(turn.status, 'complete', `turn ${i}: ${turn.error?.message}`);
      }
      const chat = bench.server.requests.filter((r) => r.method === 'POST');
      const refused = chat.filter((r) => r.overflow === 'refused');
      assert.ok(refused.length >= 1, 'the server refused a request');
      const i = chat.indexOf(refused[0]);
      assert.strictEqual(chat[i + 1]?.overflow, undefined, 'the retry right after it fitted');
      assert.ok(chat[i + 1].body.messages.length < refused[0].body.messages.length);
      assert.ok(
        s.session.chat.turns.some((t) => t.context?.retried),
        'the turn says it was retried',
      );
    });
  }
});
