import * as vscode from 'vscode';
import type { ChatStore } from '../core/chat';
import type { ChatSession } from '../core/chat';
import { type Chat, HistoryIndex, chatToMarkdown, deriveTitle } from '../core/chat';
import { type HostStatus, type Welcome, type WebviewToHost, assertNever } from '../shared/protocol';
import { type BridgeOwner, WebviewBridge } from './webviewBridge';
import { webviewStrings } from './strings';

/** How long after the last change a streaming chat is written to disk. */
const SAVE_DEBOUNCE_MS = 400;
const CURRENT_CHAT_KEY = 'rill.currentChatId';

/** What the empty chat's welcome needs from the host (see `WelcomeState`). */
export interface SetupPort {
  state(): Welcome;
  /** Looks for local servers again. */
  probe(): Promise<void>;
  /** Makes the `index`-th found local server the active profile. */
  use(index: number): Promise<void>;
  /** The `index`-th example question, with the current file; undefined when there is none. */
  exampleMessage(index: number): string | undefined;
}

/**
 * Owns the one conversation shared by the side view, the editor tab and the editor commands:
 * the session, its persistence, and what the webviews ask for.
 */
export class ChatController implements BridgeOwner, vscode.Disposable {
  private readonly bridges = new Set<WebviewBridge>();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();
  private readonly disposables: vscode.Disposable[] = [];
  /** The saved chats' search index, built on the first history search and kept up to date after. */
  private index: Promise<HistoryIndex> | undefined;

  constructor(
    readonly session: ChatSession,
    private readonly store: ChatStore,
    private readonly state: vscode.Memento,
    private readonly model: () => string,
    private readonly setup: SetupPort,
  ) {
    this.disposables.push({
      dispose: session.onEvent((e) => {
        // Save as the reply streams (debounced) and at once when a turn ends, so a closed window loses nothing.
        if (e.type === 'turnUpdated' || e.type === 'truncated' || e.type === 'turnAdded')
          this.saveSoon(e.type === 'turnUpdated' && e.turn.status !== 'streaming');
        else if (e.type === 'delta') this.saveSoon(false);
      }),
    });
  }

  /** Restores the chat that was open last time, and reports files that could not be read. */
  async restore(): Promise<void> {
    const id = this.state.get<string>(CURRENT_CHAT_KEY);
    const chat = id ? await this.store.load(id) : undefined;
    if (chat) await this.session.replaceChat(chat);
    this.reportCorrupt();
  }

