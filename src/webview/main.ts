/**
 * The chat webview: renders the host's conversation and sends the user's actions back.
 * It holds no state of its own worth keeping: the host sends a snapshot on `ready`.
 */
import type { ChatTurn } from '../core/chat';
import { assertNever, type HostStatus, type HostToWebview, type WebviewStrings } from '../shared/protocol';
import { AutoScroll } from './autoScroll';
import { ContextBar } from './contextBar';
import { format, h } from './dom';
import { post, rememberChat } from './host';
import { setCodeBlockLabels } from './render/code-block';
import { icon } from './render/icons';
import { StreamingMarkdown } from './render/streaming-markdown';
import { SlashMenu } from './slashMenu';
import { type TurnActions, TurnView } from './turnView';
import { chatUsage, usageText } from './usage';
import { welcomeView } from './welcomeView';

/** Empty until the first snapshot brings the translated strings (nothing is shown before it). */
let strings: WebviewStrings | undefined;
let status: HostStatus = { model: '', welcome: { configured: false, probing: false, servers: [] } };
/** Whether an answer streams: derived here from the turns, never sent by the host. */
let busy = false;
const turns = new Map<string, TurnView>();
const order: TurnView[] = [];
/** A frame callback is pending. */
let frameAsked = false;
/** A render ran since the last frame was drawn: more text waits for this frame's callback. */
let renderedThisFrame = false;
/** Turns with text waiting to be rendered. */
const dirty = new Set<TurnView>();
/** The last delta applied since the last frame, reported to the host once that frame is drawn. */
let applied: { turnId: string; seq: number } | undefined;

const app = document.getElementById('app') as HTMLElement;
const log = h('div', {
  class: 'transcript',
  role: 'log',
  'aria-live': 'polite',
  'aria-relevant': 'additions',
  tabindex: '0',
});
const announcer = h('div', { class: 'sr-only', 'aria-live': 'polite' });
const jump = h('button', { type: 'button', class: 'jump', hidden: true });
const input = h('textarea', { rows: '2' });
const sendBtn = h('button', { type: 'button', class: 'primary send' });
/** The active profile and model, next to the input: opens Select Model (or Select Provider before any setup). */
const modelBtn = h('button', { type: 'button', class: 'model-picker' });
modelBtn.addEventListener('click', () =>
  post({ type: 'setupAction', action: status.welcome?.configured ? 'selectModel' : 'selectProvider' }),
);
const footerText = h('span', { class: 'footer-text' });
const footer = h('div', { class: 'footer', 'aria-live': 'off' }, modelBtn, footerText);
/** Says when the workspace's settings set the system prompt: a repository's instructions stay visible. */
const workspacePrompt = h('div', { class: 'workspace-prompt', role: 'note', hidden: true });
let contextBar: ContextBar | undefined;
let slashMenu: SlashMenu | undefined;
const scroller = new AutoScroll(log, jump);

