/**
 * The chat editors: editor tabs each holding a conversation of its own, saved and revived with the
 * window.
 */
import * as vscode from 'vscode';
import { type Chat, type ChatSession, deriveTitle } from '../../core/chat';
import { CHAT_EDITOR_VIEW_TYPE } from '../viewIds';
import type { ChatController } from './chatController';
import { webviewHtml, webviewOptions } from './webviewHtml';

/** The chat id a chat editor's webview remembered (see `rememberChat` in the webview), if any. */
function rememberedChatId(state: unknown): string | undefined {
  const id = (state as { chatId?: unknown } | undefined)?.chatId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * The chat editors: editor tabs that each hold a conversation of their own ("New Chat in Editor"),
 * apart from the side panel's. Each has its own session, so it streams, stops and is saved on its
 * own (`ChatHistory.track`); a reload brings each back with the chat it showed. A saved chat is
 * shown by at most one conversation of a window: opening one that is already open reveals it.
 */
export class EditorChats implements vscode.Disposable {
  private readonly open = new Map<vscode.WebviewPanel, ChatSession>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly controller: ChatController,
    /** A new, empty conversation with the same client and context state as the side panel's. */
    private readonly newSession: () => ChatSession,
    /** Follows a chat editor's conversation elsewhere (the status bar); the returned function stops that when it closes. */
    private readonly follow: (session: ChatSession) => () => void = () => () => undefined,
  ) {}

  /** Opens a new chat editor in the active editor group, with an empty chat or with `chat`. */
  async create(chat?: Chat): Promise<ChatSession> {
    const panel = vscode.window.createWebviewPanel(
      CHAT_EDITOR_VIEW_TYPE,
      vscode.l10n.t('Rill Chat'),
      vscode.ViewColumn.Active,
      { ...webviewOptions(this.extensionUri), retainContextWhenHidden: false },
    );
    return this.wire(panel, chat);
  }

  /** The conversations of the open chat editors, in the order they were opened. */
  sessions(): ChatSession[] {
    return [...this.open.values()];
  }

  /** The conversation of the chat editor that is the active editor, if one is. */
  active(): ChatSession | undefined {
    for (const [panel, session] of this.open) if (panel.active) return session;
    return undefined;
  }

  /** Brings the chat editor showing `session` to the front; false when no chat editor shows it. */
  reveal(session: ChatSession): boolean {
    for (const [panel, s] of this.open) {
      if (s !== session) continue;
      panel.reveal();
      return true;
    }
    return false;
  }

  /** Restores chat editors after a reload, each with the chat it showed. */
  serializer(): vscode.WebviewPanelSerializer {
    return {
      deserializeWebviewPanel: async (panel, state) => {
        const id = rememberedChatId(state);
        // A chat the side panel shows now stays there; this tab then starts empty.
        const chat = id && !this.controller.history.showing(id) ? await this.controller.history.load(id) : undefined;
        await this.wire(panel, chat);
      },
    };
  }

  private async wire(panel: vscode.WebviewPanel, chat: Chat | undefined): Promise<ChatSession> {
    const session = this.newSession();
    const unfollow = this.follow(session);
    if (chat) await session.replaceChat(chat);
    this.open.set(panel, session);
    this.controller.history.track(session);
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'rill.svg');
    panel.webview.options = webviewOptions(this.extensionUri);
    const bridge = this.controller.attach(panel.webview, () => panel.visible, panel.onDidChangeViewState, session);
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, 'panel');
    // The tab is named after its chat, so several chat editors can be told apart.
    const retitle = () => {
      panel.title = session.chat.turns.length ? deriveTitle(session.chat) : vscode.l10n.t('Rill Chat');
    };
    retitle();
    const unsubscribe = session.onEvent((e) => {
      if (e.type === 'chatReplaced' || e.type === 'turnAdded' || e.type === 'truncated') retitle();
    });
    const renamed = this.controller.onDidRenameChat((s) => s === session && retitle());
    panel.onDidDispose(() => {
      unsubscribe();
      renamed.dispose();
      this.controller.detach(bridge);
      this.open.delete(panel);
      // A reply still streaming stops and keeps its text; then the chat is written one last time.
      void session.stop().then(() => {
        unfollow();
        return this.controller.history.untrack(session);
      });
    });
    return session;
  }

  /** Stops the replies still streaming in chat editors (their chats are saved by `ChatHistory`). */
  dispose(): void {
    for (const session of this.open.values()) void session.stop();
    this.open.clear();
  }
}
