/**
 * The `/` command completion under the caret of the message box: typing `/` at the start of the
 * message lists the commands, filtered as the name is typed; arrow keys move, Enter or Tab picks,
 * Escape closes, and the mouse works too. A listbox whose active option the message box names with
 * `aria-activedescendant`, so a screen reader follows the choice while focus stays in the box.
 */
import { matchCommands, type SlashCommandInfo } from '../core/prompts';
import type { WebviewStrings } from '../shared/protocol';
import { h } from './dom';
import { post } from './host';

const LIST_ID = 'slash-commands';

export class SlashMenu {
  readonly el: HTMLElement;
  private commands: readonly SlashCommandInfo[] = [];
  private shown: SlashCommandInfo[] = [];
  private active = 0;

  constructor(
    private readonly input: HTMLTextAreaElement,
    private readonly s: WebviewStrings,
  ) {
    this.el = h('div', {
      class: 'slash-menu',
      role: 'listbox',
      id: LIST_ID,
      'aria-label': s.commandList,
      hidden: true,
    });
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', LIST_ID);
    input.addEventListener('input', () => this.update());
    input.addEventListener('click', () => this.update());
    input.addEventListener('blur', () => this.close());
    // A click in the list picks without taking the focus from the message box.
    this.el.addEventListener('mousedown', (e) => e.preventDefault());
  }

  /** The commands to offer (from the host's status). */
  setCommands(commands: readonly SlashCommandInfo[]): void {
    this.commands = commands;
    if (this.isOpen) this.update();
  }

  get isOpen(): boolean {
    return !this.el.hidden;
  }

  /**
   * Handles a key pressed in the message box while the list is open; returns true when it did
   * (the caller then must not send). Escape closes the list only, it does not stop an answer.
   */
  handleKey(e: KeyboardEvent): boolean {
    if (!this.isOpen || e.isComposing) return false;
    const n = this.shown.length;
    switch (e.key) {
      case 'ArrowDown':
        this.setActive((this.active + 1) % n);
        break;
      case 'ArrowUp':
        this.setActive((this.active - 1 + n) % n);
        break;
      case 'Enter':
      case 'Tab':
        if (e.shiftKey) return false;
        this.pick(this.active);
        break;
      case 'Escape':
        this.close();
        e.stopPropagation();
        break;
      default:
        return false;
    }
    e.preventDefault();
    return true;
  }

  /** Opens, filters or closes the list for the text before the caret: `/` and a partial name. */
  private update(): void {
    const before = this.input.value.slice(0, this.input.selectionStart);
    const m = this.input.selectionStart === this.input.selectionEnd ? /^\/([\w-]*)$/.exec(before) : null;
    this.shown = m ? matchCommands(this.commands, m[1]) : [];
    if (!this.shown.length) {
      this.close();
      return;
    }
    this.render(m?.[1] ?? '');
    // The host reads the user's commands again; a change comes back as a new list.
    if (this.el.hidden) post({ type: 'listCommands' });
    this.el.hidden = false;
    this.setActive(0);
  }

  private render(query: string): void {
    this.el.textContent = '';
    for (const [i, c] of this.shown.entries()) {
      // The typed part is marked, as VS Code's suggest widget does: the `/` and what matched of the name.
      const at = query ? c.name.toLowerCase().indexOf(query.toLowerCase()) : 0;
      const end = at + query.length;
      const name =
        at === 0
          ? h(
              'span',
              { class: 'slash-name' },
              h('span', { class: 'slash-match' }, `/${c.name.slice(0, end)}`),
              c.name.slice(end),
            )
          : h(
              'span',
              { class: 'slash-name' },
              h('span', { class: 'slash-match' }, '/'),
              c.name.slice(0, at),
              h('span', { class: 'slash-match' }, c.name.slice(at, end)),
              c.name.slice(end),
            );
      const source =
        c.source === 'builtin'
          ? undefined
          : h('span', { class: 'slash-source' }, c.source === 'workspace' ? this.s.fromWorkspace : this.s.fromSettings);
      const option = h(
        'div',
        { class: 'slash-option', role: 'option', id: `${LIST_ID}-${i}`, 'aria-selected': 'false' },
        name,
        h('span', { class: 'slash-description' }, c.description),
        source,
      );
      option.addEventListener('mousemove', () => i !== this.active && this.setActive(i));
      option.addEventListener('click', () => this.pick(i));
      this.el.append(option);
    }
  }

  private setActive(i: number): void {
    this.el.children[this.active]?.setAttribute('aria-selected', 'false');
    this.active = i;
    const option = this.el.children[i];
    if (!option) return;
    option.setAttribute('aria-selected', 'true');
    option.scrollIntoView({ block: 'nearest' });
    this.input.setAttribute('aria-activedescendant', option.id);
  }

  /** Puts `/name ` in place of the partial name, ready for the text that goes with it. */
  private pick(i: number): void {
    const c = this.shown[i];
    if (!c) return;
    const caret = this.input.selectionStart;
    const rest = this.input.value.slice(caret).replace(/^[\w-]*\s*/, '');
    const head = `/${c.name} `;
    this.input.value = head + rest;
    this.input.setSelectionRange(head.length, head.length);
    this.close();
    this.input.focus();
  }

  close(): void {
    if (this.el.hidden) return;
    this.el.hidden = true;
    this.el.textContent = '';
    this.shown = [];
    this.input.removeAttribute('aria-activedescendant');
  }
}
