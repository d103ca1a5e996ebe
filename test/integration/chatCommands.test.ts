import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { sseReply } from '../helpers/mockServer';
import { services, tokens, waitFor, withTestServer } from './helpers';

describe('Chat, New Chat, Open Chat in Editor, Stop', function () {
  this.timeout(30_000);
  const bench = withTestServer();

  it("Rill: Chat sends the typed question to the panel's current chat, which streams the answer", async () => {
    const s = await services();
    const chatId = s.session.chat.id;
    bench.server.enqueue(sseReply(tokens('Palette questions land in the panel.')));
    bench.ui.answer('input', 'Where do palette questions go?');
    assert.strictEqual(await vscode.commands.executeCommand('rill.chat'), true);
    assert.strictEqual(s.session.chat.id, chatId, 'the current chat, not a new one');
    const turns = s.session.chat.turns;
    assert.deepStrictEqual(
      turns.map((t) => [t.role, t.text]),
      [
        ['user', 'Where do palette questions go?'],
        ['assistant', 'Palette questions land in the panel.'],
      ],
    );
    bench.ui.answer('input', '   ');
    assert.strictEqual(await vscode.commands.executeCommand('rill.chat'), false, 'a blank question sends nothing');
    // The model list may be read for the window; the questions are the POSTs.
    assert.strictEqual(bench.server.requests.filter((r) => r.method === 'POST').length, 1);
  });

  it('Rill: Chat while an answer streams offers to stop it first', async () => {
    const s = await services();
    bench.server.enqueue(
      sseReply(tokens('a b c d e f g h i j k l m n o p q r s t'), { delayMs: 50 }),
      sseReply(['second']),
    );
    const first = s.session.ask('first');
    await waitFor(() => (s.session.chat.turns.at(-1)?.text.length ?? 0) > 0, 'the first answer to start');
    bench.ui.answer('input', 'second question').answer('warn', 'Stop It');
    assert.strictEqual(await vscode.commands.executeCommand('rill.chat'), true);
    assert.strictEqual((await first).status, 'interrupted');
    assert.strictEqual(s.session.chat.turns.at(-1)!.text, 'second');
  });

  it('Rill: Stop ends the streaming answer and keeps its text', async () => {
    const s = await services();
    bench.server.enqueue(sseReply(tokens('one two three four five six seven eight nine ten'), { delayMs: 80 }));
    const answer = s.session.ask('count');
    await waitFor(() => (s.session.chat.turns.at(-1)?.text.length ?? 0) > 0, 'the first words');
    await vscode.commands.executeCommand('rill.stop');
    const turn = await answer;
    assert.strictEqual(turn.status, 'interrupted');
    assert.strictEqual(turn.finishReason, 'abort');
    assert.ok(turn.text.startsWith('one'));
    await waitFor(() => bench.server.requests[0].aborted === true, 'the request to be aborted');
  });

  it('Rill: New Chat starts an empty chat; Open Chat in Editor opens it in a tab', async () => {
    const s = await services();
    await s.session.ask('something');
    const before = s.session.chat.id;
    await vscode.commands.executeCommand('rill.newChat');
    assert.notStrictEqual(s.session.chat.id, before);
    assert.strictEqual(s.session.chat.turns.length, 0);
    await vscode.commands.executeCommand('rill.openChatInEditor');
    await waitFor(
      () =>
        vscode.window.tabGroups.all.some((g) =>
          g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('rill.chatPanel')),
        ),
      'the chat tab',
    );
  });
});
