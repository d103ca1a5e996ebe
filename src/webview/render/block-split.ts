/**
 * Where the settled part of a streaming answer ends: which leading blocks can no longer change,
 * whatever text arrives next.
 */

import { closesFence, parseFenceOpener } from '../../core/editor';
import type { Token, Tokens } from './lexer';

/**
 * Given the tokens of text that ends with a newline (complete lines only), returns how many leading
 * tokens are settled.
 *
 * Every block but the last is settled: a following block has started on a complete line, and
 * CommonMark decides how a line is used from that line and the ones before it. The last block may
 * still grow (a paragraph, a list, a table), so it stays open, unless it is a fenced code block whose
 * closing fence is complete. Only complete lines count because a partial one can still turn out
 * differently (`#` may become `#x`, a paragraph line, and the block before it would grow).
 */
export function settledCount(tokens: readonly Token[]): number {
  const last = lastBlock(tokens);
  if (last < 0 || isClosedFence(tokens[last])) return tokens.length;
  return holdDefinition(tokens, last);
}

/**
 * The same decision for text that may end in an unfinished line, made from the tokens of the whole
 * text when that is possible: `complete` is where the unfinished line starts. Returns `null` when
 * the last block starts on the unfinished line; then only the complete lines can tell
 * ({@link settledCount} on their tokens).
 *
 * When the last block starts on a complete line, the unfinished line can only extend that block,
 * so every block before it has settled, exactly as {@link settledCount} would find.
 */
export function settledPrefix(tokens: readonly Token[], complete: number): number | null {
  if (complete === rawLength(tokens)) return settledCount(tokens);
  const last = lastBlock(tokens);
  if (last < 0 || rawLength(tokens.slice(0, last)) >= complete) return null;
  return holdDefinition(tokens, last);
}

function lastBlock(tokens: readonly Token[]): number {
  let last = tokens.length - 1;
  while (last >= 0 && tokens[last].type === 'space') last--;
  return last;
}

/**
 * A link reference definition's title may start on the next line and span lines: while the open
 * last block is a paragraph right after a definition and starts like a title, the definition waits
 * too. Returns how many tokens settle when `last` is the open block.
 */
function holdDefinition(tokens: readonly Token[], last: number): number {
  if (
    last > 0 &&
    tokens[last - 1].type === 'def' &&
    tokens[last].type === 'paragraph' &&
    /^[ \t]*["'(]/.test(tokens[last].raw)
  ) {
    return last - 1;
  }
  return last;
}

/** Whether `token` is a fenced code block whose closing fence is present. */
export function isClosedFence(token: Token): boolean {
  if (token.type !== 'code' || (token as Tokens.Code).codeBlockStyle === 'indented') return false;
  const raw = token.raw.endsWith('\n') ? token.raw.slice(0, -1) : token.raw;
  const opener = parseFenceOpener(raw);
  if (!opener) return false;
  const lastLine = raw.lastIndexOf('\n');
  return lastLine >= opener.lineLength - 1 && closesFence(raw.slice(lastLine + 1), opener);
}

/** The summed source length of `tokens` (the lexer consumes exactly each token's `raw`). */
export function rawLength(tokens: readonly Token[]): number {
  let n = 0;
  for (const t of tokens) n += t.raw.length;
  return n;
}
