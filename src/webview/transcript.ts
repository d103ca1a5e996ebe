/**
 * The transcript: the turns of the chat as views, the streaming of answers into them (at most two
 * renders a frame, the host told when a frame holds a delta), lazy Markdown for older answers, what
 * a turn's buttons do, the "N earlier messages not sent" marker, the welcome of an empty chat, and
 * the scrolling. This module owns the turn views; the rest of the webview reads the turns through it.
 */
import type { ChatTurn } from '../core/chat';
import type { ChangeSetView, HostStatus, TurnState, WebviewStrings } from '../shared/protocol';
import { AutoScroll } from './autoScroll';
import { format, h } from './dom';
import { post } from './host';
import { StreamingMarkdown } from './render/streaming-markdown';
import { clearMarks, markWords } from './searchMark';
import { type TurnActions, type TurnInfo, TurnView } from './turnView';
import { welcomeView } from './welcomeView';

export const log = h('div', {
  class: 'transcript',
  role: 'log',
  'aria-live': 'polite',
  'aria-relevant': 'additions',
  tabindex: '0',
});
export const jump = h('button', { type: 'button', class: 'jump', hidden: true });
/** A short spoken cue when an answer completes (the answer itself is read by the log region). */
export const announcer = h('div', { class: 'sr-only', 'aria-live': 'polite' });

const turns = new Map<string, TurnView>();
const order: TurnView[] = [];
/** Keeps the end in view while it was (`contentChanged`), or goes there (`toBottom`, a chat just opened). */
export const scroller = new AutoScroll(log, jump);
/** A frame callback is pending. */
let frameAsked = false;
/**
 * Milliseconds spent rendering since the last frame was drawn. Text renders when it arrives while
 * this is under {@link FRAME_RENDER_BUDGET_MS}, else it waits for this frame's callback.
 */
let renderMsThisFrame = 0;
/**
 * A quarter of a 60 Hz frame: a slow stream's tokens (a message each) all render as they come,
 * while a frame that already spent this much on rendering leaves the rest to its callback, so
 * rendering never crowds out the frame itself.
 */
const FRAME_RENDER_BUDGET_MS = 4;
/** Turns with text waiting to be rendered. */
const dirty = new Set<TurnView>();
/** The last delta applied since the last frame, reported to the host once that frame is drawn. */
let applied: { turnId: string; seq: number } | undefined;

/** What a turn's buttons and its answer's code blocks ask of the host. */
const actions: TurnActions = {
  copy: (text) => post({ type: 'copy', text }),
  regenerate: (turnId) => post({ type: 'regenerate', turnId }),
  continueTurn: (turnId) => post({ type: 'continue', turnId }),
  retry: (turnId) => post({ type: 'retry', turnId }),
  editResend: (turnId, text) => post({ type: 'editResend', turnId, text }),
  cancelWait: () => post({ type: 'stop' }),
  setupAction: (action) => post({ type: 'setupAction', action }),
  openAttachment: (turnId, index) => post({ type: 'openAttachment', turnId, index }),
  openStepLink: (turnId, stepId, index) => post({ type: 'openStepLink', turnId, stepId, index }),
  decideCommand: (turnId, stepId, run) => post({ type: 'commandDecision', turnId, stepId, run }),
  newChat: () => post({ type: 'newChat' }),
  summarise: () => post({ type: 'summariseAndContinue' }),
  applyBlocks: (turnId, indexes) => post({ type: 'applyBlocks', turnId, indexes }),
  changeSet: (turnId, action) => post({ type: 'changeSetAction', turnId, action }),
  file: (turnId, action, path) => post({ type: 'changeSetAction', turnId, action, path }),
  makeRenderer: (el, turnId) =>
    new StreamingMarkdown(el, {
      onCopy: (text) => post({ type: 'copy', text }),
      onInsert: (code, language, target, block) =>
        post({ type: 'insertCode', code, language, target, turnId, ...(block === undefined ? {} : { block }) }),
      onLink: (href) => post({ type: 'openLink', href }),
    }),
};

/** Answers rendered as Markdown straight away when a chat opens; older ones wait until seen. */
const EAGER_TURNS = 12;
const nearView = new IntersectionObserver(
  (entries) => {
    for (const e of entries) {
      if (!e.isIntersecting) continue;
      nearView.unobserve(e.target);
      views.get(e.target)?.materialize();
    }
  },
  { root: log, rootMargin: '1500px 0px' },
);
const views = new WeakMap<Element, TurnView>();

/** Sets the labels of the strings' language. */
export function labelTranscript(s: WebviewStrings): void {
  jump.textContent = s.jumpToLatest;
  log.setAttribute('aria-label', s.transcript);
}

/** The turns shown, oldest first. */
export function shownTurns(): TurnInfo[] {
  return order.map((v) => v.turn);
}

/** Shows a whole chat (a snapshot): the newest answers rendered at once, older ones when seen. */
export function showChat(strings: WebviewStrings, chat: readonly ChatTurn[], seqs: Record<string, number>): void {
  clearTurns();
  const eagerFrom = chat.length - EAGER_TURNS;
  for (const [i, t] of chat.entries()) addTurn(strings, t, seqs[t.id] ?? 0, i < eagerFrom);
}