  private reportCorrupt(): void {
    for (const c of this.store.corrupt.splice(0)) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'Rill could not read the saved chat {0} ({1}). It was kept as {2} in the chat storage folder.',
          c.file,
          c.reason,
          c.keptAs,
        ),
      );
    }
  }

  /** Connects a webview; the returned bridge is disposed with it. */
  attach(
    webview: vscode.Webview,
    isVisible: () => boolean,
    onDidChangeVisibility: vscode.Event<unknown>,
  ): WebviewBridge {
    const bridge = new WebviewBridge(webview, this, isVisible, onDidChangeVisibility);
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

  status(): HostStatus {
    return { busy: this.session.busy, model: this.model(), welcome: this.setup.state() };
  }

  strings(): Record<string, string> {
    return webviewStrings();
  }

  /** Tells every webview the status changed (model switched, and the like). */
  refreshStatus(): void {
    for (const b of this.bridges) b.post({ type: 'status', status: this.status() });
  }

  /** Asks the webviews to focus their message box. */
  focusInput(): void {
    for (const b of this.bridges) b.post({ type: 'focusInput' });
  }

  /** Sends a user message from any surface. Ignored while a reply streams (the UI disables sending). */
  async send(text: string): Promise<void> {
    if (!text.trim() || this.session.busy) return;
    await this.session.ask(text);
  }

  /** Starts a new, empty chat (the current one stays in history). */
  async newChat(): Promise<void> {
    await this.flushSave();
    await this.session.replaceChat();
    await this.rememberCurrent(this.session.chat.id);
  }

  async handle(msg: WebviewToHost): Promise<void> {
    const s = this.session;
    switch (msg.type) {
      case 'ready':
      case 'resync':
        return; // answered by the bridge
      case 'send':
        return this.send(msg.text);
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
        return this.newChat();
      case 'copy':
        await vscode.env.clipboard.writeText(msg.text);
        return;
      case 'insertCode':
        return this.insertCode(msg.code, msg.language, msg.target);
      case 'openLink':
        return this.openLink(msg.href);
      case 'useLocalServer':
        return this.setup.use(msg.index);
      case 'setupAction':
        if (msg.action === 'findLocalServers') return this.setup.probe();
        await vscode.commands.executeCommand(`rill.${msg.action}`);
        return;
      case 'askExample': {
        const text = this.setup.exampleMessage(msg.index);
        if (text) await this.send(text);
        return;
      }
      default:
        assertNever(msg);
    }
  }

  /**
   * The search index of every saved chat (the current one included once it has a message). The
   * first call reads the chat folder; later calls return the same index, which saves, renames and
   * deletes keep current.
   */
  async history(): Promise<HistoryIndex> {
    await this.flushSave();
    this.index ??= this.store.loadAll().then((chats) => {
      const index = new HistoryIndex();
      for (const c of chats) index.upsert(c);
      return index;
    });
    const index = await this.index;
    this.reportCorrupt();
    return index;
  }

  /** Shows a saved chat in every surface (the current one is saved first). */
  async openChat(id: string): Promise<void> {
    if (id === this.session.chat.id) return;
    await this.flushSave();
    const chat = await this.store.load(id);
    this.reportCorrupt();
    if (!chat) return;
    await this.session.replaceChat(chat);
    await this.rememberCurrent(chat.id);
  }

  /**
   * Records which chat to restore next time. Skips the write when nothing changed: saves run every
   * SAVE_DEBOUNCE_MS while a reply streams, and each Memento update is a storage write.
   */
  private async rememberCurrent(id: string): Promise<void> {
    if (this.state.get<string>(CURRENT_CHAT_KEY) !== id) await this.state.update(CURRENT_CHAT_KEY, id);
  }

  /** The current chat, or a saved one by id; undefined when there is no such chat. */
  private async chatById(id: string): Promise<Chat | undefined> {
    if (id === this.session.chat.id) return this.session.chat;
    const chat = await this.store.load(id);
    this.reportCorrupt();
    return chat;
  }

  /** Gives a chat a title of its own (a blank title goes back to the derived one). */
  async renameChat(id: string, title: string): Promise<void> {
    const chat = await this.chatById(id);
    if (!chat) return;
    chat.title = title.trim();
    await this.store.save(chat);
    (await this.index)?.upsert(chat);
    if (chat === this.session.chat) for (const b of this.bridges) b.sendSnapshot();
  }

  /** Deletes a saved chat; deleting the current one starts a new chat first. */
  async deleteChat(id: string): Promise<void> {
    if (id === this.session.chat.id) await this.newChat();
    await this.store.delete(id);
    (await this.index)?.remove(id);
  }

  /**
   * Writes a chat (the current one, or the saved chat `chatId`) as Markdown to `target`, or where
   * the user picks in a save dialog.
   */
  async exportChat(target?: vscode.Uri, chatId?: string): Promise<void> {
    const chat = chatId ? await this.chatById(chatId) : this.session.chat;
    if (!chat) return;
    const uri =
      target ??
      (await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.file(
          `${
            deriveTitle(chat)
              .replace(/[^\w .-]+/g, '')
              .trim() || 'chat'
          }.md`,
        ),
        filters: { Markdown: ['md'] },
      }));
    if (!uri) return;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(chatToMarkdown(chat)));
  }

  private async insertCode(code: string, language: string, target: 'cursor' | 'newFile'): Promise<void> {
    if (target === 'newFile') {
      const doc = await vscode.workspace.openTextDocument({ content: code, language: language || undefined });
      await vscode.window.showTextDocument(doc);
      return;
    }
    const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
    if (!editor) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open an editor to insert the code at its cursor.'));
      return;
    }
    await editor.edit((b) => {
      for (const sel of editor.selections) b.replace(sel, code);
    });
  }

  /** Opens http(s) links only; anything else (command:, file:, javascript:) is refused. */
  private async openLink(href: string): Promise<void> {
    let uri: vscode.Uri;
    try {
      uri = vscode.Uri.parse(href, true);
    } catch {
      return;
    }
    if (uri.scheme !== 'http' && uri.scheme !== 'https') return;
    await vscode.env.openExternal(uri);
  }

  /**
   * Schedules a write: at once when a turn ended, else at most every SAVE_DEBOUNCE_MS while a
   * reply streams (a pending write is not pushed back, so a long answer is saved as it grows).
   */
  private saveSoon(now: boolean): void {
    if (this.saveTimer && !now) return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.flushSave(), now ? 0 : SAVE_DEBOUNCE_MS);
  }

  /** Writes the current chat now (and waits for any write under way). Empty chats are not saved. */
  async flushSave(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const chat = this.session.chat;
    if (chat.turns.length === 0) return;
    this.saving = this.saving.then(async () => {
      try {
        await this.store.save(chat);
        (await this.index)?.upsert(chat);
        await this.rememberCurrent(chat.id);
      } catch (e) {
        void vscode.window.showErrorMessage(
          vscode.l10n.t('Rill could not save the chat: {0}', e instanceof Error ? e.message : String(e)),
        );
      }
    });
    await this.saving;
  }

  dispose(): void {
    for (const b of this.bridges) b.dispose();
    this.bridges.clear();
    for (const d of this.disposables) d.dispose();
  }
}
