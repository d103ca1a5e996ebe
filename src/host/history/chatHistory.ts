/**
 * The saved chats of the history: open, rename, delete, export.
 */
import * as vscode from 'vscode';
import {
  type Chat,
  type ChatSession,
  type ChatStore,
  type ChatSummary,
  chatToMarkdown,
  deriveTitle,
  HistoryIndex,
} from '../../core/chat';
import type { Ui } from '../ui';
import { ChatAutosave } from './chatAutosave';

const CURRENT_CHAT_KEY = 'rill.currentChatId';

/**
 * The saved chats: writes the current one as it streams, restores it next time, and opens,
 * renames, deletes and exports chats. Deleting always asks first (a modal dialog), because the
 * request comes from a webview and a deleted chat cannot be restored.
 */
export class ChatHistory implements vscode.Disposable {
  /** The side panel's conversation's saver first, then one per other conversation (chat editors). */
  private readonly savers: ChatAutosave[];
  /** The saved chats' search index, built on the first history search and kept up to date after. */
  private index: Promise<HistoryIndex> | undefined;

  constructor(
    /** The side panel's conversation: the chat this window restores at start. */
    private readonly session: ChatSession,
    private readonly store: ChatStore,
    /** The window's workspace state: each window restores its own current chat. */
    private readonly state: vscode.Memento,
    private readonly ui: () => Ui,
  ) {
    this.savers = [
      new ChatAutosave(session, store, ui, async (chat) => {
        await this.indexed(chat);
        await this.rememberCurrent(chat.id);
      }),
    ];
  }

  /** Saves another conversation (a chat editor's) as it changes, until {@link untrack}. */
  track(session: ChatSession): void {
    if (!this.savers.some((s) => s.session === session))
      this.savers.push(new ChatAutosave(session, this.store, this.ui, (chat) => this.indexed(chat)));
  }

  /** Writes a tracked conversation one last time and stops following it. */
  async untrack(session: ChatSession): Promise<void> {
    const i = this.savers.findIndex((s) => s.session === session);
    if (i <= 0) return;
    const [saver] = this.savers.splice(i, 1);
    await saver.flush();
    saver.dispose();
  }

  /** The conversation showing chat `id` in this window, if one does. */
  showing(id: string): ChatSession | undefined {
    return this.savers.find((s) => s.session.chat.id === id)?.session;
  }

  /** Reads a saved chat (undefined when there is none), reporting unreadable files. */
  async load(id: string): Promise<Chat | undefined> {
    const chat = await this.store.load(id);
    this.reportCorrupt();
    return chat;
  }

  private async indexed(chat: Chat): Promise<void> {
    (await this.index)?.upsert(chat);
  }

  /** Restores the chat that was open last time, and reports files that could not be read. */
  async restore(): Promise<void> {
    // Temporary files of writes that a crash or a full disk interrupted.
    await this.store.sweepTemporaryFiles().catch(() => 0);
    const id = this.state.get<string>(CURRENT_CHAT_KEY);
    const chat = id ? await this.store.load(id) : undefined;
    if (chat) await this.session.replaceChat(chat);
    this.reportCorrupt();
  }

  /** Says which chat files could not be read (once each). */
  reportCorrupt(): void {
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

  /** Starts a new, empty chat in `session` (default: the side panel's); the current one stays in history. */
  async newChat(session: ChatSession = this.session): Promise<void> {
    await this.flushSave();
    await session.replaceChat();
    if (session === this.session) await this.rememberCurrent(session.chat.id);
  }

  /** The saved chats, newest first, after writing the open ones. */
  async list(): Promise<ChatSummary[]> {
    await this.flushSave();
    const chats = await this.store.list();
    this.reportCorrupt();
    return chats;
  }

  /**
   * The search index of every saved chat (the open ones included once they have a message). The
   * first call reads the chat folder; later calls return the same index, which saves, renames and
   * deletes keep current.
   */
  async searchIndex(): Promise<HistoryIndex> {
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

  /**
   * Makes the saved chat `id` the one `session` (default: the side panel's) shows. The caller
   * makes sure no other conversation of this window shows it (see `ChatController.openChat`).
   */
  async open(id: string, session: ChatSession = this.session): Promise<void> {
    if (id === session.chat.id) return;
    await this.flushSave();
    const chat = await this.load(id);
    if (!chat) return;
    await session.replaceChat(chat);
    if (session === this.session) await this.rememberCurrent(chat.id);
  }

  /** Renames a chat; resolves true when an open conversation shows it (whose views then need the new title). */
  async rename(id: string, title: string): Promise<boolean> {
    const open = this.showing(id)?.chat;
    const chat: Chat | undefined = open ?? (await this.store.load(id));
    if (!chat || !title.trim()) return false;
    chat.title = title.trim();
    await this.store.save(chat);
    (await this.index)?.upsert(chat);
    return chat === open;
  }

  /**
   * Deletes a chat after the user confirms it in a modal dialog; resolves true when it was deleted.
   * A conversation that showed it starts a new chat.
   */
  async delete(id: string): Promise<boolean> {
    const showing = this.showing(id);
    const chat = showing ? showing.chat : await this.store.load(id);
    if (!chat) return false;
    const t = vscode.l10n.t;
    const deleteAction = t('Delete');
    const answer = await this.ui().warn(
      t('Delete the chat "{0}"?', deriveTitle(chat)),
      { modal: true, detail: t('A deleted chat cannot be restored.') },
      deleteAction,
    );
    if (answer !== deleteAction) return false;
    if (showing) await this.newChat(showing);
    await this.store.delete(id);
    (await this.index)?.remove(id);
    return true;
  }

  /**
   * Writes a chat (`session`'s, default the side panel's, or the saved chat `chatId`) as Markdown
   * to `target`, or where the user picks in a save dialog.
   */
  async export(target?: vscode.Uri, chatId?: string, session: ChatSession = this.session): Promise<void> {
    const chat = chatId === undefined ? session.chat : (this.showing(chatId)?.chat ?? (await this.load(chatId)));
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

  /**
   * Records which chat to restore next time. Skips the write when nothing changed: saves run
   * several times a second while a reply streams, and each Memento update is a storage write.
   */
  private async rememberCurrent(id: string): Promise<void> {
    if (this.state.get<string>(CURRENT_CHAT_KEY) !== id) await this.state.update(CURRENT_CHAT_KEY, id);
  }

  /** Writes every open chat now (and waits for writes under way). Empty chats are not saved. */
  async flushSave(): Promise<void> {
    await Promise.all(this.savers.map((s) => s.flush()));
  }

  dispose(): void {
    for (const s of this.savers) s.dispose();
  }
}
