/**
 * The bridge between one conversation and one webview: session events out as protocol messages
 * (deltas batched), the webview's messages in to its owner.
 */
import type * as vscode from 'vscode';
import { type ChatSession, type ChatTurn, DeltaBatcher, type SessionEvent } from '../../core/chat';
import {
  type ChangeSetView,
  type ContextChip,
  type HostStatus,
  type HostToWebview,
  parseWebviewMessage,
  type TurnState,
  type WebviewStrings,
  type WebviewToHost,
} from '../../shared/protocol';

/** What a bridge needs from whoever owns the conversation. */
export interface BridgeOwner {
  /** The status a webview showing `session` shows. */
  status(session: ChatSession): HostStatus;
  strings(): WebviewStrings;
  /** The editor context chips waiting for the next question. */
  contextChips(): ContextChip[];
  /** The answers' change sets. */
  changeSets(): ChangeSetView[];
  /** Handles a validated message from this webview. */
  handle(msg: WebviewToHost, bridge: WebviewBridge): void | Promise<void>;
}

/**
 * `RILL_DELTA_PASS_THROUGH=1` posts every delta the moment it comes, unpaced: the pass-through
 * reference of the latency benchmark, not a mode for users.
 */
const passThrough = () => process.env.RILL_DELTA_PASS_THROUGH === '1';

/**
 * Connects one webview (side view or editor tab) to the conversation it shows. Posts nothing until the webview
 * says `ready`, then a snapshot; paces deltas to at most one message per frame the webview draws
 * (see {@link DeltaBatcher}); posts nothing while the webview is hidden and sends one snapshot
 * when it is shown again.
 */
export class WebviewBridge implements vscode.Disposable {
  private ready = false;
  private stale = false;
  /** Paces deltas, and knows how much of each turn the webview holds, so unchanged text is not sent again. */
  private readonly batcher: DeltaBatcher;
  private readonly disposables: vscode.Disposable[] = [];
  /** `postMessage` calls made, by message type: for diagnostics and the message-economy tests. */
  readonly posted: Record<string, number> = {};
  /** `ready` and `resync` messages received: each is a webview (re)loaded or asking for the whole state. */
  readies = 0;

  constructor(
    readonly webview: vscode.Webview,
    /** The conversation this webview shows (the side panel's, or a chat editor's own). */
    readonly session: ChatSession,
    private readonly owner: BridgeOwner,
    private readonly isVisible: () => boolean,
    onDidChangeVisibility: vscode.Event<unknown>,
  ) {
    this.batcher = new DeltaBatcher((msg) => this.post(msg), !passThrough());
    const unsubscribe = session.onEvent((e) => this.onSession(e));
    this.disposables.push(
      { dispose: unsubscribe },
      webview.onDidReceiveMessage((raw) => {
        const msg = parseWebviewMessage(raw);
        if (!msg) return;
        if (msg.type === 'ready' || msg.type === 'resync') {
          this.readies++;
          this.ready = true;
          this.sendSnapshot();
          return;
        }
        if (msg.type === 'drawn') {
          this.batcher.drawn(msg.turnId, msg.seq);
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
    this.stale = false;
    const chat = this.session.chat;
    const seqs = this.batcher.snapshot(chat.turns);
    this.post({
      type: 'snapshot',
      chat,
      status: this.owner.status(this.session),
      strings: this.owner.strings(),
      seqs,
      chips: this.owner.contextChips(),
      changeSets: this.owner.changeSets().filter((v) => chat.turns.some((t) => t.id === v.turnId)),
    });
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
        this.batcher.hold(e.turn);
        this.post({ type: 'turnAdded', turn: e.turn });
        return;
      case 'turnUpdated':
      case 'context':
        this.batcher.flush();
        this.post({ type: 'turnUpdated', turn: this.changes(e.turn) });
        return;
      case 'truncated':
        this.batcher.flush();
        this.post({ type: 'truncated', fromIndex: e.fromIndex });
        return;
      case 'chatSettings':
        this.post({ type: 'status', status: this.owner.status(this.session) });
        return;
      case 'busy':
        return; // the webview derives it from the streaming turn, one message fewer per answer

      case 'retryWait':
        this.post({ type: 'retryWait', turnId: e.turnId, until: e.until, attempt: e.attempt, message: e.message });
        return;
    }
  }

  /**
   * The turn as the webview needs it: text and reasoning only when they are not what the deltas
   * built there. The session only appends, resets or moves text, so equal lengths mean equal text.
   */
  private changes(turn: ChatTurn): TurnState {
    const { text, reasoning, ...rest } = turn;
    const h = this.batcher.heldOf(turn.id);
    const state: TurnState = rest;
    if (h.text !== text.length) state.text = text;
    if (h.reasoning !== (reasoning?.length ?? 0)) state.reasoning = reasoning ?? '';
    this.batcher.hold(turn);
    return state;
  }

  dispose(): void {
    this.batcher.discard();
    for (const d of this.disposables) d.dispose();
  }
}
