/**
 * The webview's Markdown renderer: streaming rendering, link and HTML safety, and lazy syntax
 * highlighting. Styles live in `media/markdown.css`.
 */
export { StreamingMarkdown, type MarkdownHooks, type StreamingMarkdownOptions } from './streaming-markdown';
export { Highlighter, scriptGrammarLoader, sharedHighlighter, type GrammarLoader } from './highlighter';
