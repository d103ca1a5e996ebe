/**
 * The chat view in the activity bar: hands its webview to the controller.
 */
import * as vscode from 'vscode';
import { CHAT_VIEW_ID } from '../viewIds';
import type { ChatController } from './chatController';
import { webviewHtml, webviewOptions } from './webviewHtml';

/** The Rill chat in the activity-bar view container. */
export class ChatViewProvider implements vscode.WebviewViewProvider {
  static readonly viewType = CHAT_VIEW_ID;
  private view: vscode.WebviewView | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly controller: ChatController,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = webviewOptions(this.extensionUri);
    const bridge = this.controller.attach(view.webview, () => view.visible, view.onDidChangeVisibility);
    view.webview.html = webviewHtml(view.webview, this.extensionUri, 'view');
    view.onDidDispose(() => {
      this.controller.detach(bridge);
      if (this.view === view) this.view = undefined;
    });
  }

  /** Shows the view; `preserveFocus` keeps the keyboard in the editor. */
  async reveal(preserveFocus: boolean): Promise<void> {
    if (this.view) this.view.show(preserveFocus);
    else await vscode.commands.executeCommand(`${ChatViewProvider.viewType}.focus`, { preserveFocus });
    if (preserveFocus) await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  }
}
