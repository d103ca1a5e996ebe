import * as vscode from 'vscode';
import { ChatStore } from '../core/chatStore';
import { ChatSession, StreamFn } from '../core/session';
import { streamChat } from '../core/streamChat';
import { ChatController } from './chatController';
import { ChatPanel } from './chatPanel';
import { ChatViewProvider } from './chatViewProvider';
import { activeModel, resolveTarget } from './target';

/** Everything Rill runs, built on first use (see `activate`). */
export interface Rill extends vscode.Disposable {
  controller: ChatController;
  view: ChatViewProvider;
  panelSerializer: vscode.WebviewPanelSerializer;
  /** Handlers for every contributed command, by command id. */
  commands: Record<string, (...args: unknown[]) => unknown>;
}

/** Builds the session, storage, views and command handlers, and restores the last chat. */
export function createRill(context: vscode.ExtensionContext): Rill {
  const log = vscode.window.createOutputChannel('Rill', { log: true });
  // The core redacts keys from every line it logs.
  const stream: StreamFn = (endpoint, request, { signal }) =>
    streamChat(endpoint, request, {
      signal,
      idleTimeoutMs: vscode.workspace.getConfiguration('rill').get<number>('idleTimeoutMs'),
      log: (line) => log.info(line),
    });
  const session = new ChatSession(stream, () => resolveTarget(context.secrets));
  const store = new ChatStore(vscode.Uri.joinPath(context.globalStorageUri, 'chats').fsPath);
  const controller = new ChatController(session, store, context.globalState, activeModel);
  const view = new ChatViewProvider(context.extensionUri, controller);
  const restored = controller.restore();
  const commands: Rill['commands'] = {
    'rill.openChatInEditor': () => ChatPanel.open(context.extensionUri, controller),
    'rill.newChat': async () => {
      await restored;
      await controller.newChat();
      await view.reveal(false);
      controller.focusInput();
    },
    'rill.stop': () => session.stop(),
    'rill.chat': async () => {
      const text = await vscode.window.showInputBox({ prompt: vscode.l10n.t('Ask Rill'), placeHolder: vscode.l10n.t('Your question') });
      if (!text?.trim()) return;
      await restored;
      await view.reveal(true);
      await controller.send(text);
    },
  };
  const config = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('rill')) controller.refreshStatus();
  });
  return {
    controller,
    view,
    panelSerializer: ChatPanel.serializer(context.extensionUri, controller),
    commands,
    dispose() {
      config.dispose();
      log.dispose();
      controller.dispose();
    },
  };
}
