/**
 * Fenced code blocks in a Markdown answer, and which of them belong in a file of a given language.
 */
import { closesFence, parseFenceOpener } from './fences';
import { langMatches } from './languages';

/** One fenced block. */
export interface CodeBlock {
  /** The info string's first word, lower case (`ts`, `python`), or `''`. */
  lang: string;
  /** The block's content without the fences, ending without a newline. */
  code: string;
  /** False when the answer ended inside the block (no closing fence). */
  closed: boolean;
  /** Set when the block sits in a list item (indented under it), not at the answer's top level. */
  inList?: true;
}

/** A fenced block with what surrounds it: where a block names the file it belongs to. */
export interface CodeBlockDetail extends CodeBlock {
  /** The whole info string after the opening fence, trimmed (`ts src/a.ts`). */
  info: string;
  /** The nearest non-blank line before the opening fence, trimmed (`src/a.ts:`), or `''`. */
  lineBefore: string;
}

/** A list item's marker line: its content starts at the end of the match (`- `, `12. `, `* `). */
const LIST_ITEM = /^( *)([-*+]|\d{1,9}[.)])( +)(?=\S)/;

/**
 * The fenced blocks of `markdown`, in order (``` and ~~~ fences), found by the scanner the chat
 * renderer uses ({@link parseFenceOpener}): a fence is indented 0–3 spaces, counted from the
 * content column of the list item it sits in, if any (its indentation is removed from the
 * content). A deeper-indented fence is indented code, which the panel shows as text, so it is no
 * block here either. A block left open at the end is returned with `closed: false`.
 */
export function extractCodeBlocks(markdown: string): CodeBlock[] {
  return extractCodeBlocksDetailed(markdown).map(({ info: _info, lineBefore: _before, ...block }) => block);
}

/** {@link extractCodeBlocks} with each block's whole info string and the line before it. */
export function extractCodeBlocksDetailed(markdown: string): CodeBlockDetail[] {
  const lines = markdown.split(/\r\n|\r|\n/);
  const blocks: CodeBlockDetail[] = [];
  let lineBefore = '';
  // Content column of the list item the current lines belong to (0 outside lists).
  let base = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const before = lineBefore;
    lineBefore = line.trim();
    const indent = line.length - line.trimStart().length;
    if (indent < base) base = 0;
    const item = LIST_ITEM.exec(line);
    if (item) {
      base = item[0].length;
      continue;
    }
    const opener = parseFenceOpener(`${line.slice(base)}\n`);
    if (!opener) continue;
    const strip = base + opener.indent;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !closesFence((lines[j] as string).slice(base), opener); j++)
      body.push(stripIndent(lines[j] as string, strip));
    const lang = opener.info.split(/\s+/, 1)[0] ?? '';
    blocks.push({
      lang: lang.toLowerCase(),
      code: body.join('\n'),
      closed: j < lines.length,
      info: opener.info,
      lineBefore: before,
      ...(base > 0 ? { inList: true as const } : {}),
    });
    lineBefore = '';
    i = j;
  }
  return blocks;
}

/**
 * Whether `code` is the answer's top-level code block number `index` (counting only blocks at the
 * top level: not in a list item, not in a quote, where the panel's Apply button counts the same).
 * Apply uses it to trust the answer's asked-about range for a block: an indented or quoted block
 * is an aside, applied to the user's selection instead. Trailing whitespace is not compared.
 */
export function isTopLevelBlock(answer: string, index: number, code: string): boolean {
  const block = extractCodeBlocks(answer).filter((b) => !b.inList)[index];
  return block !== undefined && block.code.trimEnd() === code.trimEnd();
}

/** Removes up to `n` leading spaces (the fence's own indentation) from a content line. */
function stripIndent(line: string, n: number): string {
  let k = 0;
  while (k < n && line[k] === ' ') k++;
  return line.slice(k);
}

/** What to insert from an answer, and whether it is code. */
export interface InsertChoice {
  text: string;
  kind: 'code' | 'text';
}

/**
 * What goes into a file of `languageId` from `answer`: the blocks in that language (joined by a
 * blank line when there are several); else every block, joined; else the answer's text.
 */
export function chooseInsertText(answer: string, languageId: string): InsertChoice {
  const blocks = extractCodeBlocks(answer).filter((b) => b.code.trim() !== '');
  if (blocks.length === 0) return { text: answer.trim(), kind: 'text' };
  const own = blocks.filter((b) => langMatches(b.lang, languageId));
  const chosen = own.length ? own : blocks;
  return { text: chosen.map((b) => b.code).join('\n\n'), kind: 'code' };
}

/**
 * What {@link chooseInsertText} would take from an answer still streaming, to show it growing:
 * the code of the complete lines so far (a line still being written is left out, so the preview
 * never shows half a word), or undefined while no line of code has arrived. The same choice as
 * the finished answer's, so the preview ends as the text that is finally proposed.
 */
export function streamingInsertText(partial: string, languageId: string): string | undefined {
  const choice = chooseInsertText(partial.slice(0, partial.lastIndexOf('\n') + 1), languageId);
  return choice.kind === 'code' ? choice.text : undefined;
}
