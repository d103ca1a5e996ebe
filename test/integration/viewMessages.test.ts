import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { RillApi } from '../../src/extension';
import { parseWebviewMessage } from '../../src/shared/protocol';
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
    await vscode.commands.executeCommand('rill.chat.focus');
    await until(() => rill.controller.bridgeList().some((b) => (b.posted.snapshot ?? 0) > 0), 'the view to say ready');
    const [bridge] = rill.controller.bridgeList();
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    // The bridge's own notion of visibility decides what it posts; read it as the bridge does.
    const visible = () => (bridge as unknown as { isVisible(): boolean }).isVisible();
    await until(() => !visible(), 'the view to be hidden');
    const before = { ...bridge.posted };
    const readiesBefore = bridge.readies;
    server.enqueue(
      sseReply(
        Array.from({ length: 200 }, (_, i) => `h${i} `),
        { delayMs: 1 },
      ),
    );
    const turn = await rill.controller.session.ask('while hidden');
    assert.strictEqual(turn.status, 'complete');
    assert.deepStrictEqual(bridge.posted, before, 'a hidden view is posted nothing');
    await vscode.commands.executeCommand('rill.chat.focus');
    // The same view, shown again (not a new one that said ready): exactly one message, a snapshot.
    await until(() => (bridge.posted.snapshot ?? 0) > (before.snapshot ?? 0), 'a snapshot after showing');
    await sleep(500);
    assert.deepStrictEqual(rill.controller.bridgeList(), [bridge], 'the view was shown again, not replaced');
    // Newer VS Code versions reload a hidden view's webview when it is shown again: the reloaded
    // page says ready and gets the snapshot it needs, beside the one sent when the view showed.
    const reloads = bridge.readies - readiesBefore;
    assert.ok(reloads <= 1, `the webview reloaded ${reloads} times on one show`);
    assert.deepStrictEqual(
      bridge.posted,
      { ...before, snapshot: (before.snapshot ?? 0) + 1 + reloads },
      `only one snapshot was posted on show (and one for each of ${reloads} reloads)`,
    );
  });

  it('opens only http and https links from the webview', async () => {
    const rill = api.rill();
    const [bridge] = rill.controller.bridgeList();
    const opened: string[] = [];
    const env = vscode.env as { openExternal: typeof vscode.env.openExternal };
    const real = env.openExternal;
    env.openExternal = async (uri: vscode.Uri) => {
      opened.push(uri.toString(true));
      return true;
    };
    try {
      const hrefs = [
        'https://example.com/a?b=1',
        'http://example.com/plain',
        'command:workbench.action.terminal.new',
        'command:rill.setApiKey?%5B%5D',
        'file:///etc/passwd',
        'javascript:alert(1)',
        'vscode://rill-dev.rill/x',
        'data:text/html,<script>1</script>',
        'ftp://example.com/file',
      ];
      for (const href of hrefs) {
        // As the webview sends it: through the message guard, then to the host.
        const msg = parseWebviewMessage({ type: 'openLink', href });
        assert.ok(msg, `the guard lets an openLink message through: ${href}`);
        await rill.controller.handle(msg, bridge);
      }
    } finally {
      env.openExternal = real;
    }
    assert.deepStrictEqual(opened, ['https://example.com/a?b=1', 'http://example.com/plain']);
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
