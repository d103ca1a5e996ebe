/**
 * The one fenced-code-block scanner, shared by the chat renderer (which shows a block as code) and
 * the insertion (which takes a block out of an answer), so the two never disagree about what is a
 * code block. CommonMark's rules: a fence is three or more backticks or tildes indented by 0–3
 * spaces (four or more make an indented code block instead); a backtick fence's info string holds
 * no backtick; the closing fence uses the same character, at least as many, and nothing after it.
 */

/** What an opening fence line says about how the block ends. */
export interface FenceOpener {
  /** Spaces before the fence (0–3); removed from content lines, as CommonMark does. */
  indent: number;
  /** The fence character. */
  char: '`' | '~';
  /** How many fence characters opened the block; the closing fence needs at least as many. */
  length: number;
  /** The info string after the fence. */
  info: string;
  /** Length of the opening line including its newline. */
  lineLength: number;
}

const OPENER = /^( {0,3})(`{3,}|~{3,})([^\n]*)\n/;

/**
 * Parses a complete opening fence line (ending in `\n`) at the start of `text`, or `null`.
 * A backtick fence's info string may not contain backticks.
 */
export function parseFenceOpener(text: string): FenceOpener | null {
  const m = OPENER.exec(text);
  if (!m) return null;
  const [line, spaces, fence, info] = m as unknown as [string, string, string, string];
  const char = fence[0] as '`' | '~';
  if (char === '`' && info.includes('`')) return null;
  return { indent: spaces.length, char, length: fence.length, info: info.trim(), lineLength: line.length };
}

/** Whether `line` (no newline) closes a block opened by `opener`. */
export function closesFence(line: string, opener: FenceOpener): boolean {
  let i = 0;
  while (i < 3 && line.charCodeAt(i) === 32) i++;
  let n = 0;
  while (line[i + n] === opener.char) n++;
  if (n < opener.length) return false;
  for (let j = i + n; j < line.length; j++) if (line[j] !== ' ' && line[j] !== '\t') return false;
  return true;
}
