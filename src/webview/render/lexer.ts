/**
 * The Markdown lexer: `marked` in GFM mode (tables, task lists, strikethrough, autolinks) with raw
 * HTML recognition switched off, so `<script>`, `<img onerror>` and the like are ordinary text.
 * A single line break inside a paragraph is a line break (`breaks`), as in GitHub comments and
 * VS Code's own chat: a poem, an address or a log sent line by line keeps its lines. Code blocks,
 * lists and tables are not paragraphs, so they are unchanged.
 */
import { Lexer, type Links, Marked, type Token, type TokensList } from 'marked';

const marked = new Marked({ gfm: true, breaks: true, pedantic: false, async: false }).use({
  tokenizer: {
    // Returning nothing makes the lexer fall through to the next rule (paragraph or text), which is
    // what CommonMark does for HTML when a renderer disallows it.
    html: () => undefined,
    tag: () => undefined,
  },
});

/**
 * Lexes `src` into top-level block tokens (inline tokens nested inside).
 *
 * `links` are reference definitions (`[label]: url`) seen earlier in the same answer: they apply to
 * this text too. Definitions found in `src` are added to the returned list's `links`.
 */
export function lex(src: string, links?: Links): TokensList {
  const lexer = new Lexer(marked.defaults);
  if (links) Object.assign(lexer.tokens.links, links);
  return lexer.lex(src);
}

export type { Tokens } from 'marked';
export type { Links, Token, TokensList };
