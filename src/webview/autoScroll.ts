/**
 * Follows the answer while the reader is at the bottom; once they scroll up it stops, and a
 * "jump to latest" button brings them back. Scrolls the transcript element itself (never
 * `scrollIntoView`, which would also scroll the workbench around the iframe).
 */
export class AutoScroll {
  private following = true;

  constructor(
    private readonly el: HTMLElement,
    private readonly jump: HTMLElement,
  ) {
    el.addEventListener(
      'scroll',
      () => {
        this.following = this.atBottom();
        this.jump.hidden = this.following;
      },
      { passive: true },
    );
    jump.addEventListener('click', () => this.toBottom());
  }

  private atBottom(): boolean {
    return this.el.scrollHeight - this.el.scrollTop - this.el.clientHeight < 24;
  }

  /** Call after content changed: keeps the view at the bottom when following, else shows the button. */
  contentChanged(): void {
    if (this.following) this.el.scrollTop = this.el.scrollHeight;
    else this.jump.hidden = false;
  }

  /** Scrolls `target` (inside the transcript) to a third of the way down and stops following. */
  show(target: Element): void {
    const top = target.getBoundingClientRect().top - this.el.getBoundingClientRect().top;
    this.el.scrollTop += top - this.el.clientHeight / 3;
    this.following = this.atBottom();
    this.jump.hidden = this.following;
  }

  /** Scrolls to the end and follows again. */
  toBottom(): void {
    this.following = true;
    this.jump.hidden = true;
    this.el.scrollTop = this.el.scrollHeight;
  }
}
