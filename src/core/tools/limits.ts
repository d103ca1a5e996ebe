/**
 * The bounds of the read-only tools, in one place: each result stays a small share of any model's
 * window, and says when it was cut and how to ask for more.
 */

/** Most lines `read_file` returns per call. */
export const READ_MAX_LINES = 2000;
/** Most characters `read_file` returns per call (about 64 KB of ASCII). */
export const READ_MAX_CHARS = 64 * 1024;
/** Longer lines are cut (minified files would otherwise fill a result with one line). */
export const MAX_LINE_CHARS = 2000;
/** Most entries `list_dir` returns. */
export const LIST_MAX_ENTRIES = 500;
/** Most paths `find_files` returns. */
export const FIND_MAX_FILES = 200;
/** Most matches `search_text` returns. */
export const SEARCH_MAX_MATCHES = 100;
/** A match's line is cut to this many characters. */
export const MATCH_MAX_CHARS = 250;
/** Most diagnostics `get_problems` returns. */
export const PROBLEMS_MAX = 100;
/** Most locations `find_definition` and `find_references` return. */
export const LOCATIONS_MAX = 50;
/** Default bound on requests per question (a setting can change it). */
export const DEFAULT_MAX_ROUNDS = 25;
/** The same call this many times in a row stops the loop. */
export const REPEAT_LIMIT = 3;
/** The share of the model's window one tool result may take. */
export const RESULT_WINDOW_SHARE = 0.25;

/** Cuts one line to {@link MAX_LINE_CHARS} (or `max`), marking the cut. */
export function clipLine(line: string, max = MAX_LINE_CHARS): string {
  return line.length > max ? `${line.slice(0, max)}… [line cut at ${max} characters]` : line;
}

/**
 * The most characters one tool result may hold in a window of `windowTokens`: a fixed share of it,
 * at about three characters a token (code runs denser than prose, so this errs small).
 */
export function resultCapChars(windowTokens: number): number {
  return Math.max(1000, Math.floor(windowTokens * RESULT_WINDOW_SHARE * 3));
}

/** `content` cut to `maxChars` at a line end, with a note that says so; unchanged when it fits. */
export function capResult(content: string, maxChars: number): string {
  if (content.length <= maxChars) return content;
  const cut = content.lastIndexOf('\n', maxChars);
  const kept = content.slice(0, cut > maxChars / 2 ? cut : maxChars);
  return `${kept}\n[Result cut to ${kept.length} of ${content.length} characters to fit the model's window; ask for a smaller piece.]`;
}
