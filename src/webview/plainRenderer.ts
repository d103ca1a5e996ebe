import type { AnswerRenderer } from './turnView';

/** Answer text as plain text, appended per frame. */
export class PlainRenderer implements AnswerRenderer {
  private pending = '';
  constructor(private readonly el: HTMLElement) {
    el.classList.add('plain');
  }
  append(text: string): void {
    this.pending += text;
  }
  flush(): void {
    if (this.pending) this.el.append(this.pending);
    this.pending = '';
  }
  finish(): void {
    this.flush();
  }
  setText(text: string): void {
    this.pending = '';
    this.el.textContent = text;
  }
}
