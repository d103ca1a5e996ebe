import * as vscode from 'vscode';
import { DeltaBatcher } from '../core/deltaBatcher';
import type { ChatSession, SessionEvent } from '../core/session';
import { HostStatus, HostToWebview, WebviewToHost, parseWebviewMessage } from '../shared/protocol';

/** What a bridge needs from whoever owns the conversation. */
export interface BridgeOwner {
  readonly session: ChatSession;
  status(): HostStatus;
  strings(): Record<string, string>;
  /** Handles a validated message from this webview. */
  handle(msg: WebviewToHost, bridge: WebviewBridge): void | Promise<void>;
}

/**
 * Connects one webview (side view or editor tab) to the session. Posts nothing until the webview
 * says `ready`, then a snapshot; coalesces deltas to one message per frame; posts nothing while
 * the webview is hidden and sends one snapshot when it is shown again.
 */
export class WebviewBridge implements vscode.Disposable {
  private ready = false;
  private stale = false;
  private readonly batcher: DeltaBatcher;
  private readonly disposables: vscode.Disposable[] = [];
  /** `postMessage` calls made, for the message-economy benchmark and tests. */
  posted = 0;

  constructor(
    readonly webview: vscode.Webview,
    private readonly owner: BridgeOwner,
    private readonly isVisible: () => boolean,
    onDidChangeVisibility: vscode.Event<unknown>,
  ) {
    this.batcher = new DeltaBatcher((b) => this.post({ type: 'delta', ...b }));
    const unsubscribe = owner.session.onEvent((e) => this.onSession(e));
    this.disposables.push(
      { dispose: unsubscribe },
      webview.onDidReceiveMessage((raw) => {
        const msg = parseWebviewMessage(raw);
        if (!msg) return;
        if (msg.type === 'ready' || msg.type === 'resync') {
          this.ready = true;
          this.sendSnapshot();
          return;
        }
        void owner.handle(msg, this);
      }),
      onDidChangeVisibility(() => {
        if (this.isVisible() && this.stale) this.sendSnapshot();
      }),
    );
  }

  /** Posts a message if the webview can take it now; otherwise marks the view stale for a snapshot later. */
  post(msg: HostToWebview): void {
    if (!this.ready) return;
    if (!this.isVisible()) {
      this.stale = true;
      return;
    }
    this.posted++;
    void this.webview.postMessage(msg);
  }

  /** Sends the whole state (after ready, after being hidden, or after a chat was replaced). */
  sendSnapshot(): void {
    this.batcher.discard();
    this.stale = false;
    const chat = this.owner.session.chat;
    const seqs: Record<string, number> = {};
    for (const t of chat.turns) if (t.status === 'streaming') seqs[t.id] = this.batcher.seqOf(t.id);
    this.post({ type: 'snapshot', chat, status: this.owner.status(), strings: this.owner.strings(), seqs });
  }

  private onSession(e: SessionEvent): void {
    if (!this.ready) return;
    if (this.stale || !this.isVisible()) {
      this.stale = true;
      return;
    }
    switch (e.type) {
      case 'delta':
        this.batcher.push(e.turnId, e.text, e.reasoning);
        return;
      case 'chatReplaced':
        this.sendSnapshot();
        return;
      case 'turnAdded':
        this.batcher.flush();
        this.post({ type: 'turnAdded', turn: e.turn });
        return;
      case 'turnUpdated':
        this.batcher.flush();
        this.post({ type: 'turnUpdated', turn: e.turn });
        return;
      case 'truncated':
        this.batcher.flush();
        this.post({ type: 'truncated', fromIndex: e.fromIndex });
        return;
      case 'busy':
        this.batcher.flush();
        this.post({ type: 'status', status: this.owner.status() });
        return;
      case 'retryWait':
        this.post({ type: 'retryWait', turnId: e.turnId, until: e.until, attempt: e.attempt, message: e.message });
        return;
    }
  }

  dispose(): void {
    this.batcher.discard();
    for (const d of this.disposables) d.dispose();
  }
}
