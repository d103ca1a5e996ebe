import * as vscode from 'vscode';
import { ChatStore } from './core/chatStore';
import { ChatSession, SetupError, StreamFn } from './core/session';
import { ChatController } from './host/chatController';
import { ChatPanel, PANEL_VIEW_TYPE } from './host/chatPanel';
import { ChatViewProvider } from './host/chatViewProvider';
import { activeModel, resolveTarget } from './host/target';

// Replaced by the streaming core's client when it lands.
// eslint-disable-next-line require-yield
const stream: StreamFn = async function* () {
  throw new SetupError('The streaming client is not part of this build yet.');
};

let active: ChatController | undefined;

/** What `activate` returns: handles for the integration tests. */
export interface RillApi {
  controller: ChatController;
}

/** Entry point: wires the features together and nothing else. */
export async function activate(context: vscode.ExtensionContext): Promise<RillApi> {
  const session = new ChatSession(stream, () => resolveTarget(context.secrets));
  const store = new ChatStore(vscode.Uri.joinPath(context.globalStorageUri, 'chats').fsPath);
  const controller = new ChatController(session, store, context.globalState, activeModel);
  const view = new ChatViewProvider(context.extensionUri, controller);
  context.subscriptions.push(
    controller,
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewType, view),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, ChatPanel.serializer(context.extensionUri, controller)),
    vscode.commands.registerCommand('rill.openChatInEditor', () => ChatPanel.open(context.extensionUri, controller)),
    vscode.commands.registerCommand('rill.newChat', async () => {
      await controller.newChat();
      await view.reveal(false);
      controller.focusInput();
    }),
    vscode.commands.registerCommand('rill.stop', () => session.stop()),
    vscode.commands.registerCommand('rill.chat', async () => {
      const text = await vscode.window.showInputBox({ prompt: vscode.l10n.t('Ask Rill'), placeHolder: vscode.l10n.t('Your question') });
      if (!text?.trim()) return;
      await view.reveal(true);
      await controller.send(text);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('rill')) controller.refreshStatus();
    }),
  );
  active = controller;
  await controller.restore();
  return { controller };
}

/** Writes the chat (with any partial reply) before the window goes away. */
export async function deactivate(): Promise<void> {
  await active?.flushSave();
}
