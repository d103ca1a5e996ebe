import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChatSession } from '../../src/core/chat';
import { pickInto } from '../../src/host/commands/history';
import { sseReply } from '../helpers/mockServer';
import { services, tokens, untitled, waitFor, withTestServer } from './helpers';

/** The chat editor tabs open now. */
function chatEditorTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) =>
    g.tabs.filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('rill.chatEditor')),
  );
}

describe('Chat editors: conversations of their own', function () {
  this.timeout(60_000);
  const bench = withTestServer();

  /** Opens a chat editor with the command and returns its conversation. */
  async function newChatEditor(): Promise<ChatSession> {
    const s = await services();
    const before = new Set(s.editorChats.sessions());
    await vscode.commands.executeCommand('rill.newChatInEditor');
    const session = s.editorChats.sessions().find((c) => !before.has(c));
    assert.ok(session, 'a new conversation');
    return session;
  }

  it('New Chat in Editor opens a tab with a new, empty conversation apart from the side panel’s', async () => {
    const s = await services();
    bench.server.enqueue(sseReply(['panel answer']));
    await s.session.ask('in the panel');
    const editor = await newChatEditor();
    await waitFor(() => chatEditorTabs().length === 1, 'the chat editor tab');
    assert.notStrictEqual(editor, s.session);
    assert.notStrictEqual(editor.chat.id, s.session.chat.id);
    assert.strictEqual(editor.chat.turns.length, 0);
    assert.strictEqual(s.session.chat.turns.length, 2, 'the side panel keeps its chat');
    // Its webview is connected to its own conversation, not to the side panel's.
    const bridge = s.controller.bridgeList().find((b) => b.session === editor);
    assert.ok(bridge, 'the chat editor has a bridge to its conversation');
  });

  it('asked in both at once, both answers stream; Stop in the chat editor stops only it; each is saved', async () => {
    const s = await services();
    const editor = await newChatEditor();
    const slow = (text: string) => sseReply(tokens(text), { delayMs: 60 });
    bench.server.enqueue(
      slow('the panel answers with twelve words that arrive one by one here'),
      slow('the editor answers with twelve words that arrive one by one too'),
    );
    const panelAnswer = s.session.ask('panel question');
    const editorAnswer = editor.ask('editor question');
    const streaming = (c: ChatSession) => c.busy && (c.chat.turns.at(-1)?.text.length ?? 0) > 0;
    await waitFor(() => streaming(s.session) && streaming(editor), 'both answers to stream at the same time');
    assert.strictEqual(bench.server.requests.length, 2, 'two requests under way');

    const editorBridge = s.controller.bridgeList().find((b) => b.session === editor);
    assert.ok(editorBridge);
    await s.controller.handle({ type: 'stop' }, editorBridge);
    const stopped = await editorAnswer;
    assert.strictEqual(stopped.status, 'interrupted');
    assert.ok(
      stopped.text.length > 0 &&
        'the editor answers with twelve words that arrive one by one too'.startsWith(stopped.text),
      stopped.text,
    );
    // The side panel's answer was not touched by that Stop: it ends normally, whole.
    const finished = await panelAnswer;
    assert.strictEqual(finished.status, 'complete');
    assert.strictEqual(finished.text, 'the panel answers with twelve words that arrive one by one here');

    await s.controller.history.flushSave();
    const dir = vscode.Uri.joinPath(s.context.globalStorageUri, 'chats').fsPath;
    const saved = (id: string) => JSON.parse(fs.readFileSync(path.join(dir, `${id}.json`), 'utf8')).chat;
    assert.deepStrictEqual(
      saved(s.session.chat.id).turns.map((t: { text: string }) => t.text),
      ['panel question', finished.text],
    );
    assert.deepStrictEqual(
      saved(editor.chat.id).turns.map((t: { text: string; status: string }) => [t.text, t.status]),
      [
        ['editor question', 'complete'],
        [stopped.text, 'interrupted'],
      ],
    );
    const listed = (await s.controller.history.list()).map((c) => c.id);
    assert.ok(listed.includes(s.session.chat.id) && listed.includes(editor.chat.id), 'both chats in history');
  });

  it('Rill: Stop stops the answer streaming in the active chat editor, and else the side panel’s', async () => {
    const s = await services();
    const editor = await newChatEditor();
    await waitFor(() => s.editorChats.active() === editor, 'the chat editor to be the active editor');
    const slow = () => sseReply(tokens('one two three four five six seven eight nine ten'), { delayMs: 80 });
    bench.server.enqueue(slow(), slow());
    const panelAnswer = s.session.ask('panel, count');
    const editorAnswer = editor.ask('editor, count');
    const started = (c: ChatSession) => (c.chat.turns.at(-1)?.text.length ?? 0) > 0;
    await waitFor(() => started(s.session) && started(editor), 'both answers to start');
    await vscode.commands.executeCommand('rill.stop');
    assert.strictEqual((await editorAnswer).status, 'interrupted');
    assert.strictEqual((await panelAnswer).status, 'complete', 'the side panel’s answer was not stopped');
    // The active chat editor is idle now: Stop reaches the side panel's answer.
    bench.server.enqueue(slow());
    const next = s.session.ask('panel again');
    await waitFor(() => started(s.session), 'the next answer to start');
    await vscode.commands.executeCommand('rill.stop');
    assert.strictEqual((await next).status, 'interrupted');
  });

  it('the status bar counts the tokens of a chat editor’s answer, and of both while both stream', async () => {
    const s = await services();
    const editor = await newChatEditor();
    const slow = (n: number) => sseReply(tokens('word '.repeat(n)), { delayMs: 60 });
    bench.server.enqueue(slow(12), slow(60));
    const editorAnswer = editor.ask('count here');
    await waitFor(() => /tokens\/s/.test(s.status.text), 'tokens per second in the status bar');
    const panelAnswer = s.session.ask('and here');
    await editorAnswer;
    assert.match(s.status.text, /loading~spin/, 'the side panel still streams: the figures stay');
    await panelAnswer;
    assert.strictEqual(s.status.text, '$(comment-discussion) rill-test-model');
  });

  it('messages from the chat editor’s webview act on its conversation: send, new chat', async () => {
    const s = await services();
    const editor = await newChatEditor();
    const bridge = s.controller.bridgeList().find((b) => b.session === editor)!;
    bench.server.enqueue(sseReply(['only here']));
    await s.controller.handle({ type: 'send', text: 'typed in the editor' }, bridge);
    assert.deepStrictEqual(
      editor.chat.turns.map((t) => t.text),
      ['typed in the editor', 'only here'],
    );
    assert.strictEqual(s.session.chat.turns.length, 0, 'nothing reached the side panel’s chat');
    const before = editor.chat.id;
    const panelChat = s.session.chat.id;
    await s.controller.handle({ type: 'newChat' }, bridge);
    assert.notStrictEqual(editor.chat.id, before);
    assert.strictEqual(s.session.chat.id, panelChat, 'the side panel keeps its chat');
  });

  it('comes back after a reload with the chat it showed (the serializer reads the remembered chat id)', async () => {
    const s = await services();
    const editor = await newChatEditor();
    bench.server.enqueue(sseReply(['remembered']));
    await editor.ask('keep me');
    await s.controller.history.flushSave();
    const id = editor.chat.id;
    // What VS Code does after a reload: a panel of the chat editor's view type, with the webview's state.
    const revived = vscode.window.createWebviewPanel('rill.chatEditor', 'Rill Chat', vscode.ViewColumn.Active, {
      enableScripts: true,
    });
    const count = s.editorChats.sessions().length;
    // The chat is open in the first editor: the revived tab must not show it twice.
    await s.editorChats.serializer().deserializeWebviewPanel(revived, { chatId: id });
    const second = s.editorChats.sessions()[count];
    assert.notStrictEqual(second.chat.id, id, 'a chat open elsewhere is not opened twice');
    revived.dispose();
    // Closed, the first editor's chat comes back in a revived tab.
    for (const tab of chatEditorTabs()) await vscode.window.tabGroups.close(tab);
    await waitFor(() => s.editorChats.sessions().length === 0, 'the chat editors to close');
    const again = vscode.window.createWebviewPanel('rill.chatEditor', 'Rill Chat', vscode.ViewColumn.Active, {
      enableScripts: true,
    });
    await s.editorChats.serializer().deserializeWebviewPanel(again, { chatId: id });
    const restored = s.editorChats.sessions()[0];
    assert.strictEqual(restored.chat.id, id);
    assert.deepStrictEqual(
      restored.chat.turns.map((t) => t.text),
      ['keep me', 'remembered'],
    );
    assert.strictEqual(again.title, 'keep me', 'the tab is named after its chat');
  });

  it('renaming the chat of a chat editor retitles its tab at once', async () => {
    const s = await services();
    const editor = await newChatEditor();
    bench.server.enqueue(sseReply(['named']));
    await editor.ask('first name');
    await waitFor(() => chatEditorTabs().some((t) => t.label === 'first name'), 'the tab named after the question');
    await s.controller.renameChat(editor.chat.id, 'Renamed chat');
    await waitFor(() => chatEditorTabs().some((t) => t.label === 'Renamed chat'), 'the tab named after the new title');
    assert.strictEqual(editor.chat.title, 'Renamed chat');
  });

  it('closing a chat editor while it streams stops its answer, keeps the text and saves it', async () => {
    const s = await services();
    const editor = await newChatEditor();
    bench.server.enqueue(sseReply(tokens('one two three four five six seven eight nine ten'), { delayMs: 80 }));
    const answer = editor.ask('count slowly');
    await waitFor(() => (editor.chat.turns.at(-1)?.text.length ?? 0) > 0, 'the first words');
    for (const tab of chatEditorTabs()) await vscode.window.tabGroups.close(tab);
    const turn = await answer;
    assert.strictEqual(turn.status, 'interrupted');
    await waitFor(async () => {
      const file = path.join(vscode.Uri.joinPath(s.context.globalStorageUri, 'chats').fsPath, `${editor.chat.id}.json`);
      if (!fs.existsSync(file)) return false;
      const saved = JSON.parse(fs.readFileSync(file, 'utf8')).chat;
      return saved.turns.at(-1)?.status === 'interrupted' && saved.turns.at(-1)?.text === turn.text;
    }, 'the interrupted answer saved');
  });

  it('history opens a chat into the surface it was picked from, and reveals one open elsewhere', async () => {
    const s = await services();
    bench.server.enqueue(sseReply(['saved answer']), sseReply(['panel answer']));
    await s.session.ask('an older chat');
    const older = s.session.chat.id;
    await s.controller.newChat();
    await s.session.ask('the panel chat');
    const panelChat = s.session.chat.id;
    const editor = await newChatEditor();
    await pickInto(s, editor).open(older);
    assert.strictEqual(editor.chat.id, older, 'opened into the chat editor');
    assert.strictEqual(s.session.chat.id, panelChat, 'the side panel keeps its chat');
    // The side panel's chat picked from the editor's history: revealed in the side panel, not copied.
    await pickInto(s, editor).open(panelChat);
    assert.strictEqual(editor.chat.id, older);
    assert.strictEqual(s.session.chat.id, panelChat);
  });

  it('Insert Last Answer takes the answer asked most recently, in whichever conversation', async () => {
    const s = await services();
    const editor = await newChatEditor();
    bench.server.enqueue(sseReply(['panel text']), sseReply(['editor text']), sseReply(['panel again']));
    await s.session.ask('first');
    await editor.ask('second');
    const doc = await untitled('', 'plaintext');
    assert.strictEqual(await vscode.commands.executeCommand('rill.insertLastAnswer'), 'inserted');
    assert.strictEqual(doc.document.getText(), 'editor text');
    await s.session.ask('third');
    const other = await untitled('', 'plaintext');
    assert.strictEqual(await vscode.commands.executeCommand('rill.insertLastAnswer'), 'inserted');
    assert.strictEqual(other.document.getText(), 'panel again');
  });
});
