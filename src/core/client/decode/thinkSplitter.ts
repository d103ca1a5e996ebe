/**
 * Splits `<think>…</think>` out of a model's content into reasoning. Models served without a
 * reasoning parser (DeepSeek-R1 and Qwen3 on llama.cpp, vLLM, older Ollama) put their thoughts in
 * the content between these tags; models with interleaved thinking open a new block between parts
 * of the answer; some chat templates even write the opening tag themselves, so only `</think>`
 * arrives. Works on content deltas as they stream, with tags split across deltas at any character.
 */
import type { StreamEvent } from '../../types';

const OPEN = '<think>';
const CLOSE = '</think>';
/**
 * Where the answer scanner stops next: a tag's start, a code-span or fence marker, a line end
 * (`<`, a backtick, `~`, `\n`), from `from` on; -1 when none. A character loop rather than a
 * regular expression: deltas are a token or two long, this runs once per token, and it allocates
 * nothing.
 */
function nextSpecial(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3c /* < */ || c === 0x60 /* ` */ || c === 0x7e /* ~ */ || c === 0x0a /* \n */) return i;
  }
  return -1;
}

/** Length of the longest end of `s` (from `from` on) that is the start of `tag` (a tag cut off by the delta's end). */
function partialTagAtEnd(s: string, tag: string, from = 0): number {
  const start = Math.max(from, s.length - tag.length + 1);
  for (let i = s.indexOf('<', start); i !== -1; i = s.indexOf('<', i + 1)) {
    if (tag.startsWith(s.slice(i))) return s.length - i;
  }
  return 0;
}

function firstNonSpace(s: string, from = 0): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return i;
  }
  return -1;
}

function hasNonSpace(s: string, from: number, to: number): boolean {
  const i = firstNonSpace(s, from);
  return i !== -1 && i < to;
}

/**
 * Turns content deltas into `text`, `reasoning` and `textWasReasoning` events.
 * - `<think>` opens a block anywhere in the answer, any number of times; everything up to the next
 *   `</think>` is reasoning, streamed as it comes, while the block is still open.
 * - A tag the answer plainly quotes (inside an inline code span or a fenced code block) is text.
 * - A lone `</think>` before any other tag means the chat template opened the block: the text
 *   already sent is reclassified with one `textWasReasoning` event. After a block, once answer text
 *   has come, a lone `</think>` is text.
 * - Whitespace right after `</think>` is dropped; the answer resumes at its next visible character.
 * Text that might be the start of a tag or of a code marker is held back until the next delta or
 * {@link flush}.
 */
export class ThinkSplitter {
  private inThink = false;
  /** At the start of the content or right after `</think>`: whitespace waits (or is dropped). */
  private atStart = true;
  /** Set after `</think>`: leading whitespace of the answer is dropped. */
  private dropSpace = false;
  /** A tag has been seen; an orphan `</think>` is then no longer looked for. */
  private sawTag = false;
  private held = '';
  private textChars = 0;
  /** Only whitespace since the last line end: a fence may open or close here. */
  private lineStart = true;
  /** The open fenced code block's marker character and length. */
  private fenceChar = '';
  private fenceLen = 0;
  /** Length of the backtick run that opened the current inline code span (0: none). */
  private inlineTicks = 0;

  /** Feeds one content delta; appends the resulting events to `out`. */
  push(content: string, out: StreamEvent[]): void {
    // The common case, once an answer is under way: plain text, perhaps with line ends.
    if (!this.inThink && !this.atStart && !this.held && this.plainText(content)) {
      this.text(content, out);
      return;
    }
    const s = this.held ? this.held + content : content;
    this.held = '';
    this.scan(s, out, false);
  }

