/**
 * The composer: the message box, the `/` command list, and the Send button (Stop while an answer
 * streams). It sends a question, opens the context picker on a `#` typed at the start of a word,
 * and stops an answer on Escape. This module owns the box's state.
 */
import type { SlashCommandInfo } from '../core/prompts';
import type { WebviewStrings } from '../shared/protocol';
import { h } from './dom';
import { post } from './host';
import { icon } from './render/icons';
import { SlashMenu } from './slashMenu';

/** The message box (the webview focuses it when the host asks). */
export const input = h('textarea', { rows: '2' });
const sendBtn = h('button', { type: 'button', class: 'primary send' });
let slashMenu: SlashMenu | undefined;
/** Whether an answer streams (Send then stops it); set from the turns by the webview. */
let busy = false;

/** Builds the composer in the strings' language. */
export function composer(s: WebviewStrings): HTMLElement {
  input.setAttribute('aria-label', s.messageLabel);
  input.placeholder = s.messagePlaceholder;
  slashMenu = new SlashMenu(input, s);
  return h('div', { class: 'composer' }, slashMenu.el, input, sendBtn);
}

/** The `/` commands in force. */
export function setCommands(commands: readonly SlashCommandInfo[]): void {
  slashMenu?.setCommands(commands);
}

/** Send or Stop, as an answer streams or not. */
export function setBusy(streaming: boolean, strings: WebviewStrings): void {
  busy = streaming;
  const label = busy ? strings.stop : strings.send;
  if (sendBtn.getAttribute('aria-label') !== label) {
    sendBtn.replaceChildren(icon(busy ? 'debug-stop' : 'send'));
    sendBtn.setAttribute('aria-label', label);
    sendBtn.title = label;
  }
  sendBtn.classList.toggle('stop', busy);
}

/** Puts text back into the box, only when it is empty: what the user typed since is never overwritten. */
export function restoreInput(text: string): void {
  if (!input.value.trim()) input.value = text;
  input.focus();
}

/** Removes the `#` just before the caret (typed to open the context picker). */
export function dropMentionHash(): void {
  const at = input.selectionStart;
  if (at > 0 && input.value[at - 1] === '#') {
    input.value = input.value.slice(0, at - 1) + input.value.slice(at);
    input.setSelectionRange(at - 1, at - 1);
  }
  input.focus();
}

function send(): void {
  if (busy) return;
  const text = input.value;
  if (!text.trim()) return;
  input.value = '';
  slashMenu?.close();
  post({ type: 'send', text });
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
