import * as vscode from 'vscode';
import type { Chat, ChatSession, ChatStore, ChatSummary } from '../core/chat';
import { HistoryIndex, chatToMarkdown, deriveTitle } from '../core/chat';
import type { Ui } from './ui';

/** How long after the last change a streaming chat is written to disk. */
const SAVE_DEBOUNCE_MS = 400;
const CURRENT_CHAT_KEY = 'rill.currentChatId';

/**
 * The saved chats: writes the current one as it streams, restores it next time, and opens,
 * renames, deletes and exports chats. Deleting always asks first (a modal dialog), because the
 * request comes from a webview and a deleted chat cannot be restored.
 */
export class ChatHistory implements vscode.Disposable {
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();
  /** A save failed and none has succeeded since: the user has been told once for this episode. */
  private failing = false;
  private readonly unsubscribe: () => void;
  /** The saved chats' search index, built on the first history search and kept up to date after. */
  private index: Promise<HistoryIndex> | undefined;

  constructor(
    private readonly session: ChatSession,
    private readonly store: ChatStore,
    /** The window's workspace state: each window restores its own current chat. */
    private readonly state: vscode.Memento,
    private readonly ui: () => Ui,
  ) {
    this.unsubscribe = session.onEvent((e) => {
      // Save as the reply streams (debounced) and at once when a turn ends, so a closed window loses nothing.
      if (e.type === 'turnUpdated' || e.type === 'truncated' || e.type === 'turnAdded')
        this.saveSoon(e.type === 'turnUpdated' && e.turn.status !== 'streaming');
      else if (e.type === 'delta') this.saveSoon(false);
    });
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

  /** Starts a new, empty chat (the current one stays in history). */
  async newChat(): Promise<void> {
    await this.flushSave();
    await this.session.replaceChat();
    await this.rememberCurrent(this.session.chat.id);
  }

  /** The saved chats, newest first, after writing the current one. */
  async list(): Promise<ChatSummary[]> {
    await this.flushSave();
    const chats = await this.store.list();
    this.reportCorrupt();
    return chats;
  }

  /**
   * The search index of every saved chat (the current one included once it has a message). The
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

  /** Makes the saved chat `id` the current one. */
  async open(id: string): Promise<void> {
    if (id === this.session.chat.id) return;
    await this.flushSave();
    const chat = await this.store.load(id);
    this.reportCorrupt();
    if (!chat) return;
    await this.session.replaceChat(chat);
    await this.rememberCurrent(chat.id);
  }

  /** Renames a chat; resolves true when it was the current one (whose views then need the new title). */
  async rename(id: string, title: string): Promise<boolean> {
    const chat: Chat | undefined = id === this.session.chat.id ? this.session.chat : await this.store.load(id);
    if (!chat || !title.trim()) return false;
    chat.title = title.trim();
    await this.store.save(chat);
    (await this.index)?.upsert(chat);
    return chat === this.session.chat;
  }

  /** Deletes a chat after the user confirms it in a modal dialog; resolves true when it was deleted. */
  async delete(id: string): Promise<boolean> {
    const current = id === this.session.chat.id;
    const chat = current ? this.session.chat : await this.store.load(id);
    if (!chat) return false;
    const t = vscode.l10n.t;
    const deleteAction = t('Delete');
    const answer = await this.ui().warn(
      t('Delete the chat "{0}"?', deriveTitle(chat)),
      { modal: true, detail: t('A deleted chat cannot be restored.') },
      deleteAction,
    );
    if (answer !== deleteAction) return false;
    if (current) await this.newChat();
    await this.store.delete(id);
    (await this.index)?.remove(id);
    return true;
  }

  /**
   * Writes a chat (the current one, or the saved chat `chatId`) as Markdown to `target`, or where
   * the user picks in a save dialog.
   */
  async export(target?: vscode.Uri, chatId?: string): Promise<void> {
    const chat = !chatId || chatId === this.session.chat.id ? this.session.chat : await this.store.load(chatId);
    this.reportCorrupt();
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
   * Records which chat to restore next time. Skips the write when nothing changed: saves run every
   * SAVE_DEBOUNCE_MS while a reply streams, and each Memento update is a storage write.
   */
  private async rememberCurrent(id: string): Promise<void> {
    if (this.state.get<string>(CURRENT_CHAT_KEY) !== id) await this.state.update(CURRENT_CHAT_KEY, id);
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
        const merged = await this.store.save(chat);
        (await this.index)?.upsert(chat);
        this.failing = false;
        await this.rememberCurrent(chat.id);
        // Another window added turns to this chat: show them here too (not while a reply streams).
        if (merged && chat === this.session.chat && !this.session.busy) await this.session.replaceChat(chat);
      } catch (e) {
        // Saves run every SAVE_DEBOUNCE_MS while a reply streams: one message per failure episode.
        if (this.failing) return;
        this.failing = true;
        void this.ui().error(
          vscode.l10n.t(
            'Rill could not save the chat: {0}. It stays open here; Rill keeps trying and says nothing more until a save succeeds.',
            e instanceof Error ? e.message : String(e),
          ),
        );
      }
    });
    await this.saving;
  }

  dispose(): void {
    this.unsubscribe();
  }
}
