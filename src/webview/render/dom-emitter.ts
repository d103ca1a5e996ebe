/**
 * A highlight.js emitter that builds DOM nodes instead of an HTML string, so highlighted code never
 * passes through an HTML parser. highlight.js calls these methods while it scans the code; both the
 * current (`startScope`/`endScope`) and the older (`openNode`/`closeNode`) names are called by 11.x.
 */
export class DomEmitter {
  /** The highlighted code: text nodes inside `span`s whose classes name highlight.js scopes. */
  readonly root: DocumentFragment;
  private readonly stack: Node[];

  constructor() {
    this.root = document.createDocumentFragment();
    this.stack = [this.root];
  }

  private get top(): Node {
    return this.stack[this.stack.length - 1];
  }

  addText(text: string): void {
    if (!text) return;
    const last = this.top.lastChild;
    if (last && last.nodeType === Node.TEXT_NODE) (last as Text).appendData(text);
    else this.top.appendChild(document.createTextNode(text));
  }

  startScope(scope: string): void {
    const span = document.createElement('span');
    span.className = scopeClasses(scope);
    this.top.appendChild(span);
    this.stack.push(span);
  }

  endScope(): void {
    if (this.stack.length > 1) this.stack.pop();
  }

  openNode(scope: string): void {
    this.startScope(scope);
  }

  closeNode(): void {
    this.endScope();
  }

  __addSublanguage(other: DomEmitter, name: string): void {
    if (!name) {
      this.top.appendChild(other.root);
      return;
    }
    const span = document.createElement('span');
    span.className = `language-${name}`;
    span.appendChild(other.root);
    this.top.appendChild(span);
  }

  finalize(): boolean {
    this.stack.length = 1;
    return true;
  }

  /** Unused: the caller takes {@link root}. highlight.js stores the return value as `result.value`. */
  toHTML(): string {
    return '';
  }
}

/**
 * The classes highlight.js's own HTML renderer gives a scope: `keyword` → `hljs-keyword`,
 * `title.function` → `hljs-title function_` (sub-scopes get one more underscore per level).
 */
export function scopeClasses(scope: string): string {
  const [head, ...rest] = scope.split('.');
  return [`hljs-${head}`, ...rest.map((part, i) => part + '_'.repeat(i + 1))].join(' ');
}