  /**
   * Takes a delta in which nothing can be a tag or a code marker and nothing has to be held back:
   * no `<`, no backtick, and no `~` where a fence could open (after a line end). Updates the line
   * state as {@link answer} would and returns true; returns false, changing nothing, otherwise.
   * One pass over the characters, no allocation: it runs once per token, and most tokens are this.
   */
  private plainText(s: string): boolean {
    let lineStart = this.lineStart;
    let newline = lineStart;
    let inlineTicks = this.inlineTicks;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x0a /* \n */) {
        // A blank line ends a paragraph, and with it any unclosed code span.
        if (lineStart) inlineTicks = 0;
        lineStart = newline = true;
      } else if (c === 0x3c /* < */ || c === 0x60 /* ` */ || (c === 0x7e /* ~ */ && newline)) return false;
      else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) lineStart = false;
    }
    this.lineStart = lineStart;
    this.inlineTicks = inlineTicks;
    return true;
  }

  /** The content ended: releases any held-back text as what it was being read as. */
  flush(out: StreamEvent[]): void {
    const s = this.held;
    this.held = '';
    if (!s) return;
    if (this.inThink) this.reasoning(s, out);
    else if (this.atStart && this.dropSpace && firstNonSpace(s) === -1) return;
    else this.scan(s, out, true);
  }

  private scan(s: string, out: StreamEvent[], final: boolean): void {
    let i = 0;
    while (i < s.length) {
      if (this.inThink) {
        const close = s.indexOf(CLOSE, i);
        if (close === -1) {
          const keep = final ? 0 : partialTagAtEnd(s, CLOSE, i);
          this.reasoning(s.slice(i, s.length - keep), out);
          this.held = s.slice(s.length - keep);
          return;
        }
        this.reasoning(s.slice(i, close), out);
        i = close + CLOSE.length;
        this.closeThink();
        continue;
      }
      if (this.atStart) {
        const first = firstNonSpace(s, i);
        if (first === -1) {
          // Only whitespace so far: after `</think>` it is dropped, at the start it waits to see
          // whether a tag follows.
          if (!this.dropSpace && !final) this.held = s.slice(i);
          else if (!this.dropSpace) this.text(s.slice(i), out);
          return;
        }
        const rest = s.slice(first, first + OPEN.length);
        if (!final && rest.length < OPEN.length && OPEN.startsWith(rest)) {
          this.held = s.slice(i);
          return;
        }
        if (rest === OPEN || this.dropSpace) i = first;
        this.atStart = false;
        this.dropSpace = false;
      }
      i = this.answer(s, i, out, final);
    }
  }

  /**
   * Scans answer text from `i` to the next tag that counts (or the end), emitting the text and
   * tracking code spans and fences. Returns where scanning goes on; sets `held` when it stops at a
   * possibly cut tag or marker.
   */
  private answer(s: string, i: number, out: StreamEvent[], final: boolean): number {
    const start = i;
    for (;;) {
      const found = nextSpecial(s, i);
      const j = found === -1 ? s.length : found;
      if (this.lineStart && hasNonSpace(s, i, j)) this.lineStart = false;
      if (found === -1) {
        this.text(s.slice(start), out);
        return s.length;
      }
      const c = s[j];
      if (c === '\n') {
        // A blank line ends a paragraph, and with it any unclosed code span.
        if (this.lineStart) this.inlineTicks = 0;
        this.lineStart = true;
        i = j + 1;
        continue;
      }
      if (c === '`' || c === '~') {
        let end = j + 1;
        while (end < s.length && s[end] === c) end++;
        if (end === s.length && !final) {
          // The run may go on in the next delta; its length decides what it is.
          this.text(s.slice(start, j), out);
          this.held = s.slice(j);
          return s.length;
        }
        this.marker(c, end - j);
        i = end;
        continue;
      }
      // '<'
      this.lineStart = false;
      if (this.fenceLen > 0 || this.inlineTicks > 0) {
        i = j + 1;
        continue;
      }
      const ahead = s.slice(j, j + CLOSE.length);
      if (ahead.startsWith(OPEN)) {
        this.text(s.slice(start, j), out);
        this.inThink = true;
        this.sawTag = true;
        return j + OPEN.length;
      }
      if (ahead === CLOSE && !this.sawTag) {
        // An orphan `</think>`: all text so far, and this delta's text before the tag, was reasoning.
        if (this.textChars > 0) out.push({ type: 'textWasReasoning', chars: this.textChars });
        this.textChars = 0;
        this.reasoning(s.slice(start, j), out);
        this.closeThink();
        return j + CLOSE.length;
      }
      if (!final && j + CLOSE.length > s.length && (OPEN.startsWith(ahead) || CLOSE.startsWith(ahead))) {
        this.text(s.slice(start, j), out);
        this.held = s.slice(j);
        return s.length;
      }
      i = j + 1;
    }
  }

  /** A complete run of `count` backticks or tildes in the answer: opens or closes code. */
  private marker(c: string, count: number): void {
    const atLineStart = this.lineStart;
    this.lineStart = false;
    if (this.fenceLen > 0) {
      if (atLineStart && c === this.fenceChar && count >= this.fenceLen) this.fenceLen = 0;
      return;
    }
    if (this.inlineTicks > 0) {
      if (c === '`' && count === this.inlineTicks) this.inlineTicks = 0;
      return;
    }
    if (atLineStart && count >= 3) {
      this.fenceChar = c;
      this.fenceLen = count;
    } else if (c === '`') this.inlineTicks = count;
  }

  private closeThink(): void {
    this.inThink = false;
    this.sawTag = true;
    this.atStart = true;
    this.dropSpace = true;
    this.lineStart = true;
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
