/**
 * The chat controller: what one chat webview (the side panel's, or the editor tab's) asks of the host.
 * It turns the webview's messages into actions on the conversation, the history, the context and the
 * editor, and keeps the webview's status (model, context, welcome) up to date.
 */
import * as vscode from 'vscode';
import type { ChatSession, ChatStore } from '../../core/chat';
import {
  assertNever,
  type ChangeSetAction,
  type ChangeSetView,
  type ContextChip,
  type HostStatus,
  type WebviewStrings,
  type WebviewToHost,
  type Welcome,
} from '../../shared/protocol';
import { pickContext } from '../context/contextPicker';
import { EditorContext, openAttachment } from '../context/editorContext';
import { applyBlocks } from '../edit/applyBlocks';
import { EditorActions, type ReviewServices } from '../edit/editorActions';
import { ChatHistory } from '../history/chatHistory';
import { PromptCommands } from '../prompts/promptCommands';
import { runSlashCommand, type SlashPort } from '../prompts/slashRun';
import type { CommandApprovals } from '../runCommand/approvals';
import { readToolSettings, workspaceSystemPrompt } from '../settings';
import { openStepLink } from '../tools/openStepLink';
import { toolsOn } from '../tools/toolsSwitch';
import type { Ui } from '../ui';
import { webviewStrings } from './strings';
import { type BridgeOwner, WebviewBridge } from './webviewBridge';

/** What the empty chat's welcome needs from the host (see `WelcomeState`). */
export interface SetupPort {
  state(): Welcome;
  /** Looks for local servers again. */
  probe(): Promise<void>;
  /** Makes the `index`-th found local server the active profile. */
  use(index: number): Promise<void>;
  /** The `index`-th example question, with the current file; undefined when there is none. */
  exampleMessage(index: number): Promise<string | undefined>;
}

/**
 * Connects the webviews to their conversations and routes what they ask for. `session` is the side
 * panel's conversation, shared by "Open Chat in Editor" and the editor commands; a chat editor
 * ("New Chat in Editor", see `EditorChats`) attaches its own session, and each webview's messages
 * act on the conversation it shows. Saved chats live in {@link ChatHistory}, what the buttons do in
 * the editor in {@link EditorActions}.
 */
export class ChatController implements BridgeOwner, vscode.Disposable {
  private readonly bridges = new Set<WebviewBridge>();
  readonly history: ChatHistory;
  readonly editor: EditorActions;
  /** The editor context of the next question (chips above the message box). */
  readonly editorContext: EditorContext;
  private readonly chipsWatch: vscode.Disposable;
  private readonly changesWatch: vscode.Disposable;
  /** The `/` commands the message box offers (and Ask About Selection's question box). */
  readonly prompts: PromptCommands;

  constructor(
    readonly session: ChatSession,
    store: ChatStore,
    state: vscode.Memento,
    private readonly model: () => string,
    private readonly ui: () => Ui,
    private readonly review: ReviewServices & { approvals: CommandApprovals },
    private readonly setup: SetupPort,
  ) {
    this.changesWatch = review.changes.onDidChange((turnId) => {
      const view = review.changes.view(turnId);
      if (view) for (const b of this.bridges) b.post({ type: 'changeSet', view });
    });
    this.editorContext = new EditorContext(ui);
    this.history = new ChatHistory(session, store, state, ui);
    this.editor = new EditorActions(ui, { session, ...review });
    this.chipsWatch = this.editorContext.onDidChange(({ mention }) => {
      const chips = this.editorContext.chips();
      for (const b of this.bridges) b.post({ type: 'contextChips', chips, mention });
    });
    this.prompts = new PromptCommands((message) => void ui().warn(message, {}));
    this.prompts.onDidChange(() => this.refreshStatus());
  }

  /** Restores the chat that was open last time, and reports files that could not be read. */
  restore(): Promise<void> {
    return this.history.restore();
  }

  /** Connects a webview showing `session` (default: the side panel's); the returned bridge is disposed with it. */
  attach(
    webview: vscode.Webview,
    isVisible: () => boolean,
    onDidChangeVisibility: vscode.Event<unknown>,
    session: ChatSession = this.session,
  ): WebviewBridge {
    const bridge = new WebviewBridge(webview, session, this, isVisible, onDidChangeVisibility);
    this.bridges.add(bridge);
    return bridge;
  }

