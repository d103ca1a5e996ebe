/**
 * The text protocol's streaming parser: finds `<tool_call>{"name": …, "arguments": {…}}</tool_call>`
 * in an answer while it streams, whatever the chunking (a tag may be split anywhere), and passes
 * everything else through as the answer's text. Text without a `<` passes straight through, so a
 * plain answer costs a scan for one character.
 */
import type { ToolCallRequest } from '../types';

const OPEN = '<tool_call>';
const CLOSE = '</tool_call>';

/** The length of the longest suffix of `s` that is a proper prefix of `tag` (0 when none). */
function partialTagAt(s: string, tag: string): number {
  const from = Math.max(0, s.length - tag.length + 1);
  for (let i = s.indexOf('<', from); i !== -1; i = s.indexOf('<', i + 1)) {
    let k = 1;
    while (i + k < s.length && s.charCodeAt(i + k) === tag.charCodeAt(k)) k++;
    if (i + k === s.length) return s.length - i;
  }
  return 0;
}

/**
 * One answer's parser. {@link push} returns the visible text of a chunk (possibly less than it
 * got, when a tag might be starting); {@link end} releases what was held. Calls collect in
 * {@link calls}, each with an id unique within `idPrefix`.
 */
export class ToolTagParser {
  /** The calls found so far, in order. A call whose JSON could not be read has name `''` and its raw text as arguments. */
  readonly calls: ToolCallRequest[] = [];
  /** All text pushed, tags included: what the model wrote (sent back as the assistant's message). */
  private raw = '';
  private held = '';
  private inside = false;
  private body = '';

  constructor(private readonly idPrefix = 'call') {}

  /** The model's text as written, tags included. */
  get rawText(): string {
    return this.raw;
  }

  /** Feeds a chunk; returns the text to show. */
  push(chunk: string): string {
    this.raw += chunk;
    if (!this.inside && this.held === '' && chunk.indexOf('<') === -1) return chunk;
    let s = this.held + chunk;
    this.held = '';
    let out = '';
    for (;;) {
      if (!this.inside) {
        const at = s.indexOf(OPEN);
        if (at === -1) {
          const keep = partialTagAt(s, OPEN);
          out += s.slice(0, s.length - keep);
          this.held = s.slice(s.length - keep);
          return out;
        }
        out += s.slice(0, at);
        s = s.slice(at + OPEN.length);
        this.inside = true;
        this.body = '';
      }
      // Search only where the closing tag can newly end, so a long call stays linear.
      const from = Math.max(0, this.body.length - CLOSE.length + 1);
      this.body += s;
      const at = this.body.indexOf(CLOSE, from);
      if (at === -1) return out;
      s = this.body.slice(at + CLOSE.length);
      this.finishCall(this.body.slice(0, at));
      this.inside = false;
      this.body = '';
    }
  }

  /** The answer ended: a call left open is read if its JSON is complete (models stop before the closing tag), else shown as text. */
  end(): string {
    if (this.inside) {
      this.inside = false;
      const body = this.body;
      this.body = '';
      if (readCall(body)) {
        this.finishCall(body);
        return '';
      }
      return OPEN + body;
    }
    const rest = this.held;
    this.held = '';
    return rest;
  }

  private finishCall(body: string): void {
    const id = `${this.idPrefix}_${this.calls.length + 1}`;
    const call = readCall(body);
    this.calls.push(call ? { id, ...call } : { id, name: '', arguments: body.trim() });
  }
}

/** The name and arguments (as JSON text) of a call's body, or `undefined` when it is not `{"name", "arguments"}` JSON. */
export function readCall(body: string): { name: string; arguments: string } | undefined {
  let v: unknown;
  try {
    v = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.name !== 'string') return undefined;
  // "arguments" is the protocol's word; some models write "parameters" or send the object as a string.
  const args = o.arguments ?? o.parameters ?? {};
  return { name: o.name, arguments: typeof args === 'string' ? args : JSON.stringify(args) };
}
