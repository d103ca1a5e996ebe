/**
 * Saves a conversation's chat as it changes, so a closed window loses nothing.
 */
import * as vscode from 'vscode';
import type { Chat, ChatSession, ChatStore } from '../../core/chat';
import type { Ui } from '../ui';

/** How long after the last change a streaming chat is written to disk. */
const SAVE_DEBOUNCE_MS = 400;

/**
 * Writes one conversation's chat to the store as it changes: at most every SAVE_DEBOUNCE_MS while
 * a reply streams, at once when a turn ends, so a closed window loses nothing. Each conversation
 * (the side panel's, each chat editor's) has its own, so each is saved on its own.
 */
export class ChatAutosave implements vscode.Disposable {
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();
  /** A save failed and none has succeeded since: the user has been told once for this episode. */
  private failing = false;
  private readonly unsubscribe: () => void;

  constructor(
    readonly session: ChatSession,
    private readonly store: ChatStore,
    private readonly ui: () => Ui,
    /** Called after each successful write (the search index and the remembered chat follow it). */
    private readonly onSaved: (chat: Chat) => Promise<void>,
  ) {
    this.unsubscribe = session.onEvent((e) => {
      if (e.type === 'turnUpdated' || e.type === 'truncated' || e.type === 'turnAdded')
        this.saveSoon(e.type === 'turnUpdated' && e.turn.status !== 'streaming');
      else if (e.type === 'delta') this.saveSoon(false);
      else if (e.type === 'chatSettings') this.saveSoon(true);
    });
  }

  /**
   * Schedules a write: at once when a turn ended, else at most every SAVE_DEBOUNCE_MS while a
   * reply streams (a pending write is not pushed back, so a long answer is saved as it grows).
   */
  private saveSoon(now: boolean): void {
    if (this.saveTimer && !now) return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.flush(), now ? 0 : SAVE_DEBOUNCE_MS);
  }

  /** Writes the chat now (and waits for any write under way). Empty chats are not saved. */
  async flush(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const chat = this.session.chat;
    if (chat.turns.length === 0) return;
    this.saving = this.saving.then(async () => {
      try {
        const merged = await this.store.save(chat);
        this.failing = false;
        await this.onSaved(chat);
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
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.unsubscribe();
  }
}
