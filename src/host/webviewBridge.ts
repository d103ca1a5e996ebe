import type * as vscode from 'vscode';
import { DeltaBatcher } from '../core/chat';
import type { ChatSession, SessionEvent } from '../core/chat';
import type { ChatTurn } from '../core/chat';
import {
  type HostStatus,
  type HostToWebview,
  type TurnState,
  type WebviewStrings,
  type WebviewToHost,
  parseWebviewMessage,
} from '../shared/protocol';

/** What a bridge needs from whoever owns the conversation. */
export interface BridgeOwner {
  readonly session: ChatSession;
  status(): HostStatus;
  strings(): WebviewStrings;
  /** Handles a validated message from this webview. */
  handle(msg: WebviewToHost, bridge: WebviewBridge): void | Promise<void>;
}

/**
 * Milliseconds over which deltas are coalesced: a little over one frame (60 Hz), so that with the
 * few messages that start and end an answer the posts still stay below one per frame.
 * `RILL_DELTA_INTERVAL_MS` overrides it (0 posts every delta as it comes, the pass-through
 * reference of the latency benchmark).
 */
function deltaIntervalMs(): number {
  const raw = process.env.RILL_DELTA_INTERVAL_MS?.trim();
  const v = Number(raw);
  return raw && Number.isFinite(v) && v >= 0 ? v : 17.5;
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
  /** Text and reasoning lengths the webview holds per turn, so unchanged text is not sent again. */
  private readonly held = new Map<string, { text: number; reasoning: number }>();
  private readonly disposables: vscode.Disposable[] = [];
  /** `postMessage` calls made, by message type: for diagnostics and the message-economy tests. */
  readonly posted: Record<string, number> = {};

  constructor(
    readonly webview: vscode.Webview,
    private readonly owner: BridgeOwner,
    private readonly isVisible: () => boolean,
    onDidChangeVisibility: vscode.Event<unknown>,
  ) {
    this.batcher = new DeltaBatcher((b) => {
      const h = this.held.get(b.turnId);
      if (h) {
        h.text += b.text.length;
        h.reasoning += b.reasoning.length;
      }
      this.post(b.reasoning ? { type: 'delta', ...b } : { type: 'delta', turnId: b.turnId, seq: b.seq, text: b.text });
    }, deltaIntervalMs());
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
    this.posted[msg.type] = (this.posted[msg.type] ?? 0) + 1;
    void this.webview.postMessage(msg);
  }

  /** Sends the whole state (after ready, after being hidden, or after a chat was replaced). */
  sendSnapshot(): void {
    this.batcher.discard();
    this.stale = false;
    const chat = this.owner.session.chat;
    this.held.clear();
    for (const t of chat.turns) this.hold(t);
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
        this.hold(e.turn);
        this.post({ type: 'turnAdded', turn: e.turn });
        return;
      case 'turnUpdated':
        this.batcher.flush();
        this.post({ type: 'turnUpdated', turn: this.changes(e.turn) });
        return;
      case 'truncated':
        this.batcher.flush();
        this.post({ type: 'truncated', fromIndex: e.fromIndex });
        return;
      case 'busy':
        return; // the webview derives it from the streaming turn, one message fewer per answer

      case 'retryWait':
        this.post({ type: 'retryWait', turnId: e.turnId, until: e.until, attempt: e.attempt, message: e.message });
        return;
    }
  }

  private hold(turn: ChatTurn): void {
    this.held.set(turn.id, { text: turn.text.length, reasoning: turn.reasoning?.length ?? 0 });
  }

  /**
   * The turn as the webview needs it: text and reasoning only when they are not what the deltas
   * built there. The session only appends, resets or moves text, so equal lengths mean equal text.
   */
  private changes(turn: ChatTurn): TurnState {
    const { text, reasoning, ...rest } = turn;
    const h = this.held.get(turn.id);
    const state: TurnState = rest;
    if (!h || h.text !== text.length) state.text = text;
    if (!h || h.reasoning !== (reasoning?.length ?? 0)) state.reasoning = reasoning ?? '';
    this.hold(turn);
    return state;
  }

  dispose(): void {
    this.batcher.discard();
    for (const d of this.disposables) d.dispose();
  }
}