/** Adds a turn at the end. */
export function addTurn(strings: WebviewStrings, turn: ChatTurn, seq = 0, lazy = false): void {
  const view = new TurnView(turn, strings, actions, lazy);
  view.seq = seq;
  turns.set(turn.id, view);
  order.push(view);
  log.append(view.el);
  if (view.lazy) {
    views.set(view.el, view);
    nearView.observe(view.el);
  }
}

/** Removes the turns from `fromIndex` on. */
export function clearTurns(fromIndex = 0): void {
  for (const v of order.splice(fromIndex)) {
    nearView.unobserve(v.el);
    turns.delete(v.turn.id);
    dirty.delete(v);
    v.dispose();
  }
}

/** Applies a delta; false when it does not follow what is shown (the host is then asked to resync). */
export function applyDelta(turnId: string, seq: number, text: string, reasoning?: string): boolean {
  const view = turns.get(turnId);
  if (!view?.delta(seq, text, reasoning)) return false;
  applied = { turnId, seq };
  scheduleRender(view);
  return true;
}

/** Shows a turn's new state, with a spoken cue when it finished an answer; true when it just finished. */
export function updateTurn(turn: TurnState, strings: WebviewStrings): boolean {
  const view = turns.get(turn.id);
  if (!view) return false;
  const finished = view.turn.status === 'streaming' && turn.status !== 'streaming';
  view.update(turn);
  // The answer itself is announced by the log region once aria-busy clears; this adds a short cue.
  if (finished && turn.role === 'assistant') announcer.textContent = strings.answerComplete;
  return finished;
}

/** Shows a change set (its summary and buttons) under the answer it belongs to. */
export function showChangeSet(view: ChangeSetView): void {
  turns.get(view.turnId)?.setChangeSet(view);
}

/** Shows a retry's countdown on its turn. */
export function showRetryWait(turnId: string, until: number, message: string): void {
  turns.get(turnId)?.showRetryWait(until, message);
}

/**
 * The "N earlier messages not sent" marker, where the newest request's history was cut: above the
 * first turn that was still sent, as the session recorded it (`context.firstSentTurnId`).
 */
export function markCut(strings: WebviewStrings): void {
  log.querySelector('.cut-marker')?.remove();
  let context: ChatTurn['context'];
  for (let i = order.length - 1; i >= 0 && !context; i--) context = order[i].turn.context;
  const first = context?.firstSentTurnId && turns.get(context.firstSentTurnId);
  if (!context || !first) return;
  first.el.before(h('div', { class: 'cut-marker', role: 'note' }, format(strings.notSent, context.droppedMessages)));
}

/**
 * An empty chat shows the welcome (set-up steps, or the provider and example questions); a chat with
 * messages shows none, except while nothing is set up and every answer so far failed for that reason:
 * the set-up steps then come back below the failed questions.
 */
export function showWelcome(strings: WebviewStrings, status: HostStatus): void {
  hideWelcome();
  const w = status.welcome;
  if (!w) return;
  const onlySetupFailures =
    !w.configured &&
    order.every((v) => v.turn.role === 'user' || (v.turn.status === 'error' && v.turn.error?.kind === 'config'));
  if (!order.length || onlySetupFailures) log.append(welcomeView(w, strings));
}

/** Removes the welcome (a first turn came). */
export function hideWelcome(): void {
  log.querySelector('.empty')?.remove();
}

function render(): void {
  for (const v of dirty) v.flush();
  dirty.clear();
  scroller.contentChanged();
}

/**
 * Shows a delta's text in the frame it arrives: rendered at once while this frame's rendering is
 * within its budget, else in this frame's animation callback (just before it is drawn), together
 * with whatever else arrived meanwhile. So no text waits a frame, and rendering time per frame is
 * bounded by the budget plus one render.
 */
function scheduleRender(view: TurnView): void {
  dirty.add(view);
  if (renderMsThisFrame < FRAME_RENDER_BUDGET_MS) {
    const start = performance.now();
    render();
    renderMsThisFrame += performance.now() - start;
  }
  if (!frameAsked) {
    frameAsked = true;
    requestAnimationFrame(onFrame);
  }
}

/**
 * Runs just before a frame is drawn: renders what waited, then tells the host the frame holds the
 * last delta, so it sends the next one (at most one `drawn` per frame, hence one delta per frame).
 */
function onFrame(): void {
  frameAsked = false;
  if (dirty.size) render();
  renderMsThisFrame = 0;
  if (applied) post({ type: 'drawn', ...applied });
  applied = undefined;
}

/**
 * A history search opened this chat: renders message `turnId`, marks the words of `query` in it
 * and scrolls its first mark (or the message) into view. Unknown turns are ignored.
 */
export function revealMatch(turnId: string, query: string): void {
  const view = turns.get(turnId);
  if (!view) return;
  view.materialize();
  clearMarks(log);
  const marks = markWords(view.el.querySelector('.body') ?? view.el, query);
  const target = marks[0] ?? view.el;
  scroller.show(target);
  // The turns above may have been drawn at their estimated height (content-visibility): once this
  // frame laid them out, scroll again to where the mark now is.
  requestAnimationFrame(() => scroller.show(target));
}
