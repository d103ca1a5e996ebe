/**
 * Lines of a text with their terminators kept, so an edit can put back exactly the line endings a
 * file has (CRLF, LF, or a mix) instead of the ones a model wrote.
 */

/** One line: its content and the terminator that ended it (`''` for a last line without one). */
export interface Line {
  text: string;
  eol: '' | '\n' | '\r\n' | '\r';
}

/** Splits `text` into lines; an empty text is no lines, and a final newline starts no extra line. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const re = /\r\n|\r|\n/g;
  let from = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    lines.push({ text: text.slice(from, m.index), eol: m[0] as Line['eol'] });
    from = m.index + m[0].length;
  }
  if (from < text.length) lines.push({ text: text.slice(from), eol: '' });
  return lines;
}

/** The line ending most of `text`'s lines use; `\n` when it has none. */
export function dominantEol(text: string): '\n' | '\r\n' {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

/** `text` with every line ending written as `eol`. */
export function withEol(text: string, eol: string): string {
  return text.replace(/\r\n|\r|\n/g, eol);
}

/**
 * The smallest single replacement turning `from` into `to`: the span `[start, end)` of `from`
 * and its new text, found by trimming the common start and end. Writing only this keeps the
 * cursor, folding and markers of the untouched parts of a document.
 */
export function narrowReplacement(from: string, to: string): { start: number; end: number; text: string } {
  const max = Math.min(from.length, to.length);
  let p = 0;
  while (p < max && from.charCodeAt(p) === to.charCodeAt(p)) p++;
  // Never split a CRLF pair or a surrogate pair at either end.
  const splits = (text: string, at: number) =>
    at > 0 &&
    at < text.length &&
    ((text.charCodeAt(at - 1) === 13 && text.charCodeAt(at) === 10) || (text.charCodeAt(at) & 0xfc00) === 0xdc00);
  while (p > 0 && (splits(from, p) || splits(to, p))) p--;
  let q = 0;
  while (q < max - p && from.charCodeAt(from.length - 1 - q) === to.charCodeAt(to.length - 1 - q)) q++;
  while (q > 0 && (splits(from, from.length - q) || splits(to, to.length - q))) q--;
  return { start: p, end: from.length - q, text: to.slice(p, to.length - q) };
}
