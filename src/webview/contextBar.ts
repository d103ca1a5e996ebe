/**
 * Above the message box: the editor context chips of the next question (each removable with one
 * click or Delete), the "add context" button, and the meter of the window (used / window).
 */
import type { ChatTurn } from '../core/chat';
import type { ContextChip, WebviewStrings } from '../shared/protocol';
import { button, format, h, iconButton } from './dom';
import { post } from './host';

export class ContextBar {
  readonly el: HTMLElement;
  private readonly chipsEl: HTMLElement;
  readonly meter: HTMLElement;

  constructor(private readonly s: WebviewStrings) {
    this.chipsEl = h('div', { class: 'chips', role: 'list', 'aria-label': s.contextChips });
    this.meter = h('span', { class: 'meter', hidden: true });
    this.el = h(
      'div',
      { class: 'context-bar' },
      // A codicon button with a tooltip, as VS Code's own chat attaches context (a lone "#" did not read as a button).
      iconButton('attach', s.addContext, () => post({ type: 'addContext', mention: false }), {
        class: 'icon-button add-context',
      }),
      this.chipsEl,
      this.meter,
    );
  }

  /** Shows the pending chips. */
  showChips(chips: readonly ContextChip[]): void {
    this.chipsEl.textContent = '';
    for (const c of chips) {
      const remove = button('×', () => post({ type: 'removeChip', id: c.id }), {
        class: 'chip-remove',
        title: format(this.s.removeChip, c.label),
        'aria-label': format(this.s.removeChip, c.label),
      });
      // A held-back file: muted, says why, and offers to add it on purpose; nothing of it is sent otherwise.
      const parts: (Node | string)[] = [c.label];
      if (c.held) {
        parts.push(
          h('span', { class: 'chip-held' }, c.held),
          button('+', () => post({ type: 'includeChip', id: c.id }), {
            class: 'chip-include',
            title: format(this.s.includeChip, c.label),
            'aria-label': format(this.s.includeChip, c.label),
          }),
        );
      } else if (c.note) parts.push(h('span', { class: 'chip-note' }, c.note));
      const title = [c.detail, c.held, c.note].filter(Boolean).join('\n');
      this.chipsEl.append(
        h(
          'span',
          { class: `chip ${c.kind}${c.held ? ' held' : ''}`, role: 'listitem', title, 'data-chip-id': c.id },
          ...parts,
          remove,
        ),
      );
    }
  }

  /** The meter from the newest assistant turn that has window figures. */
  showMeter(turns: readonly Pick<ChatTurn, 'context'>[]): void {
    let ctx: ChatTurn['context'];
    for (let i = turns.length - 1; i >= 0 && !ctx; i--) ctx = turns[i].context;
    this.meter.hidden = !ctx;
    if (!ctx) return;
    this.meter.textContent = format(this.s.meter, ctx.promptTokens, ctx.windowTokens);
    const share = ctx.promptTokens / ctx.windowTokens;
    this.meter.classList.toggle('full', share > 0.9);
  }
}