const actions: TurnActions = {
  copy: (text) => post({ type: 'copy', text }),
  regenerate: (turnId) => post({ type: 'regenerate', turnId }),
  continueTurn: (turnId) => post({ type: 'continue', turnId }),
  retry: (turnId) => post({ type: 'retry', turnId }),
  editResend: (turnId, text) => post({ type: 'editResend', turnId, text }),
  cancelWait: () => post({ type: 'stop' }),
  setupAction: (action) => post({ type: 'setupAction', action }),
  openAttachment: (turnId, index) => post({ type: 'openAttachment', turnId, index }),
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

function layout(s: WebviewStrings): void {
  app.textContent = '';
  input.setAttribute('aria-label', s.messageLabel);
  input.placeholder = s.messagePlaceholder;
  jump.textContent = s.jumpToLatest;
  modelBtn.title = s.pickModel;
  modelBtn.setAttribute('aria-label', s.pickModel);
  log.setAttribute('aria-label', s.transcript);
  contextBar = new ContextBar(s);
  slashMenu = new SlashMenu(input, s);
  app.append(
    h('div', { class: 'main' }, log, jump),
    contextBar.el,
    h('div', { class: 'composer' }, slashMenu.el, input, sendBtn),
    workspacePrompt,
    footer,
    announcer,
  );
}

/** Longest part of a workspace system prompt shown inline; the whole text is in the tooltip. */
const PROMPT_PREVIEW_CHARS = 160;

function renderWorkspacePrompt(strings: WebviewStrings): void {
  const prompt = status.workspaceSystemPrompt;
  workspacePrompt.hidden = !prompt;
  if (!prompt) return;
  const oneLine = prompt.replace(/\s+/g, ' ').trim();
  const preview = oneLine.length > PROMPT_PREVIEW_CHARS ? `${oneLine.slice(0, PROMPT_PREVIEW_CHARS - 1)}…` : oneLine;
  workspacePrompt.textContent = `${strings.workspacePrompt} ${preview}`;
  workspacePrompt.title = prompt;
}

function renderStatus(strings: WebviewStrings): void {
  renderWorkspacePrompt(strings);
  slashMenu?.setCommands(status.commands ?? []);
  // Busy while an answer streams; derived here so the host need not post it.
  busy = order.some((v) => v.turn.status === 'streaming');
  const sendLabel = busy ? strings.stop : strings.send;
  if (sendBtn.getAttribute('aria-label') !== sendLabel) {
    sendBtn.replaceChildren(icon(busy ? 'debug-stop' : 'send'));
    sendBtn.setAttribute('aria-label', sendLabel);
    sendBtn.title = sendLabel;
  }
  sendBtn.classList.toggle('stop', busy);
  const last = [...order].reverse().find((t) => t.turn.role === 'assistant')?.turn;
  const w = status.welcome;
  const picker = w?.configured
    ? `${w.provider} · ${w.model || strings.noModel}`
    : status.model || strings.selectProvider;
  if (modelBtn.textContent !== picker) modelBtn.textContent = picker;
  const parts: string[] = [];
  if (busy) parts.push(strings.busy);
  if (last?.usage && last.firstTokenAt && last.endedAt && last.endedAt > last.firstTokenAt) {
    parts.push(
      format(
        strings.tokensPerSecond,
        (last.usage.completionTokens / ((last.endedAt - last.firstTokenAt) / 1000)).toFixed(1),
      ),
    );
  }
  const chat = chatUsage(order.map((v) => v.turn));
  if (chat.totalTokens) parts.push(format(strings.chatUsage, usageText(strings, chat)));
  footerText.textContent = parts.join(' · ');
  contextBar?.showMeter(order.map((v) => v.turn));
  markCut();
}

/**
 * The "N earlier messages not sent" marker, where the newest request's history was cut: before the
 * first turn that was still sent (counting the turns with text from the last summary on).
 */
function markCut(): void {
  log.querySelector('.cut-marker')?.remove();
  if (!strings) return;
  const s = strings;
  let last = -1;
  for (let i = order.length - 1; i >= 0 && last < 0; i--) if (order[i].turn.context) last = i;
  const dropped = last >= 0 ? (order[last].turn.context?.droppedMessages ?? 0) : 0;
  if (dropped <= 0) return;
  let start = 0;
  for (let i = last - 1; i >= 0; i--) {
    if (order[i].turn.summary && order[i].turn.status === 'complete') {
      start = i;
      break;
    }
  }
  let seen = 0;
  for (let i = start; i < last; i++) {
    if (!order[i].text) continue;
    if (seen === dropped) {
      order[i].el.before(h('div', { class: 'cut-marker', role: 'note' }, format(s.notSent, dropped)));
      return;
    }
    seen++;
  }
}

/** An empty chat shows the welcome (set-up steps, or the provider and example questions); a chat with messages shows none. */
function renderWelcome(strings: WebviewStrings): void {
  log.querySelector('.empty')?.remove();
  if (!order.length && status.welcome) log.append(welcomeView(status.welcome, strings));
}

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

function addTurn(strings: WebviewStrings, turn: ChatTurn, seq = 0, lazy = false): void {
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

function clearTurns(fromIndex = 0): void {
  for (const v of order.splice(fromIndex)) {
    nearView.unobserve(v.el);
    turns.delete(v.turn.id);
    dirty.delete(v);
    v.dispose();
  }
}

function render(): void {
  for (const v of dirty) v.flush();
  dirty.clear();
  scroller.contentChanged();
}

/**
 * Shows a delta's text in the frame it arrives: rendered at once when nothing was rendered since
 * the last frame, else in this frame's animation callback (just before it is drawn), together with
 * whatever else arrived meanwhile. So each frame renders at most twice and no text waits a frame.
 */
function scheduleRender(view: TurnView): void {
  dirty.add(view);
  if (!renderedThisFrame) {
    renderedThisFrame = true;
    render();
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
  renderedThisFrame = false;
  if (applied) post({ type: 'drawn', ...applied });
  applied = undefined;
}

function onMessage(msg: HostToWebview): void {
  if (msg.type === 'snapshot') {
    const first = !strings;
    strings = msg.strings;
    if (first) layout(strings);
  }
  // Every message but the snapshot needs the strings; none comes before it (the host waits for `ready`).
  if (strings) onMessageWith(strings, msg);
}

function onMessageWith(strings: WebviewStrings, msg: HostToWebview): void {
  switch (msg.type) {
    case 'snapshot': {
      rememberChat(msg.chat.id);
      status = msg.status;
      setCodeBlockLabels({
        copyName: strings.codeCopy,
        insertName: strings.insertAtCursor,
        newFileName: strings.insertNewFile,
        apply: strings.apply,
        applyName: strings.applyCode,
      });
      clearTurns();
      const eagerFrom = msg.chat.turns.length - EAGER_TURNS;
      for (const [i, t] of msg.chat.turns.entries()) addTurn(strings, t, msg.seqs[t.id] ?? 0, i < eagerFrom);
      contextBar?.showChips(msg.chips ?? []);
      for (const v of msg.changeSets ?? []) turns.get(v.turnId)?.setChangeSet(v);
      renderStatus(strings);
      renderWelcome(strings);
      scroller.toBottom();
      return;
    }
    case 'turnAdded':
      log.querySelector('.empty')?.remove();
      addTurn(strings, msg.turn);
      renderStatus(strings);
      scroller.contentChanged();
      return;
    case 'delta': {
      const view = turns.get(msg.turnId);
      if (!view?.delta(msg.seq, msg.text, msg.reasoning)) {
        post({ type: 'resync' });
        return;
      }
      applied = { turnId: msg.turnId, seq: msg.seq };
      scheduleRender(view);
      return;
    }
    case 'turnUpdated': {
      const view = turns.get(msg.turn.id);
      if (!view) return;
      const finished = view.turn.status === 'streaming' && msg.turn.status !== 'streaming';
      view.update(msg.turn);
      // The answer itself is announced by the log region once aria-busy clears; this adds a short cue.
      if (finished && msg.turn.role === 'assistant') announcer.textContent = strings.answerComplete;
      renderStatus(strings);
      scroller.contentChanged();
      return;
    }
    case 'truncated':
      clearTurns(msg.fromIndex);
      return;
    case 'status':
      status = msg.status;
      renderStatus(strings);
      renderWelcome(strings);
      return;
    case 'retryWait':
      turns.get(msg.turnId)?.showRetryWait(msg.until, msg.message);
      return;
    case 'focusInput':
      input.focus();
      return;
    case 'contextChips':
      contextBar?.showChips(msg.chips);
      // A `#` mention was answered with a pick: the `#` typed in the message gave way to the chip.
      if (msg.mention) dropMentionHash();
      return;
    case 'restoreInput':
      // Only into an empty box: what the user typed since is never overwritten.
      if (!input.value.trim()) input.value = msg.text;
      input.focus();
      return;
    case 'changeSet':
      turns.get(msg.view.turnId)?.setChangeSet(msg.view);
      scroller.contentChanged();
      return;
    default:
      assertNever(msg);
  }
}

function send(): void {
  if (busy) return;
  const text = input.value;
  if (!text.trim()) return;
  input.value = '';
  slashMenu?.close();
  post({ type: 'send', text });
}

/** Removes the `#` just before the caret (typed to open the context picker). */
function dropMentionHash(): void {
  const at = input.selectionStart;
  if (at > 0 && input.value[at - 1] === '#') {
    input.value = input.value.slice(0, at - 1) + input.value.slice(at);
    input.setSelectionRange(at - 1, at - 1);
  }
  input.focus();
}

input.addEventListener('input', (e) => {
  // A `#` typed at the start of a word opens the context picker (a `#` inside a word, `C#`, does not).
  const ev = e as InputEvent;
  if (ev.data !== '#' || ev.isComposing) return;
  const at = input.selectionStart;
  const before = input.value.slice(0, at - 1);
  if (before === '' || /\s$/.test(before)) post({ type: 'addContext', mention: true });
});

input.addEventListener('keydown', (e) => {
  // The `/` list, when open, takes the arrow keys, Enter, Tab and Escape.
  if (slashMenu?.handleKey(e)) return;
  // isComposing: Enter confirms an IME composition and must not send.
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
    e.preventDefault();
    send();
  }
});
sendBtn.addEventListener('click', () => (busy ? post({ type: 'stop' }) : send()));
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && busy) post({ type: 'stop' });
});

window.addEventListener('message', (e: MessageEvent<HostToWebview>) => onMessage(e.data));
post({ type: 'ready' });
