import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { contextItems } from '../../src/host/context/contextPicker';
import { checkFileForTool } from '../../src/host/context/filePolicy';
import { services, waitFor, withTestServer } from './helpers';

// Built from parts, so this file itself holds no key block or token a scanner would flag.
const dashes = '-'.repeat(5);
const KEY_BLOCK = `${dashes}BEGIN OPENSSH PRIVATE KEY${dashes}\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n${dashes}END OPENSSH PRIVATE KEY${dashes}\n`;
/** A word that only the held-back files hold: no request may carry it. */
const MARK = 'ZEBRA-SECRET-MARK';

describe('one file policy: what leaves the machine', function () {
  this.timeout(60_000);
  const bench = withTestServer();
  const folder = () => vscode.workspace.workspaceFolders![0].uri;
  const chatRequests = () => bench.server.requests.filter((r) => r.path.endsWith('/chat/completions'));
  const everythingSent = () => JSON.stringify(chatRequests().map((r) => r.body));
  let outside: string;
  const made: vscode.Uri[] = [];

  /** Writes a workspace file (folders made as needed) and remembers it for the clean-up. */
  async function write(rel: string, text: string): Promise<vscode.Uri> {
    const uri = vscode.Uri.joinPath(folder(), rel);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    made.push(uri);
    return uri;
  }
  /** A symbolic link in the workspace at `rel` pointing at `target`. */
  function link(rel: string, target: string, type: 'file' | 'dir' = 'file'): vscode.Uri {
    const uri = vscode.Uri.joinPath(folder(), rel);
    fs.mkdirSync(path.dirname(uri.fsPath), { recursive: true });
    fs.rmSync(uri.fsPath, { force: true, recursive: true });
    fs.symlinkSync(target, uri.fsPath, type);
    made.push(uri);
    return uri;
  }
  async function open(uri: vscode.Uri): Promise<void> {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  }
  async function activeChip() {
    const s = await services();
    return s.controller.editorContext.chips().find((c) => c.id === 'active');
  }

  before(() => {
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'rill-outside-'));
    fs.writeFileSync(path.join(outside, 'id_ed25519'), `${KEY_BLOCK}${MARK}\n`);
    fs.mkdirSync(path.join(outside, 'prompts'));
    fs.writeFileSync(path.join(outside, 'prompts', 'leak.md'), `Send this: ${MARK}`);
  });
  after(async () => {
    for (const uri of made.reverse()) fs.rmSync(uri.fsPath, { force: true, recursive: true });
    fs.rmSync(vscode.Uri.joinPath(folder(), '.rill').fsPath, { force: true, recursive: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  const cases: { name: string; make: () => Promise<vscode.Uri> | vscode.Uri; held: string }[] = [
    {
      name: 'a link named notes.md pointing at a key outside the folder',
      make: () => link('notes.md', path.join(outside, 'id_ed25519')),
      held: 'held back: outside the workspace',
    },
    {
      name: 'config/.git-credentials',
      make: () => write('config/.git-credentials', `https://user:${MARK}@example.com\n`),
      held: 'held back: looks secret',
    },
    { name: '.envrc', make: () => write('.envrc', `export TOKEN=${MARK}\n`), held: 'held back: looks secret' },
    {
      name: 'a deploy.sh with a private key block pasted inside',
      make: () => write('deploy.sh', `#!/bin/sh\n# ${MARK}\ncat > key <<EOF\n${KEY_BLOCK}EOF\n`),
      held: 'held back: looks secret',
    },
  ];

  for (const c of cases) {
    it(`the context chip holds back ${c.name}, says why, and nothing of it reaches the server`, async () => {
      const s = await services();
      await open(await c.make());
      await waitFor(async () => (await activeChip())?.held === c.held, `the chip to say "${c.held}"`);
      await s.controller.send('what is in this file?');
      assert.strictEqual(chatRequests().length, 1, 'the question itself was sent');
      assert.ok(!everythingSent().includes(MARK), 'broken promise: a held-back file never reaches the server');
      assert.strictEqual(s.session.chat.turns[0].attachments?.length ?? 0, 0, 'the chat stores no attachment');
    });
  }

  it('the tools get the same answer: never a secret, outside or excluded file', async () => {
    for (const c of cases) {
      const check = await checkFileForTool(await c.make());
      assert.strictEqual(check.decision.ok, false, `${c.name} is refused to a tool`);
      assert.strictEqual(check.text, undefined, 'and nothing of it is read out');
    }
    await write('.gitignore', 'build/\n!build/keep.txt\n');
    const ignored = await write('build/out.js', 'x');
    assert.deepStrictEqual((await checkFileForTool(ignored)).decision, { ok: false, reason: 'excluded' });
    const plain = await write('src/plain.ts', 'export const a = 1;\n');
    const ok = await checkFileForTool(plain);
    assert.deepStrictEqual(ok.decision, { ok: true });
    assert.strictEqual(ok.text, 'export const a = 1;\n');
  });

  it('a held-back chip can be added on purpose: a secret-looking one only after the user confirms', async () => {
    const s = await services();
    await open(await write('.envrc', `export TOKEN=${MARK}\n`));
    await waitFor(async () => (await activeChip())?.held === 'held back: looks secret', 'the held chip');
    bench.ui.answer('warn', undefined);
    assert.strictEqual(await s.controller.editorContext.include('active'), false, 'declined: still held');
    assert.match(bench.ui.of('warn')[0].message, /Send \.envrc to the model\?/);
    assert.strictEqual(bench.ui.of('warn')[0].modal, true);
    assert.ok((await activeChip())?.held, 'the chip stays held after a no');

    bench.ui.answer('warn', 'Send');
    assert.strictEqual(await s.controller.editorContext.include('active'), true);
    await waitFor(async () => (await activeChip())?.held === undefined, 'the chip to be included');
    await s.controller.send('check my envrc');
    assert.ok(everythingSent().includes(MARK), 'added on purpose, it is sent');
    assert.strictEqual(s.session.chat.turns[0].attachments?.[0].path, '.envrc');
  });

  it('the welcome offers no example questions for a held-back file, and an example never sends it', async () => {
    const s = await services();
    await open(await write('src/fine.ts', 'export const fine = true;\n'));
    await waitFor(() => {
      const w = s.controller.status().welcome;
      return w.configured && w.examples.length > 0;
    }, 'examples for an ordinary file');
    await open(await write('deploy.sh', `#!/bin/sh\n# ${MARK}\n${KEY_BLOCK}`));
    await waitFor(() => {
      const w = s.controller.status().welcome;
      return w.configured && w.examples.length === 0;
    }, 'no examples for a file with a key block');
    await s.controller.handle({ type: 'askExample', index: 0 });
    assert.ok(!everythingSent().includes(MARK), 'broken promise: an example question never sends a held-back file');
  });

  it('the # list marks secret-looking files; picking one asks first, and only a yes sends it', async () => {
    const s = await services();
    await write('.envrc', `export TOKEN=${MARK}\n`);
    await write('src/fine.ts', 'export const fine = true;\n');
    const items = await contextItems(s.controller.editorContext, true);
    const envrc = items.find((i) => i.description === '.envrc');
    const fine = items.find((i) => i.description === 'src/fine.ts');
    assert.ok(envrc && fine, 'both are offered');
    assert.match(envrc.label, /\$\(lock\)/, 'a secret-looking file is marked in the list');
    assert.match(envrc.detail ?? '', /Looks secret \(\.envrc\)/);
    assert.doesNotMatch(fine.label, /\$\(lock\)/);
    assert.strictEqual(fine.detail, undefined);

    bench.ui.answer('warn', undefined);
    await envrc.run!();
    assert.ok(!s.controller.editorContext.chips().some((c) => c.detail === '.envrc'), 'declined: not added');
    bench.ui.answer('warn', 'Send');
    await envrc.run!();
    assert.ok(
      s.controller.editorContext.chips().some((c) => c.detail === '.envrc'),
      'confirmed: added',
    );
    await s.controller.send('with my envrc');
    assert.ok(everythingSent().includes(MARK));
    assert.strictEqual(bench.ui.of('warn').length, 2, 'asked once per pick, not again when sending');
  });

  it('prompt files are not read through a link: a .rill/prompts that leads outside offers nothing', async () => {
    const s = await services();
    link('.rill/prompts', path.join(outside, 'prompts'), 'dir');
    await s.controller.prompts.refresh();
    assert.strictEqual(s.controller.prompts.find('leak'), undefined, 'broken promise: no prompt from outside');
    await waitFor(
      () => bench.ui.of('warn').some((c) => /link to outside the workspace/.test(c.message)),
      'the link to be reported',
    );
    // A .rill folder that is itself a link out is refused the same way.
    fs.rmSync(vscode.Uri.joinPath(folder(), '.rill').fsPath, { recursive: true, force: true });
    fs.mkdirSync(path.join(outside, 'rill', 'prompts'), { recursive: true });
    fs.writeFileSync(path.join(outside, 'rill', 'prompts', 'leak2.md'), `Send this: ${MARK}`);
    link('.rill', path.join(outside, 'rill'), 'dir');
    await s.controller.prompts.refresh();
    assert.strictEqual(s.controller.prompts.find('leak2'), undefined);
    // A real folder inside works.
    fs.rmSync(vscode.Uri.joinPath(folder(), '.rill').fsPath, { recursive: true, force: true });
    await write('.rill/prompts/tidy.md', 'Tidy {{input}}');
    await s.controller.prompts.refresh();
    assert.ok(s.controller.prompts.find('tidy'), 'a prompt folder that is a real folder inside is read');
  });
});
