/**
 * The composer: the message box, the `/` command list, and the Send button (Stop while an answer
 * streams). It sends a question, opens the context picker on a `#` typed at the start of a word,
 * and stops an answer on Escape.
 */
import type { SlashCommandInfo } from '../core/prompts';
import type { WebviewStrings } from '../shared/protocol';
import { h } from './dom';
import { post } from './host';
import { icon } from './render/icons';
import { SlashMenu } from './slashMenu';

/** The message box and its buttons; `busy` is set by the webview from the turns. */
export class Composer {
  readonly input = h('textarea', { rows: '2' });
  private readonly sendBtn = h('button', { type: 'button', class: 'primary send' });
  private slashMenu: SlashMenu | undefined;
  /** Whether an answer streams (Send then stops it). */
  private busy = false;

  constructor() {
    const input = this.input;
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
      if (this.slashMenu?.handleKey(e)) return;
      // isComposing: Enter confirms an IME composition and must not send.
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        this.send();
      }
    });
    this.sendBtn.addEventListener('click', () => (this.busy ? post({ type: 'stop' }) : this.send()));
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.busy) post({ type: 'stop' });
    });
  }

  /** Builds the composer in the strings' language. */
  layout(s: WebviewStrings): HTMLElement {
    this.input.setAttribute('aria-label', s.messageLabel);
    this.input.placeholder = s.messagePlaceholder;
    this.slashMenu = new SlashMenu(this.input, s);
    return h('div', { class: 'composer' }, this.slashMenu.el, this.input, this.sendBtn);
  }

  /** The `/` commands in force. */
  setCommands(commands: readonly SlashCommandInfo[]): void {
    this.slashMenu?.setCommands(commands);
  }

  /** Send or Stop, as an answer streams or not. */
  setBusy(busy: boolean, strings: WebviewStrings): void {
    this.busy = busy;
    const label = busy ? strings.stop : strings.send;
    if (this.sendBtn.getAttribute('aria-label') !== label) {
      this.sendBtn.replaceChildren(icon(busy ? 'debug-stop' : 'send'));
      this.sendBtn.setAttribute('aria-label', label);
      this.sendBtn.title = label;
    }
    this.sendBtn.classList.toggle('stop', busy);
  }

  /** Puts text back into the box, only when it is empty: what the user typed since is never overwritten. */
  restore(text: string): void {
    if (!this.input.value.trim()) this.input.value = text;
    this.input.focus();
  }

  /** Removes the `#` just before the caret (typed to open the context picker). */
  dropMentionHash(): void {
    const input = this.input;
    const at = input.selectionStart;
    if (at > 0 && input.value[at - 1] === '#') {
      input.value = input.value.slice(0, at - 1) + input.value.slice(at);
      input.setSelectionRange(at - 1, at - 1);
    }
    input.focus();
  }

  private send(): void {
    if (this.busy) return;
    const text = this.input.value;
    if (!text.trim()) return;
    this.input.value = '';
    this.slashMenu?.close();
    post({ type: 'send', text });
  }
}
