/**
 * The chat in an editor tab that shows the side panel's conversation ("Open Chat in Editor").
 */
import * as vscode from 'vscode';
import { CHAT_PANEL_VIEW_TYPE } from '../viewIds';
import type { ChatController } from './chatController';
import { webviewHtml, webviewOptions } from './webviewHtml';

/**
 * The side panel's conversation in an editor tab ("Open Chat in Editor"; a chat editor with a
 * conversation of its own is `EditorChats`). One tab at a time; revived after a reload by the
 * serializer, so it never comes back blank.
 */
export class ChatPanel {
  private static current: vscode.WebviewPanel | undefined;

  /** Opens the chat in an editor tab, or reveals the one already open. */
  static open(extensionUri: vscode.Uri, controller: ChatController): void {
    if (ChatPanel.current) {
      ChatPanel.current.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(CHAT_PANEL_VIEW_TYPE, 'Rill Chat', vscode.ViewColumn.Beside, {
      ...webviewOptions(extensionUri),
      retainContextWhenHidden: false,
    });
    ChatPanel.wire(panel, extensionUri, controller);
  }

  /** Connects a new or revived panel to the controller. */
  static wire(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, controller: ChatController): void {
    ChatPanel.current = panel;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'rill.svg');
    panel.webview.options = webviewOptions(extensionUri);
    const bridge = controller.attach(panel.webview, () => panel.visible, panel.onDidChangeViewState);
    panel.webview.html = webviewHtml(panel.webview, extensionUri, 'panel');
    panel.onDidDispose(() => {
      controller.detach(bridge);
      if (ChatPanel.current === panel) ChatPanel.current = undefined;
    });
  }

  /** Restores chat tabs after a reload. */
  static serializer(extensionUri: vscode.Uri, controller: ChatController): vscode.WebviewPanelSerializer {
    return {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel) {
        ChatPanel.wire(panel, extensionUri, controller);
      },
    };
  }
}
