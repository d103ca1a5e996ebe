/**
 * The chat webview: renders the host's conversation and sends the user's actions back.
 * It holds no state of its own worth keeping: the host sends a snapshot on `ready`. This file wires
 * the parts, each owning its state: the transcript (the turns), the composer (the message box), the
 * context bar and the footer; it keeps only the host's strings and status.
 */
import { assertNever, type HostStatus, type HostToWebview, type WebviewStrings } from '../shared/protocol';
import { Composer } from './composer';
import { ContextBar } from './contextBar';
import { h } from './dom';
import { Footer } from './footer';
import { post, rememberChat } from './host';
import { setCodeBlockLabels } from './render/code-block';
import { StreamingMarkdown } from './render/streaming-markdown';
import { Transcript } from './transcript';
import type { TurnActions } from './turnView';

/** Empty until the first snapshot brings the translated strings (nothing is shown before it). */
let strings: WebviewStrings | undefined;
let status: HostStatus = { model: '', welcome: { configured: false, probing: false, servers: [] } };
let contextBar: ContextBar | undefined;

const app = document.getElementById('app') as HTMLElement;

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
  makeRenderer: (el) =>
    new StreamingMarkdown(el, {
      onCopy: (text) => post({ type: 'copy', text }),
      onInsert: (code, language, target) => post({ type: 'insertCode', code, language, target }),
      onLink: (href) => post({ type: 'openLink', href }),
    }),
};

const transcript = new Transcript(actions);
const composer = new Composer();
const footer = new Footer();

function layout(s: WebviewStrings): void {
  app.textContent = '';
  transcript.label(s);
  footer.label(s);
  contextBar = new ContextBar(s);
  app.append(
    h('div', { class: 'main' }, transcript.log, transcript.jump),
    contextBar.el,
    composer.layout(s),
    footer.workspacePrompt,
    footer.el,
    transcript.announcer,
  );
}

function renderStatus(strings: WebviewStrings): void {
  composer.setCommands(status.commands ?? []);
  // Busy while an answer streams; derived here so the host need not post it.
  const busy = transcript.busy();
  composer.setBusy(busy, strings);
  const turns = transcript.turns();
  footer.render(strings, status, turns, busy);
  contextBar?.showMeter(turns);
  transcript.markCut(strings);
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
      transcript.showChat(strings, msg.chat.turns, msg.seqs);
      contextBar?.showChips(msg.chips ?? []);
      renderStatus(strings);
      transcript.showWelcome(strings, status);
      transcript.toBottom();
      return;
    }
    case 'turnAdded':
      transcript.hideWelcome();
      transcript.add(strings, msg.turn);
      renderStatus(strings);
      transcript.contentChanged();
      return;
    case 'delta':
      if (!transcript.delta(msg.turnId, msg.seq, msg.text, msg.reasoning)) post({ type: 'resync' });
      return;
    case 'turnUpdated':
      transcript.update(msg.turn, strings);
      renderStatus(strings);
      transcript.contentChanged();
      return;
    case 'truncated':
      transcript.clear(msg.fromIndex);
      return;
    case 'status':
      status = msg.status;
      renderStatus(strings);
      transcript.showWelcome(strings, status);
      return;
    case 'retryWait':
      transcript.retryWait(msg.turnId, msg.until, msg.message);
      return;
    case 'focusInput':
      composer.input.focus();
      return;
    case 'contextChips':
      contextBar?.showChips(msg.chips);
      // A `#` mention was answered with a pick: the `#` typed in the message gave way to the chip.
      if (msg.mention) composer.dropMentionHash();
      return;
    case 'restoreInput':
      composer.restore(msg.text);
      return;
    default:
      assertNever(msg);
  }
}

window.addEventListener('message', (e: MessageEvent<HostToWebview>) => onMessage(e.data));
post({ type: 'ready' });
