/**
 * Where an `edit_file` call's `old_text` is in a file, and the file's text after it is replaced by
 * `new_text`. Models copy text imperfectly: wrong line endings, lost trailing spaces, a block
 * quoted at another indentation. Those small differences are healed, line by line, and the
 * replacement keeps the file's own line endings and indentation. Anything else (not found, found
 * more than once) is a result the model can act on: the closest text and its lines, or the lines
 * of every occurrence.
 */
import { dominantEol, type Line, splitLines, withEol } from './lines';

/** A difference between `old_text` and the file that was forgiven. */
export type Healing = 'lineEndings' | 'trailingSpaces' | 'indentation';

/** The file's text that looked most like `old_text` when it was not found. */
export interface ClosestMatch {
  /** 1-based first and last line in the file. */
  startLine: number;
  endLine: number;
  /** Those lines of the file. */
  text: string;
  /** How alike, 0–1 (share of alike characters per line, averaged). */
  similarity: number;
  /** The first line that differs: its 1-based number, the file's line and `old_text`'s line. */
  firstDifference?: { line: number; file: string; expected: string };
}

/** The outcome of matching one edit. */
export type EditMatch =
  | {
      ok: true;
      /** What was forgiven; empty for an exact match. */
      healed: Healing[];
      /** The replaced character range of the file and what replaces it. */
      start: number;
      end: number;
      replacement: string;
      /** The file's whole text after the edit. */
      text: string;
      /** 1-based line where the replaced text starts. */
      line: number;
    }
  | { ok: false; reason: 'empty' | 'noChange' }
  | { ok: false; reason: 'ambiguous' /** 1-based first lines of each occurrence. */; lines: number[] }
  | { ok: false; reason: 'notFound'; closest?: ClosestMatch };

/** Line comparisons of the healing passes, loosest last; each pass runs only when the stricter found nothing. */
const PASSES: readonly { healing: Healing; key: (s: string) => string }[] = [
  { healing: 'lineEndings', key: (s) => s },
  { healing: 'trailingSpaces', key: (s) => s.trimEnd() },
  { healing: 'indentation', key: (s) => s.trim() },
];

/** Budget of line comparisons for the closest-match search before it looks only near equal lines. */
const CLOSEST_BUDGET = 2_000_000;

/**
 * Matches `oldText` in `fileText` and replaces it by `newText`: exactly once as written, else
 * as whole lines with line endings, trailing spaces and then indentation forgiven (the new text
 * re-indented by the same shift). `new_text`'s line endings become the file's.
 */
export function matchEdit(fileText: string, oldText: string, newText: string): EditMatch {
  if (oldText === '') return { ok: false, reason: 'empty' };
  if (oldText === newText) return { ok: false, reason: 'noChange' };
  const eol = dominantEol(fileText);
  const hits = occurrences(fileText, oldText);
  if (hits.length > 1) return { ok: false, reason: 'ambiguous', lines: hits.map((h) => lineAt(fileText, h)) };
  if (hits.length === 1) {
    const start = hits[0]!;
    const replacement = withEol(newText, eol);
    return done(fileText, start, start + oldText.length, replacement, []);
  }
  // The same text in the file's line endings (also inside a line: `old_text` need not be whole lines).
  for (const variant of new Set([withEol(oldText, '\r\n'), withEol(oldText, '\n')])) {
    if (variant === oldText) continue;
    const found = occurrences(fileText, variant);
    if (found.length > 1) return { ok: false, reason: 'ambiguous', lines: found.map((h) => lineAt(fileText, h)) };
    if (found.length === 1)
      return done(fileText, found[0]!, found[0]! + variant.length, withEol(newText, eol), ['lineEndings']);
  }
  const file = splitLines(fileText);
  const old = splitLines(oldText).map((l) => l.text);
  if (old.every((l) => l.trim() === '')) return { ok: false, reason: 'notFound' };
  for (const pass of PASSES) {
    const starts = findWindows(file, old, pass.key);
    if (starts.length > 1) return { ok: false, reason: 'ambiguous', lines: starts.map((s) => s + 1) };
    if (starts.length === 1) return replaceLines(fileText, file, starts[0]!, old, newText, pass.healing);
  }
  return { ok: false, reason: 'notFound', closest: closestMatch(file, old) };
}

function done(fileText: string, start: number, end: number, replacement: string, healed: Healing[]): EditMatch {
  const text = fileText.slice(0, start) + replacement + fileText.slice(end);
  return { ok: true, healed, start, end, replacement, text, line: lineAt(fileText, start) };
}

/** Offsets of every (non-overlapping) occurrence of `needle`; stops counting at a few. */
function occurrences(hay: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = hay.indexOf(needle); i !== -1 && out.length < 50; i = hay.indexOf(needle, i + needle.length))
    out.push(i);
  return out;
}