  /** The connected webviews, for diagnostics and tests. */
  bridgeList(): readonly WebviewBridge[] {
    return [...this.bridges];
  }

  /** Disconnects a webview. */
  detach(bridge: WebviewBridge): void {
    this.bridges.delete(bridge);
    bridge.dispose();
  }

  status(session: ChatSession = this.session): HostStatus {
    const status: HostStatus = { model: this.model(), welcome: this.setup.state(), commands: this.prompts.infos() };
    const prompt = workspaceSystemPrompt();
    if (prompt) status.workspaceSystemPrompt = prompt;
    const { mode } = readToolSettings();
    if (mode !== 'off') status.tools = { on: toolsOn(session.chat, mode, vscode.workspace.isTrusted) };
    return status;
  }

  strings(): WebviewStrings {
    return webviewStrings();
  }

  changeSets(): ChangeSetView[] {
    return this.review.changes.views();
  }

  contextChips(): ContextChip[] {
    return this.editorContext.chips();
  }

  /** Tells every webview the status changed (model switched, and the like). */
  refreshStatus(): void {
    const status = this.status();
    // Once a provider and model work, questions that failed only for want of them leave the chat;
    // the last of them goes back into the message box, to send again.
    if (status.welcome.configured && status.model) {
      const dropped = this.session.dropSetupFailures();
      if (dropped.length) for (const b of this.bridges) b.post({ type: 'restoreInput', text: dropped.at(-1)! });
    }
    // Each webview's status carries its own chat's tools switch.
    for (const b of this.bridges) b.post({ type: 'status', status: this.status(b.session) });
  }

  /** Asks the webviews showing `session` to scroll to message `turnId` and mark the words of `query` in it. */
  revealMatch(session: ChatSession, turnId: string, query: string): void {
    for (const b of this.bridges) if (b.session === session) b.post({ type: 'revealMatch', turnId, query });
  }

  /** Asks the webviews to focus their message box. */
  focusInput(): void {
    for (const b of this.bridges) b.post({ type: 'focusInput' });
  }

  /**
   * Sends a user message (or runs a `/` command) in the conversation `from` shows (default: the side
   * panel's) with the pending editor context (read from the buffers now). Ignored while that
   * conversation's reply streams (the UI disables sending).
   */
  async send(text: string, from?: WebviewBridge): Promise<void> {
    const session = from?.session ?? this.session;
    if (!text.trim() || session.busy) return;
    if (await runSlashCommand(this.slashPort(from), text)) return;
    const attachments = await this.editorContext.take();
    await session.ask(text, { attachments });
  }

  /** What a `/` command typed in `from` (or sent by a test) may use; text it gives back goes to `from`. */
  private slashPort(from?: WebviewBridge): SlashPort {
    const session = from?.session ?? this.session;
    return {
      session,
      editorContext: this.editorContext,
      prompts: this.prompts,
      newChat: () => this.history.newChat(session),
      restoreInput: (text) => {
        for (const b of from ? [from] : this.bridges) b.post({ type: 'restoreInput', text });
      },
      info: (message) => void this.ui().info(message),
    };
  }

  /** Starts a new, empty chat (the current one stays in history). */
  newChat(): Promise<void> {
    return this.history.newChat();
  }

  /** Writes the current chat now. */
  flushSave(): Promise<void> {
    return this.history.flushSave();
  }

  /** Writes the chat as Markdown to `target`, or where the user picks in a save dialog. */
  exportChat(target?: vscode.Uri): Promise<void> {
    return this.history.export(target);
  }

