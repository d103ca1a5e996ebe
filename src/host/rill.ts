/**
 * The composition root: builds the session, storage, views, status bar and command handlers on
 * first use (the second host bundle).
 */
import * as vscode from 'vscode';
import { ChatSession, ChatStore, type SessionEvent, type SessionTools } from '../core/chat';
import { createContextState, WindowMemory } from '../core/context';
import { ModelCache } from '../core/providers';
import { ChatController } from './chat/chatController';
import { ChatPanel } from './chat/chatPanel';
import { ChatViewProvider } from './chat/chatViewProvider';
import { EditorChats } from './chat/editorChats';
import { keyCommands } from './commands/apiKey';
import { selectionCommands } from './commands/askAboutSelection';
import { chatCommands } from './commands/chat';
import { historyCommands } from './commands/history';
import { insertLastAnswerCommands } from './commands/insertLastAnswer';
import { reviewCommands } from './commands/review';
import { modelCommands } from './commands/selectModel';
import { providerCommands } from './commands/selectProvider';
import { connectionTestCommands } from './commands/testConnection';
import { AskedRanges } from './edit/askedRanges';
import { ChangeSets } from './edit/changeSets';
import { VsCodeEditHost } from './edit/editHost';
import { Reviews } from './edit/reviews';
import { CommandApprovals } from './runCommand/approvals';
import { VsCodeCommandPort } from './runCommand/commandPort';
import type { Commands, Services } from './services';
import { ApiKeys } from './setup/apiKeys';
import { createClient } from './setup/client';
import { watchSettings } from './setup/settingsWatch';
import { StatusBar } from './setup/statusBar';
import { activeModel, resolveTarget } from './setup/target';
import { noteAnswered, WalkthroughSteps, watchProviderConfigured } from './setup/walkthroughSteps';
import { WelcomeState } from './setup/welcome';
import { sessionToolsFor } from './tools/sessionTools';
import { localStepWording } from './tools/stepWording';
import { vscodeUi } from './ui';

/** Where context windows learned from servers' errors are kept between sessions. */
const LEARNED_WINDOWS_KEY = 'rill.learnedWindows';

/** Everything Rill runs, built on first use (see `activate`). */
export interface Rill extends vscode.Disposable {
  controller: ChatController;
  view: ChatViewProvider;
  panelSerializer: vscode.WebviewPanelSerializer;
  /** Restores chat editors (conversations of their own) after a reload. */
  editorChatSerializer: vscode.WebviewPanelSerializer;
  /** Handlers for every contributed command, by command id. */
  commands: Commands;
  /** The shared services; the integration tests replace `services.ui` to answer prompts. */
  services: Services;
}

/** Builds the session, storage, views, status bar and command handlers, and restores the last chat. */
export function createRill(context: vscode.ExtensionContext): Rill {
  const log = vscode.window.createOutputChannel('Rill', { log: true });
  const client = createClient((line) => log.info(line));
  const keys = new ApiKeys(context.secrets, context.globalState, () => services.ui);
  const learned = new WindowMemory(context.globalState.get<Record<string, number>>(LEARNED_WINDOWS_KEY) ?? {});
  const contextState = createContextState(learned);
  // Windows learned from servers' overflow errors are kept for the next session.
  const keepLearned = (e: SessionEvent) => {
    if (e.type !== 'context') return;
    const now = learned.toJSON();
    if (JSON.stringify(now) !== JSON.stringify(context.globalState.get(LEARNED_WINDOWS_KEY) ?? {}))
      void context.globalState.update(LEARNED_WINDOWS_KEY, now);
  };
  /** A conversation: the side panel's, or a chat editor's; all share token counts and learned windows. */
  const newSession = () => {
    const s: ChatSession = new ChatSession(client.stream, () => resolveTarget(keys), {
      context: contextState,
      // Per chat: its own switch decides; an answer's edits collect in its change set, its commands wait for Run.
      tools: (turnId: string): SessionTools | undefined =>
        sessionToolsFor(
          s.chat,
          (reader, root) =>
            new VsCodeEditHost(reader, changes, turnId, root, new VsCodeCommandPort(approvals, turnId, root)),
        ),
    });
    s.onEvent(keepLearned);
    s.onEvent((e) => noteAnswered(walkthrough, e));
    return s;
  };
  const walkthrough = new WalkthroughSteps();
  const walkthroughWatch = watchProviderConfigured(walkthrough);
  const session = newSession();
  const store = new ChatStore(
    vscode.Uri.joinPath(context.globalStorageUri, 'chats').fsPath,
    undefined,
    localStepWording,
  );
  const reviews = new Reviews(() => services.ui);
  const askedRanges = new AskedRanges();
  const changes = new ChangeSets(() => services.ui);
  const approvals = new CommandApprovals();
  const welcome = new WelcomeState(client.listModels, () => controller.refreshStatus());
  const controller = new ChatController(
    session,
    store,
    context.workspaceState,
    activeModel,
    () => services.ui,
    { reviews, askedRanges, changes, approvals },
    welcome,
  );
  const view = new ChatViewProvider(context.extensionUri, controller);
  // A chat editor's answers show in the status bar too.
  const editorChats = new EditorChats(context.extensionUri, controller, newSession, (s) => status.follow(s));
  const status = new StatusBar(session);
  const services: Services = {
    context,
    session,
    controller,
    view,
    editorChats,
    keys,
    status,
    ...client,
    models: new ModelCache(),
    ui: vscodeUi,
    reviews,
    askedRanges,
    changes,
    restored: controller.restore(),
    walkthrough,
  };
  const settings = watchSettings(services);
  return {
    controller,
    view,
    panelSerializer: ChatPanel.serializer(context.extensionUri, controller),
    editorChatSerializer: editorChats.serializer(),
    commands: {
      ...chatCommands(services),
      ...historyCommands(services),
      ...selectionCommands(services),
      ...insertLastAnswerCommands(services),
      ...reviewCommands(services),
      ...providerCommands(services),
      ...keyCommands(services),
      ...modelCommands(services),
      ...connectionTestCommands(services),
    },
    services,
    dispose() {
      editorChats.dispose();
      settings.dispose();
      walkthroughWatch.dispose();
      welcome.dispose();
      services.reviews.dispose();
      services.changes.dispose();
      services.askedRanges.dispose();
      status.dispose();
      log.dispose();
      controller.dispose();
    },
  };
}
