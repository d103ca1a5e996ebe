/**
 * How much of one editor or file is read for the model: a few times the model's window (in
 * characters), never more than a fixed megabyte bound. Anything longer is cut, and the chip says so.
 */

/** The bound when the window is unknown, and the ceiling otherwise: one mebibyte of characters. */
export const READ_CAP_MAX_CHARS = 1024 * 1024;
/** The floor, so a tiny or misreported window still reads a useful file. */
export const READ_CAP_MIN_CHARS = 32 * 1024;
/** Characters per token assumed for the cap (generous: code runs 3 to 4), times how many windows. */
const CHARS_PER_TOKEN = 4;
const WINDOWS = 3;

/** The cap on characters read from one editor or file: a few times the window, or 1 MB when unknown. */
export function readCapChars(windowTokens?: number): number {
  if (windowTokens === undefined || !Number.isFinite(windowTokens) || windowTokens <= 0) return READ_CAP_MAX_CHARS;
  const chars = Math.floor(windowTokens) * CHARS_PER_TOKEN * WINDOWS;
  return Math.min(READ_CAP_MAX_CHARS, Math.max(READ_CAP_MIN_CHARS, chars));
}

/** A text cut to a cap: what is sent, whether it was cut and how long the whole was. */
export interface CappedText {
  text: string;
  cut: boolean;
  totalChars: number;
  /** When cut: the lines kept and the lines of the whole (counted in one pass, never split). */
  lines?: { keptLines: number; totalLines: number };
}

/** Lines in `text[0, end)`: one more than its line breaks, counted without splitting. */
function countLines(text: string, end = text.length): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * `text` cut to at most `cap` characters (one slice, no per-line work), never in the middle of a
 * surrogate pair. Cuts at the last line break in the final tenth when there is one, so the model
 * does not see half a line.
 */
export function capText(text: string, cap: number): CappedText {
  if (text.length <= cap) return { text, cut: false, totalChars: text.length };
  let end = Math.max(0, Math.floor(cap));
  const nl = text.lastIndexOf('\n', end - 1);
  if (nl >= end - Math.ceil(end / 10) && nl > 0) end = nl + 1;
  else if (end > 0 && /[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end--;
  const kept = text.slice(0, end);
  const keptLines = countLines(kept) - (kept.endsWith('\n') ? 1 : 0);
  return { text: kept, cut: true, totalChars: text.length, lines: { keptLines, totalLines: countLines(text) } };
}