  /** Handles a validated message from a webview; it acts on the conversation that webview shows. */
  async handle(msg: WebviewToHost, from?: WebviewBridge): Promise<void> {
    const s = from?.session ?? this.session;
    switch (msg.type) {
      case 'ready':
      case 'resync':
      case 'drawn':
        return; // answered by the bridge
      case 'send':
        return this.send(msg.text, from);
      case 'stop':
        return s.stop();
      case 'regenerate':
        if (!s.busy) await s.regenerate(msg.turnId);
        return;
      case 'editResend':
        if (!s.busy && msg.text.trim()) await s.editResend(msg.turnId, msg.text);
        return;
      case 'continue':
        if (!s.busy) await s.continueTurn(msg.turnId);
        return;
      case 'retry':
        if (!s.busy) await s.regenerate(msg.turnId);
        return;
      case 'newChat':
        return this.history.newChat(s);
      case 'copy':
        return this.editor.copy(msg.text);
      case 'insertCode':
        await this.editor.insertCode(msg.code, msg.language, msg.target, s, { turnId: msg.turnId, block: msg.block });
        return;
      case 'openLink':
        return this.editor.openLink(msg.href);
      case 'useLocalServer':
        return this.setup.use(msg.index);
      case 'setupAction':
        if (msg.action === 'findLocalServers') return this.setup.probe();
        await vscode.commands.executeCommand(`rill.${msg.action}`);
        return;
      case 'leaveWebview':
        await vscode.commands.executeCommand(
          msg.back ? 'workbench.action.focusPreviousPart' : 'workbench.action.focusNextPart',
        );
        return;
      case 'askExample': {
        const text = await this.setup.exampleMessage(msg.index);
        if (text) await this.send(text, from);
        return;
      }
      case 'removeChip':
        return this.editorContext.remove(msg.id);
      case 'includeChip':
        await this.editorContext.include(msg.id);
        return;
      case 'addContext':
        return pickContext(this.editorContext, msg.mention);
      case 'openAttachment': {
        const attachment = s.chat.turns.find((t) => t.id === msg.turnId)?.attachments?.[msg.index];
        if (attachment) await openAttachment(attachment);
        return;
      }
      case 'openStepLink': {
        const step = s.chat.turns.find((t) => t.id === msg.turnId)?.steps?.find((st) => st.id === msg.stepId);
        const link = step?.locations?.[msg.index];
        if (link) await openStepLink(link);
        return;
      }
      case 'setTools':
        return s.setTools(msg.on);
      case 'summariseAndContinue':
        if (!s.busy) await s.summariseAndContinue();
        return;
      case 'listCommands':
        // A change shows in the open list through the status.
        return this.prompts.refresh();
      case 'applyBlocks': {
        const turn = s.chat.turns.find((t) => t.id === msg.turnId);
        if (turn?.role === 'assistant' && turn.status !== 'streaming')
          await applyBlocks(this.review.changes, turn, msg.indexes, this.ui());
        return;
      }
      case 'changeSetAction':
        await this.changeSetAction(msg.turnId, msg.action, msg.path);
        return;
      case 'commandDecision':
        // Only a step of this webview's own chat: another chat's command is not this view's to run.
        if (s.chat.turns.some((t) => t.id === msg.turnId))
          this.review.approvals.decide(msg.turnId, msg.stepId, msg.run);
        return;
      default:
        assertNever(msg);
    }
  }

  /** A change set's button: Review, Accept All, Reject All, or one file's open / accept / reject. */
  private async changeSetAction(turnId: string, action: ChangeSetAction, path?: string): Promise<void> {
    const c = this.review.changes;
    switch (action) {
      case 'review':
        await c.review(turnId);
        return;
      case 'acceptAll':
        await c.accept(turnId);
        return;
      case 'rejectAll':
        await c.reject(turnId);
        return;
      case 'open':
        if (path) await c.open(turnId, path);
        return;
      case 'accept':
        if (path) await c.accept(turnId, [path]);
        return;
      case 'reject':
        if (path) await c.reject(turnId, [path]);
        return;
      default:
        assertNever(action);
    }
  }

  private readonly renamed = new vscode.EventEmitter<ChatSession>();
  /** Fires with the open conversation whose chat was just renamed (a chat editor then retitles its tab). */
  readonly onDidRenameChat = this.renamed.event;

  /** Renames a chat; the webviews and the chat editor tab showing it get its new title. */
  async renameChat(id: string, title: string): Promise<void> {
    if (!(await this.history.rename(id, title))) return;
    for (const b of this.bridges) b.sendSnapshot();
    const open = this.history.showing(id);
    if (open) this.renamed.fire(open);
  }

  dispose(): void {
    this.renamed.dispose();
    for (const b of this.bridges) b.dispose();
    this.bridges.clear();
    this.history.dispose();
    this.editor.dispose();
    this.chipsWatch.dispose();
    this.changesWatch.dispose();
    this.editorContext.dispose();
    this.prompts.dispose();
  }
}
