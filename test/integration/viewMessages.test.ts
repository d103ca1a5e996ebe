import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { RillApi } from '../../src/extension';
import { MockServer, sseReply } from '../helpers/mockServer';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('chat view messaging in VS Code', () => {
  let server: MockServer;
  let api: RillApi;

  before(async () => {
    server = await MockServer.start();
    const cfg = vscode.workspace.getConfiguration('rill');
    await cfg.update('baseUrl', server.baseUrl, vscode.ConfigurationTarget.Global);
    await cfg.update('model', 'rill-test-model', vscode.ConfigurationTarget.Global);
    const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'rill')!;
    api = (await ext.activate()) as RillApi;
  });
  after(async () => server.close());

  it('coalesces a fast stream: far fewer posts than tokens, text complete', async () => {
    await vscode.commands.executeCommand('rill.newChat');
    const rill = api.rill();
    await until(() => rill.controller.bridgeList().some((b) => (b.posted.snapshot ?? 0) > 0), 'the view to say ready');
    const bridge = rill.controller.bridgeList()[0];
    const before = bridge.posted.delta ?? 0;
    const tokens = Array.from({ length: 2000 }, (_, i) => `w${i} `);
    server.enqueue(sseReply(tokens, { delayMs: 0 }));
    const turn = await rill.controller.session.ask('fast please');
    assert.strictEqual(turn.text, tokens.join(''));
    const deltas = (bridge.posted.delta ?? 0) - before;
    assert.ok(deltas > 0 && deltas < tokens.length / 10, `${deltas} delta posts for ${tokens.length} tokens`);
  });

  it('posts nothing while the view is hidden and one snapshot when it is shown again', async () => {
    const rill = api.rill();
    const bridge = rill.controller.bridgeList()[0];
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await sleep(300);
    const snapshot = { ...bridge.posted };
    const live = rill.controller.bridgeList();
    server.enqueue(
      sseReply(
        Array.from({ length: 200 }, (_, i) => `h${i} `),
        { delayMs: 1 },
      ),
    );
    const turn = await rill.controller.session.ask('while hidden');
    assert.strictEqual(turn.status, 'complete');
    for (const b of live) {
      if (b === bridge) assert.deepStrictEqual(b.posted, snapshot, 'a hidden view is posted nothing');
    }
    await vscode.commands.executeCommand('rill.chat.focus');
    // Shown again: the old webview either gets one snapshot or was disposed and its replacement says ready.
    await until(
      () =>
        rill.controller
          .bridgeList()
          .some((b) =>
            b !== bridge ? (b.posted.snapshot ?? 0) === 1 : (b.posted.snapshot ?? 0) === (snapshot.snapshot ?? 0) + 1,
          ),
      'one snapshot after showing',
    );
    for (const b of rill.controller.bridgeList()) {
      const extra = Object.entries(b.posted)
        .filter(([k]) => k !== 'snapshot')
        .reduce((n, [k, v]) => n + v - ((b === bridge ? snapshot[k] : 0) ?? 0), 0);
      assert.strictEqual(extra, 0, `only a snapshot was posted on show: ${JSON.stringify(b.posted)}`);
    }
  });

  it('writes the conversation as Markdown, without reasoning', async () => {
    const rill = api.rill();
    const chat = rill.controller.session.chat;
    assert.ok(chat.turns.length > 0, 'an earlier test left a conversation');
    const target = vscode.Uri.joinPath(vscode.Uri.file(require('node:os').tmpdir()), `rill-export-${Date.now()}.md`);
    await rill.controller.exportChat(target);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.match(text, /^# /);
    assert.ok(text.includes('## You\n\nfast please'), text.slice(0, 200));
    await vscode.workspace.fs.delete(target);
  });
});