/** 1-based line number of offset `at`. */
function lineAt(text: string, at: number): number {
  let n = 1;
  for (let i = 0; i < at; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/** 0-based starts of the windows of `file` whose lines equal `old`'s under `key`. */
function findWindows(file: readonly Line[], old: readonly string[], key: (s: string) => string): number[] {
  const want = old.map(key);
  const out: number[] = [];
  for (let s = 0; s + want.length <= file.length; s++) {
    let i = 0;
    while (i < want.length && key(file[s + i]!.text) === want[i]) i++;
    if (i === want.length) out.push(s);
  }
  return out;
}

/** Replaces whole lines `[s, s + old.length)` of the file by `newText`, in the file's line endings. */
function replaceLines(
  fileText: string,
  file: readonly Line[],
  s: number,
  old: readonly string[],
  newText: string,
  healing: Healing,
): EditMatch {
  let start = 0;
  for (let i = 0; i < s; i++) start += file[i]!.text.length + file[i]!.eol.length;
  const lastLine = file[s + old.length - 1]!;
  let end = start;
  for (let i = s; i < s + old.length; i++) end += file[i]!.text.length + file[i]!.eol.length;
  end -= lastLine.eol.length;
  const eol = file[s]!.eol || dominantEol(fileText);
  let lines = splitLines(newText).map((l) => l.text);
  if (healing === 'indentation') lines = reindent(lines, old, file.slice(s, s + old.length));
  // Deleting the lines takes their last line ending too, so no blank line is left behind.
  if (lines.length === 0) return done(fileText, start, end + lastLine.eol.length, '', [healing]);
  return done(fileText, start, end, lines.join(eol), [healing]);
}

const INDENT = /^[ \t]*/;

/** `lines` shifted from the indentation `old` was written at to the one the file has. */
function reindent(lines: string[], old: readonly string[], file: readonly Line[]): string[] {
  const k = old.findIndex((l) => l.trim() !== '');
  const from = INDENT.exec(old[k]!)![0];
  const to = INDENT.exec(file[k]!.text)![0];
  if (from === to) return lines;
  return lines.map((l) => {
    if (l.trim() === '') return l;
    if (l.startsWith(from)) return to + l.slice(from.length);
    // Less indented than old_text's first line: keep the difference, as far as the file's indentation allows.
    const own = INDENT.exec(l)![0];
    return to.slice(0, Math.max(0, to.length - (from.length - own.length))) + l.slice(own.length);
  });
}

/** Similarity of two trimmed lines: shared prefix and suffix over the longer length. */
function lineSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  const shortest = Math.min(a.length, b.length);
  let p = 0;
  while (p < shortest && a[p] === b[p]) p++;
  let q = 0;
  while (q < shortest - p && a[a.length - 1 - q] === b[b.length - 1 - q]) q++;
  return (p + q) / longest;
}

/** The window of the file most like `old` (same number of lines), or undefined for an empty file. */
function closestMatch(file: readonly Line[], old: readonly string[]): ClosestMatch | undefined {
  if (file.length === 0) return undefined;
  const n = Math.min(old.length, file.length);
  const fileKeys = file.map((l) => l.text.trim());
  const oldKeys = old.map((l) => l.trim());
  let candidates: Iterable<number>;
  if ((file.length - n + 1) * n <= CLOSEST_BUDGET) {
    candidates = Array.from({ length: file.length - n + 1 }, (_, i) => i);
  } else {
    // Too large to try every window: only windows where at least one line is equal.
    const where = new Map<string, number[]>();
    fileKeys.forEach((k, i) => {
      const at = where.get(k);
      if (at) at.push(i);
      else where.set(k, [i]);
    });
    const set = new Set<number>();
    oldKeys.forEach((k, j) => {
      for (const i of where.get(k) ?? []) if (i - j >= 0 && i - j + n <= file.length) set.add(i - j);
    });
    candidates = set;
  }
  let best = -1;
  let bestScore = -1;
  for (const s of candidates) {
    let score = 0;
    for (let i = 0; i < n; i++) score += lineSimilarity(fileKeys[s + i]!, oldKeys[i]!);
    if (score > bestScore) {
      bestScore = score;
      best = s;
    }
  }
  if (best < 0) return undefined;
  const lines = file.slice(best, best + n);
  const diff = oldKeys.findIndex((k, i) => i >= n || fileKeys[best + i] !== k);
  return {
    startLine: best + 1,
    endLine: best + n,
    text: lines.map((l) => l.text).join('\n'),
    similarity: bestScore / Math.max(old.length, 1),
    firstDifference:
      diff === -1 || diff >= n
        ? undefined
        : { line: best + diff + 1, file: file[best + diff]!.text, expected: old[diff]! },
  };
}
