/**
 * The fast path for a fenced code block that is still open at the end of the stream: new lines are
 * appended to the DOM as they arrive, without lexing the block again on every frame.
 *
 * Complete lines are moved into fixed `span.md-code-chunk` blocks every {@link CHUNK_LINES} lines, so
 * the browser re-lays out only the last chunk when text arrives, not the whole (maybe huge) block.
 * When the closing fence arrives the caller renders the block once, the normal way.
 */
import { closesFence, type FenceOpener } from '../../core/editor';
import { codeBlockVNode, fenceLabel } from './code-block';
import { createDom } from './vdom';

const CHUNK_LINES = 32;

/** The live view of one open fenced code block. */
export class OpenFence {
  /** The block's root element (same shape as a finished code block). */
  readonly root: HTMLElement;
  /** The fence label shown in the header. */
  readonly label: string;
  private readonly code: HTMLElement;
  private readonly live: Text;
  /** Complete lines shown in {@link live} (each followed by a newline). */
  private liveLines = '';
  private liveCount = 0;
  /** Offset in the text of the first line not yet taken in. */
  private scan: number;

  /**
   * @param doc the document to create nodes in.
   * @param opener the parsed opening line, which starts the text given to {@link advance}.
   */
  constructor(
    doc: Document,
    private readonly opener: FenceOpener,
  ) {
    this.label = fenceLabel(opener.info);
    this.root = createDom(codeBlockVNode('', this.label), doc) as HTMLElement;
    this.code = this.root.querySelector('code') as HTMLElement;
    this.live = this.code.appendChild(doc.createTextNode(''));
    this.scan = opener.lineLength;
  }

  /**
   * Takes in `source` (the block's text from its opening line on, longer at each call) up to its
   * end. Returns the offset just past the closing fence line once the block is closed, else `null`
   * (the view then shows every line so far, the partial last one too).
   */
  advance(source: string): number | null {
    for (;;) {
      const nl = source.indexOf('\n', this.scan);
      if (nl < 0) break;
      const line = source.slice(this.scan, nl);
      if (closesFence(line, this.opener)) return nl + 1;
      this.scan = nl + 1;
      this.liveLines += `${this.stripIndent(line)}\n`;
      if (++this.liveCount === CHUNK_LINES) this.freeze();
    }
    const shown = this.liveLines + this.stripIndent(source.slice(this.scan));
    const old = this.live.data;
    if (shown.length > old.length && shown.startsWith(old)) this.live.appendData(shown.slice(old.length));
    else if (shown !== old) this.live.data = shown;
    return null;
  }

  /**
   * Turns the view into the finished block for `code` (the block's text as the lexer found it):
   * afterwards {@link root} is exactly what rendering that block afresh would create, without
   * building its header and buttons again.
   */
  finish(code: string): HTMLElement {
    this.code.textContent = code;
    return this.root;
  }

  private freeze(): void {
    const chunk = this.code.ownerDocument.createElement('span');
    chunk.className = 'md-code-chunk';
    chunk.textContent = this.liveLines;
    this.code.insertBefore(chunk, this.live);
    this.liveLines = '';
    this.liveCount = 0;
    this.live.data = '';
  }

  private stripIndent(line: string): string {
    let i = 0;
    while (i < this.opener.indent && line.charCodeAt(i) === 32) i++;
    return i ? line.slice(i) : line;
  }
}
