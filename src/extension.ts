import * as vscode from 'vscode';
import type { Rill } from './host/rill';
import { CHAT_EDITOR_VIEW_TYPE, CHAT_PANEL_VIEW_TYPE, CHAT_VIEW_ID } from './host/viewIds';

let rill: Rill | undefined;

/**
 * Builds Rill on first use. `./rill.js` is the second host bundle (built from src/host/rill.ts),
 * loaded only when a view or command is first used, so activation stays close to that of an
 * empty extension.
 */
function get(context: vscode.ExtensionContext): Rill {
  if (!rill) {
    rill = (require('./rill.js') as typeof import('./host/rill')).createRill(context);
    context.subscriptions.push(rill);
  }
  return rill;
}

/** What `activate` returns: a handle for the integration tests. */
export interface RillApi {
  /** Builds Rill if needed and returns it. */
  rill(): Rill;
}

/** Entry point: registers the view, the editor-tab serializers and every contributed command, all lazily. */
export function activate(context: vscode.ExtensionContext): RillApi {
  const contributed: { command: string }[] = context.extension.packageJSON.contributes?.commands ?? [];
  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, {
      resolveWebviewView: (view) => get(context).view.resolveWebviewView(view),
    }),
    vscode.window.registerWebviewPanelSerializer(CHAT_PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => get(context).panelSerializer.deserializeWebviewPanel(panel, state),
    }),
    vscode.window.registerWebviewPanelSerializer(CHAT_EDITOR_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) =>
        get(context).editorChatSerializer.deserializeWebviewPanel(panel, state),
    }),
    ...contributed.map(({ command }) =>
      vscode.commands.registerCommand(command, (...args: unknown[]) => {
        const handler = get(context).commands[command];
        if (!handler) throw new Error(`Rill has no handler for ${command}`);
        return handler(...args);
      }),
    ),
  );
  return { rill: () => get(context) };
}

/** Writes the open chats (with any partial replies) before the window goes away. */
export async function deactivate(): Promise<void> {
  await rill?.controller.flushSave();
}
