/**
 * Where and how an answer goes into a document: one edit (so one undo step) that keeps the
 * surrounding indentation and the document's line ends. The document is seen through
 * {@link DocLines}, so this runs without an editor.
 */

/** A position in a document, 0-based as in VS Code. */
export interface Pos {
  line: number;
  character: number;
}

/** A range; `start` is never after `end`. */
export interface Span {
  start: Pos;
  end: Pos;
}

/** The little of a document the planner reads. */
export interface DocLines {
  lineText(line: number): string;
  eol: '\n' | '\r\n';
}

/** Where the answer goes: on new lines after the selection, over it, or at the cursor (replacing any selection). */
export type Placement = 'after' | 'replace' | 'cursor';

/** One text edit: replace `range` with `text` (an empty range inserts). */
export interface PlannedEdit {
  range: Span;
  text: string;
}

const leadingSpace = (s: string): string => /^[ \t]*/.exec(s)![0];

/** Lines of `text` without blank lines at its start and end. */
function trimmedLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  while (lines.length && lines[0].trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  return lines;
}

/** The longest whitespace prefix shared by all non-blank lines. */
function commonIndent(lines: string[]): string {
  let common: string | undefined;
  for (const l of lines) {
    if (l.trim() === '') continue;
    const ws = leadingSpace(l);
    if (common === undefined) common = ws;
    else {
      let k = 0;
      while (k < common.length && k < ws.length && common[k] === ws[k]) k++;
      common = common.slice(0, k);
    }
  }
  return common ?? '';
}

/**
 * Re-indents `text` for its place: its own common indentation is removed, then every line gets
 * `indent`, except the first, which gets `firstIndent` (what the line it starts on does not
 * already have). Blank lines stay empty; lines are joined with `eol`.
 */
export function reindent(text: string, indent: string, firstIndent: string, eol: string): string {
  const lines = trimmedLines(text);
  const common = commonIndent(lines);
  return lines
    .map((l, i) => (l.trim() === '' ? '' : (i === 0 ? firstIndent : indent) + l.slice(common.length)))
    .join(eol);
}

/** Whether a selection covers whole lines including the last line's end (ends at column 0 below its start). */
function endsAtLineStart(sel: Span): boolean {
  return sel.end.character === 0 && sel.end.line > sel.start.line;
}

/**
 * The one edit that puts `text` into the document for `placement`:
 * - `after`: on new lines below the selection's last line, indented like its first line;
 * - `replace` / `cursor`: over the selection (or at the cursor), the first line continuing the
 *   text before it, the others indented like that line; whole-line selections stay whole lines.
 */
export function planInsertion(doc: DocLines, sel: Span, text: string, placement: Placement): PlannedEdit {
  const firstLine = doc.lineText(sel.start.line);
  const indent = leadingSpace(firstLine);
  if (placement === 'after') {
    const last = endsAtLineStart(sel) ? sel.end.line - 1 : sel.end.line;
    const at: Pos = { line: last, character: doc.lineText(last).length };
    return { range: { start: at, end: at }, text: doc.eol + reindent(text, indent, indent, doc.eol) };
  }
  const before = firstLine.slice(0, sel.start.character);
  // Only whitespace before the selection: complete the line's indentation; code before it: none.
  const firstIndent = before.trim() === '' ? indent.slice(Math.min(before.length, indent.length)) : '';
  let body = reindent(text, indent, firstIndent, doc.eol);
  if (endsAtLineStart(sel)) body += doc.eol;
  return { range: sel, text: body };
}
