import * as vscode from 'vscode';
import { ChatStore } from './core/chatStore';
import { ModelCache } from './core/modelCache';
import { ChatSession } from './core/session';
import { ApiKeys } from './host/apiKeys';
import { ChatController } from './host/chatController';
import { ChatPanel, PANEL_VIEW_TYPE } from './host/chatPanel';
import { ChatViewProvider } from './host/chatViewProvider';
import { createClient } from './host/client';
import { registerKeyCommands } from './host/commands/apiKey';
import { registerSelectionCommands } from './host/commands/askAboutSelection';
import { registerChatCommands } from './host/commands/chat';
import { registerInsertLastAnswer } from './host/commands/insertLastAnswer';
import { registerModelCommands } from './host/commands/selectModel';
import { registerProviderCommands } from './host/commands/selectProvider';
import { registerConnectionTest } from './host/commands/testConnection';
import type { Services } from './host/services';
import { registerSettingsWatch } from './host/settingsWatch';
import { StatusBar } from './host/statusBar';
import { activeModel, resolveTarget } from './host/target';
import { vscodeUi } from './host/ui';

let active: ChatController | undefined;

/** What `activate` returns: handles for the integration tests. */
export interface RillApi {
  controller: ChatController;
  /** The shared services; tests replace `services.ui` to answer prompts. */
  services: Services;
}

/** Entry point: wires the features together and nothing else. */
export async function activate(context: vscode.ExtensionContext): Promise<RillApi> {
  const client = createClient();
  const keys = new ApiKeys(context.secrets, context.globalState, () => services.ui);
  const session = new ChatSession(client.stream, () => resolveTarget(keys));
  const store = new ChatStore(vscode.Uri.joinPath(context.globalStorageUri, 'chats').fsPath);
  const controller = new ChatController(session, store, context.globalState, activeModel);
  const view = new ChatViewProvider(context.extensionUri, controller);
  const status = new StatusBar(session);
  const services: Services = { context, session, controller, view, keys, status, ...client, models: new ModelCache(), ui: vscodeUi };
  context.subscriptions.push(
    controller,
    status,
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewType, view),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, ChatPanel.serializer(context.extensionUri, controller)),
    ...registerChatCommands(services),
    ...registerSelectionCommands(services),
    ...registerInsertLastAnswer(services),
    ...registerProviderCommands(services),
    ...registerKeyCommands(services),
    ...registerModelCommands(services),
    ...registerConnectionTest(services),
    ...registerSettingsWatch(services),
  );
  active = controller;
  await controller.restore();
  return { controller, services };
}

/** Writes the chat (with any partial reply) before the window goes away. */
export async function deactivate(): Promise<void> {
  await active?.flushSave();
}
