/**
 * The webview's Markdown renderer: streaming rendering, link and HTML safety, and lazy syntax
 * highlighting. Styles live in `media/markdown.css`.
 */

export { type GrammarLoader, Highlighter, scriptGrammarLoader, sharedHighlighter } from './highlighter';
export { type MarkdownHooks, StreamingMarkdown, type StreamingMarkdownOptions } from './streaming-markdown';
