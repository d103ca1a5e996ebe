/**
 * The chat webview: renders the host's conversation and sends the user's actions back.
 * It holds no state of its own worth keeping: the host sends a snapshot on `ready`. This file wires
 * the parts, each owning its state: the transcript (the turns), the composer (the message box), the
 * context bar and the footer; it keeps only the host's strings and status.
 */
import { assertNever, type HostStatus, type HostToWebview, type WebviewStrings } from '../shared/protocol';
import { composer, dropMentionHash, input, restoreInput, setBusy, setCommands } from './composer';
import { ContextBar } from './contextBar';
import { h } from './dom';
import { footer, labelFooter, renderFooter, workspacePrompt } from './footer';
import { post, rememberChat } from './host';
import { setCodeBlockLabels } from './render/code-block';
import './tabOut';
import {
  addTurn,
  announcer,
  applyDelta,
  clearTurns,
  hideWelcome,
  jump,
  labelTranscript,
  log,
  markCut,
  revealMatch,
  scroller,
  showChangeSet,
  showChat,
  shownTurns,
  showRetryWait,
  showWelcome,
  updateTurn,
} from './transcript';

/** Empty until the first snapshot brings the translated strings (nothing is shown before it). */
let strings: WebviewStrings | undefined;
let status: HostStatus = { model: '', welcome: { configured: false, probing: false, servers: [] } };
let contextBar: ContextBar | undefined;

const app = document.getElementById('app') as HTMLElement;

function layout(s: WebviewStrings): void {
  app.textContent = '';
  labelTranscript(s);
  labelFooter(s);
  contextBar = new ContextBar(s);
  app.append(h('div', { class: 'main' }, log, jump), contextBar.el, composer(s), workspacePrompt, footer, announcer);
}

function renderStatus(strings: WebviewStrings): void {
  setCommands(status.commands ?? []);
  const turns = shownTurns();
  // Busy while an answer streams; derived here so the host need not post it.
  const busy = turns.some((t) => t.status === 'streaming');
  setBusy(busy, strings);
  renderFooter(strings, status, turns, busy);
  contextBar?.showMeter(turns);
  markCut(strings);
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
      showChat(strings, msg.chat.turns, msg.seqs);
      contextBar?.showChips(msg.chips ?? []);
      for (const v of msg.changeSets ?? []) showChangeSet(v);
      renderStatus(strings);
      showWelcome(strings, status);
      scroller.toBottom();
      return;
    }
    case 'turnAdded':
      hideWelcome();
      addTurn(strings, msg.turn);
      renderStatus(strings);
      scroller.contentChanged();
      return;
    case 'delta':
      if (!applyDelta(msg.turnId, msg.seq, msg.text, msg.reasoning)) post({ type: 'resync' });
      return;
    case 'turnUpdated': {
      const finished = updateTurn(msg.turn, strings);
      renderStatus(strings);
      // A failed first question while nothing is set up brings the set-up steps back.
      if (finished) showWelcome(strings, status);
      scroller.contentChanged();
      return;
    }
    case 'truncated':
      clearTurns(msg.fromIndex);
      return;
    case 'status':
      status = msg.status;
      renderStatus(strings);
      showWelcome(strings, status);
      return;
    case 'retryWait':
      showRetryWait(msg.turnId, msg.until, msg.message);
      return;
    case 'focusInput':
      input.focus();
      return;
    case 'revealMatch':
      revealMatch(msg.turnId, msg.query);
      return;
    case 'contextChips':
      contextBar?.showChips(msg.chips);
      // A `#` mention was answered with a pick: the `#` typed in the message gave way to the chip.
      if (msg.mention) dropMentionHash();
      return;
    case 'restoreInput':
      restoreInput(msg.text);
      return;
    case 'changeSet':
      showChangeSet(msg.view);
      scroller.contentChanged();
      return;
    default:
      assertNever(msg);
  }
}

window.addEventListener('message', (e: MessageEvent<HostToWebview>) => onMessage(e.data));
post({ type: 'ready' });
