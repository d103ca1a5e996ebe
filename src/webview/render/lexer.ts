/**
 * The Markdown lexer: `marked` in GFM mode (tables, task lists, strikethrough, autolinks) with raw
 * HTML recognition switched off, so `<script>`, `<img onerror>` and the like are ordinary text.
 */
import { Lexer, Marked, type Links, type Token, type TokensList } from 'marked';

const marked = new Marked({ gfm: true, breaks: false, pedantic: false, async: false }).use({
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

export type { Links, Token, TokensList };
export type { Tokens } from 'marked';
