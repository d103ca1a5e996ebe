/**
 * Splits `<think>…</think>` out of a model's content into reasoning. Models served without a
 * reasoning parser (DeepSeek-R1 and Qwen3 on llama.cpp, vLLM, older Ollama) put their thoughts in
 * the content between these tags; some chat templates even write the opening tag themselves, so
 * only `</think>` arrives. Works on content deltas as they stream, with tags split across deltas.
 */
import type { StreamEvent } from '../../types';

const OPEN = '<think>';
const CLOSE = '</think>';

/** Length of the longest end of `s` that is the start of `tag` (a tag cut off by the delta's end). */
function partialTagAtEnd(s: string, tag: string): number {
  const from = Math.max(0, s.length - tag.length + 1);
  for (let i = s.indexOf('<', from); i !== -1; i = s.indexOf('<', i + 1)) {
    if (tag.startsWith(s.slice(i))) return s.length - i;
  }
  return 0;
}

function firstNonSpace(s: string): number {
  const m = /\S/.exec(s);
  return m ? m.index : -1;
}

/**
 * Turns content deltas into `text`, `reasoning` and `textWasReasoning` events.
 * - `<think>` is recognised at the start of the content (after whitespace), and again right after
 *   a `</think>`: a tag in the middle of an answer is the model talking about tags.
 * - Everything up to `</think>` is reasoning, streamed as it comes, while the tag is still open.
 * - A `</think>` with no `<think>` anywhere before it means the template opened the tag: the text
 *   already sent is reclassified with one `textWasReasoning` event.
 * - Whitespace right after `</think>` is dropped; the answer starts at its first visible character.
 * Text that might be the start of a tag is held back until the next delta or {@link flush}.
 */
export class ThinkSplitter {
  private inThink = false;
  /** No visible answer text yet in this segment: an opening tag would still count. */
  private atStart = true;
  /** Set after `</think>`: leading whitespace of the answer is dropped. */
  private dropSpace = false;
  /** A tag has been seen; an orphan `</think>` is then no longer looked for. */
  private sawTag = false;
  private held = '';
  private textChars = 0;

  /** Feeds one content delta; appends the resulting events to `out`. */
  push(content: string, out: StreamEvent[]): void {
    let s = this.held ? this.held + content : content;
    this.held = '';
    // The common case, once an answer is under way: no tag possible in this delta.
    if (!this.inThink && !this.atStart && (this.sawTag || s.indexOf('<') === -1)) {
      this.text(s, out);
      return;
    }
    while (s.length > 0) {
      if (this.inThink) {
        const close = s.indexOf(CLOSE);
        if (close === -1) {
          const keep = partialTagAtEnd(s, CLOSE);
          this.reasoning(s.slice(0, s.length - keep), out);
          this.held = s.slice(s.length - keep);
          return;
        }
        this.reasoning(s.slice(0, close), out);
        s = s.slice(close + CLOSE.length);
        this.closeThink();
        continue;
      }
      if (this.atStart) {
        const first = firstNonSpace(s);
        if (first === -1) {
          // Only whitespace so far: after `</think>` it is dropped, at the start it waits to see
          // whether a tag follows.
          if (!this.dropSpace) this.held = s;
          return;
        }
        const rest = s.slice(first);
        if (rest.startsWith(OPEN)) {
          this.inThink = true;
          this.sawTag = true;
          s = rest.slice(OPEN.length);
          continue;
        }
        if (OPEN.startsWith(rest)) {
          this.held = s;
          return;
        }
        if (this.dropSpace) s = rest;
        this.atStart = false;
        this.dropSpace = false;
      }
      if (this.sawTag) {
        this.text(s, out);
        return;
      }
      const close = s.indexOf(CLOSE);
      const open = s.indexOf(OPEN);
      if (open !== -1 && (close === -1 || open < close)) {
        // The answer talks about the tags: none of them is markup from here on.
        this.sawTag = true;
        this.text(s, out);
        return;
      }
      if (close === -1) {
        const keep = Math.max(partialTagAtEnd(s, CLOSE), partialTagAtEnd(s, OPEN));
        this.text(s.slice(0, s.length - keep), out);
        this.held = s.slice(s.length - keep);
        return;
      }
      // An orphan `</think>`: all text so far, and this delta's text before the tag, was reasoning.
      if (this.textChars > 0) out.push({ type: 'textWasReasoning', chars: this.textChars });
      this.textChars = 0;
      this.reasoning(s.slice(0, close), out);
      s = s.slice(close + CLOSE.length);
      this.closeThink();
    }
  }

  /** The content ended: releases any held-back text as what it was being read as. */
  flush(out: StreamEvent[]): void {
    const s = this.held;
    this.held = '';
    if (!s) return;
    if (this.inThink) this.reasoning(s, out);
    else if (!(this.atStart && this.dropSpace && firstNonSpace(s) === -1)) this.text(s, out);
  }

  private closeThink(): void {
    this.inThink = false;
    this.sawTag = true;
    this.atStart = true;
    this.dropSpace = true;
  }

  private text(s: string, out: StreamEvent[]): void {
    if (!s) return;
    this.textChars += s.length;
    out.push({ type: 'text', text: s });
  }

  private reasoning(s: string, out: StreamEvent[]): void {
    if (s) out.push({ type: 'reasoning', text: s });
  }
}
