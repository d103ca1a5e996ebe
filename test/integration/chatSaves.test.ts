import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { sseReply } from '../helpers/mockServer';
import { services, tokens, waitFor, withTestServer } from './helpers';

describe('Chat saves: failures, leftovers and windows', function () {
  this.timeout(30_000);
  const bench = withTestServer();

  const chatsDir = async () => vscode.Uri.joinPath((await services()).context.globalStorageUri, 'chats').fsPath;

  it('a failing save says so once per episode, leaves no temporary files, and saves again once it can', async () => {
    const s = await services();
    const dir = await chatsDir();
    const file = path.join(dir, `${s.session.chat.id}.json`);
    // A folder where the chat file goes: every write fails at the rename.
    fs.mkdirSync(file, { recursive: true });
    fs.writeFileSync(path.join(file, 'occupied'), 'x');
    try {
      bench.server.enqueue(
        sseReply(tokens('one two three four five six seven eight nine ten'), { delayMs: 120 }),
        sseReply(['second answer']),
      );
      await s.session.ask('first');
      await s.session.ask('second');
      await s.controller.history.flushSave();
      const errors = bench.ui.of('error').filter((c) => /could not save the chat/.test(c.message));
      assert.strictEqual(errors.length, 1, JSON.stringify(bench.ui.of('error')));
      assert.deepStrictEqual(
        fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')),
        [],
      );
    } finally {
      fs.rmSync(file, { recursive: true, force: true });
    }
    await s.controller.history.flushSave();
    const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.strictEqual(saved.chat.turns.length, 4);
  });

  it('sweeps stale temporary files when the chat is restored', async () => {
    const s = await services();
    const dir = await chatsDir();
    fs.mkdirSync(dir, { recursive: true });
    const stale = path.join(dir, 'leftover.json.1.2.0.tmp');
    fs.writeFileSync(stale, '{');
    const old = (Date.now() - 10 * 60_000) / 1000;
    fs.utimesSync(stale, old, old);
    await s.controller.restore();
    assert.ok(!fs.existsSync(stale));
  });

  it("keeps the current chat in the window's workspace state, not shared by every window", async () => {
    const s = await services();
    bench.server.enqueue(sseReply(['kept']));
    await s.session.ask('remember me');
    await s.controller.history.flushSave();
    assert.strictEqual(s.context.workspaceState.get('rill.currentChatId'), s.session.chat.id);
    assert.notStrictEqual(s.context.globalState.get('rill.currentChatId'), s.session.chat.id);
  });

  it('merges turns another window wrote to the same chat, and shows them', async () => {
    const s = await services();
    bench.server.enqueue(sseReply(['mine']), sseReply(['mine again']));
    await s.session.ask('from this window');
    await s.controller.history.flushSave();
    const file = path.join(await chatsDir(), `${s.session.chat.id}.json`);
    // Another window appends its own question and answer to the file.
    const other = JSON.parse(fs.readFileSync(file, 'utf8'));
    other.chat.turns.push(
      { id: 'otherU', role: 'user', text: 'from the other window', status: 'complete' },
      { id: 'otherA', role: 'assistant', text: 'its answer', status: 'complete' },
    );
    fs.writeFileSync(`${file}.w`, JSON.stringify(other));
    fs.renameSync(`${file}.w`, file);
    await s.session.ask('this window again');
    await s.controller.history.flushSave();
    await waitFor(() => s.session.chat.turns.some((t) => t.id === 'otherU'), 'the other window’s turns here');
    const onDisk = JSON.parse(fs.readFileSync(file, 'utf8')).chat.turns.map((t: { text: string }) => t.text);
    for (const text of [
      'from this window',
      'mine',
      'from the other window',
      'its answer',
      'this window again',
      'mine again',
    ])
      assert.ok(onDisk.includes(text), `${text} in ${JSON.stringify(onDisk)}`);
  });
});
