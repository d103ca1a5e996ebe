import type { WebviewStrings } from '../shared/protocol';
import type { ChatSummary } from '../core/chat';
import { button, h } from './dom';
import { post } from './host';

/** The list of saved chats: open, rename, delete. A dialog over the transcript. */
export class HistoryView {
  readonly el: HTMLElement;
  private readonly list: HTMLElement;

  constructor(private readonly s: WebviewStrings) {
    this.list = h('ul', { class: 'history-list' });
    this.el = h(
      'section',
      { class: 'history', role: 'dialog', 'aria-label': s.history, hidden: true },
      h(
        'div',
        { class: 'history-head' },
        h('h2', {}, s.history),
        button(s.close, () => this.hide()),
      ),
      this.list,
    );
    this.el.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        this.hide();
      }
    });
  }

  get open(): boolean {
    return !this.el.hidden;
  }

  hide(): void {
    this.el.hidden = true;
  }

  /** Shows the list the host sent. */
  show(chats: ChatSummary[], currentId: string): void {
    const s = this.s;
    this.list.textContent = '';
    if (!chats.length) this.list.append(h('li', { class: 'muted' }, s.noHistory));
    for (const c of chats) {
      const title = h('span', { class: 'title' }, c.title);
      const date = h('time', { datetime: new Date(c.updatedAt).toISOString() }, new Date(c.updatedAt).toLocaleString());
      const rename = () => {
        const input = h('input', { type: 'text', 'aria-label': s.renamePrompt });
        input.value = c.title;
        input.addEventListener('keydown', (e) => {
          if (e.key === 'Enter' && input.value.trim()) post({ type: 'renameChat', chatId: c.id, title: input.value });
          if (e.key === 'Escape') {
            e.stopPropagation();
            input.replaceWith(title);
          }
        });
        title.replaceWith(input);
        input.focus();
        input.select();
      };
      this.list.append(
        h(
          'li',
          { class: c.id === currentId ? 'current' : undefined },
          h('div', { class: 'meta' }, title, date),
          h(
            'div',
            { class: 'actions' },
            button(
              s.open,
              () => {
                post({ type: 'openChat', chatId: c.id });
                this.hide();
              },
              { 'aria-label': `${s.open}: ${c.title}` },
            ),
            button(s.rename, rename, { 'aria-label': `${s.rename}: ${c.title}` }),
            button(s.delete, () => post({ type: 'deleteChat', chatId: c.id }), {
              'aria-label': `${s.delete}: ${c.title}`,
            }),
          ),
        ),
      );
    }
    this.el.hidden = false;
    (this.list.querySelector('button') as HTMLButtonElement | null)?.focus();
  }
}
