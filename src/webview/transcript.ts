/**
 * The transcript: the turns of the chat as views, the streaming of answers into them (at most two
 * renders a frame, the host told when a frame holds a delta), lazy Markdown for older answers, the
 * "N earlier messages not sent" marker, the welcome of an empty chat, and the scrolling. It owns the
 * turn views; the rest of the webview reads the turns through it.
 */
import type { ChatTurn } from '../core/chat';
import type { HostStatus, TurnState, WebviewStrings } from '../shared/protocol';
import { AutoScroll } from './autoScroll';
import { format, h } from './dom';
import { post } from './host';
import { type TurnActions, type TurnInfo, TurnView } from './turnView';
import { welcomeView } from './welcomeView';

/** Answers rendered as Markdown straight away when a chat opens; older ones wait until seen. */
const EAGER_TURNS = 12;

/** The turn views of one chat webview, in order, and how their text reaches the screen. */
export class Transcript {
  readonly log = h('div', {
    class: 'transcript',
    role: 'log',
    'aria-live': 'polite',
    'aria-relevant': 'additions',
    tabindex: '0',
  });
  readonly jump = h('button', { type: 'button', class: 'jump', hidden: true });
  /** A short spoken cue when an answer completes (the answer itself is read by the log region). */
  readonly announcer = h('div', { class: 'sr-only', 'aria-live': 'polite' });
  private readonly byId = new Map<string, TurnView>();
  private readonly order: TurnView[] = [];
  private readonly scroller = new AutoScroll(this.log, this.jump);
  /** A frame callback is pending. */
  private frameAsked = false;
  /** A render ran since the last frame was drawn: more text waits for this frame's callback. */
  private renderedThisFrame = false;
  /** Turns with text waiting to be rendered. */
  private readonly dirty = new Set<TurnView>();
  /** The last delta applied since the last frame, reported to the host once that frame is drawn. */
  private applied: { turnId: string; seq: number } | undefined;
  private readonly views = new WeakMap<Element, TurnView>();
  private readonly nearView = new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue;
        this.nearView.unobserve(e.target);
        this.views.get(e.target)?.materialize();
      }
    },
    { root: this.log, rootMargin: '1500px 0px' },
  );

  constructor(private readonly actions: TurnActions) {}

  /** Sets the labels of the strings' language. */
  label(s: WebviewStrings): void {
    this.jump.textContent = s.jumpToLatest;
    this.log.setAttribute('aria-label', s.transcript);
  }

  /** The turns shown, oldest first. */
  turns(): TurnInfo[] {
    return this.order.map((v) => v.turn);
  }

  /** Whether an answer streams: derived from the turns, never sent by the host. */
  busy(): boolean {
    return this.order.some((v) => v.turn.status === 'streaming');
  }

  /** Shows a whole chat (a snapshot): the newest answers rendered at once, older ones when seen. */
  showChat(strings: WebviewStrings, turns: readonly ChatTurn[], seqs: Record<string, number>): void {
    this.clear();
    const eagerFrom = turns.length - EAGER_TURNS;
    for (const [i, t] of turns.entries()) this.add(strings, t, seqs[t.id] ?? 0, i < eagerFrom);
  }

  /** Adds a turn at the end. */
  add(strings: WebviewStrings, turn: ChatTurn, seq = 0, lazy = false): void {
    const view = new TurnView(turn, strings, this.actions, lazy);
    view.seq = seq;
    this.byId.set(turn.id, view);
    this.order.push(view);
    this.log.append(view.el);
    if (view.lazy) {
      this.views.set(view.el, view);
      this.nearView.observe(view.el);
    }
  }

  /** Removes the turns from `fromIndex` on. */
  clear(fromIndex = 0): void {
    for (const v of this.order.splice(fromIndex)) {
      this.nearView.unobserve(v.el);
      this.byId.delete(v.turn.id);
      this.dirty.delete(v);
      v.dispose();
    }
  }

  /** Applies a delta; false when it does not follow what is shown (the host is then asked to resync). */
  delta(turnId: string, seq: number, text: string, reasoning?: string): boolean {
    const view = this.byId.get(turnId);
    if (!view?.delta(seq, text, reasoning)) return false;
    this.applied = { turnId, seq };
    this.scheduleRender(view);
    return true;
  }

  /** Shows a turn's new state, with a spoken cue when it finished an answer. */
  update(turn: TurnState, strings: WebviewStrings): void {
    const view = this.byId.get(turn.id);
    if (!view) return;
    const finished = view.turn.status === 'streaming' && turn.status !== 'streaming';
    view.update(turn);
    // The answer itself is announced by the log region once aria-busy clears; this adds a short cue.
    if (finished && turn.role === 'assistant') this.announcer.textContent = strings.answerComplete;
  }

  /** Shows a retry's countdown on its turn. */
  retryWait(turnId: string, until: number, message: string): void {
    this.byId.get(turnId)?.showRetryWait(until, message);
  }

  /** The content grew or changed: keeps the end in view when it was. */
  contentChanged(): void {
    this.scroller.contentChanged();
  }

  /** Scrolls to the end (a chat just opened). */
  toBottom(): void {
    this.scroller.toBottom();
  }

  /**
   * The "N earlier messages not sent" marker, where the newest request's history was cut: above the
   * first turn that was still sent, as the session recorded it (`context.firstSentTurnId`).
   */
  markCut(strings: WebviewStrings): void {
    this.log.querySelector('.cut-marker')?.remove();
    let context: ChatTurn['context'];
    for (let i = this.order.length - 1; i >= 0 && !context; i--) context = this.order[i].turn.context;
    const first = context?.firstSentTurnId && this.byId.get(context.firstSentTurnId);
    if (!context || !first) return;
    first.el.before(h('div', { class: 'cut-marker', role: 'note' }, format(strings.notSent, context.droppedMessages)));
  }

  /** An empty chat shows the welcome (set-up steps, or the provider and example questions); a chat with messages shows none. */
  showWelcome(strings: WebviewStrings, status: HostStatus): void {
    this.hideWelcome();
    if (!this.order.length && status.welcome) this.log.append(welcomeView(status.welcome, strings));
  }

  /** Removes the welcome (a first turn came). */
  hideWelcome(): void {
    this.log.querySelector('.empty')?.remove();
  }

  private render(): void {
    for (const v of this.dirty) v.flush();
    this.dirty.clear();
    this.scroller.contentChanged();
  }

  /**
   * Shows a delta's text in the frame it arrives: rendered at once when nothing was rendered since
   * the last frame, else in this frame's animation callback (just before it is drawn), together with
   * whatever else arrived meanwhile. So each frame renders at most twice and no text waits a frame.
   */
  private scheduleRender(view: TurnView): void {
    this.dirty.add(view);
    if (!this.renderedThisFrame) {
      this.renderedThisFrame = true;
      this.render();
    }
    if (!this.frameAsked) {
      this.frameAsked = true;
      requestAnimationFrame(() => this.onFrame());
    }
  }

  /**
   * Runs just before a frame is drawn: renders what waited, then tells the host the frame holds the
   * last delta, so it sends the next one (at most one `drawn` per frame, hence one delta per frame).
   */
  private onFrame(): void {
    this.frameAsked = false;
    if (this.dirty.size) this.render();
    this.renderedThisFrame = false;
    if (this.applied) post({ type: 'drawn', ...this.applied });
    this.applied = undefined;
  }
}
