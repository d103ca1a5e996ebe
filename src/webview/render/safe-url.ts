/**
 * The renderer's link policy: only absolute `http:` and `https:` URLs may become clickable.
 * Everything else (`javascript:`, `command:`, `vscode:`, `file:`, `data:`, relative paths, …) is
 * rendered as inert text, because the webview must never navigate or run anything a model wrote.
 */

/**
 * Returns the normalised URL when `href` is an absolute http(s) URL, otherwise `null`.
 *
 * `href` must already be free of Markdown escapes and character references: the value is checked
 * exactly as it will be set on the element, and it is set with `setAttribute`, which decodes nothing.
 */
export function safeHttpUrl(href: string): string | null {
  // The URL parser strips leading/trailing C0 controls and spaces and drops tabs and newlines inside,
  // so `java\tscript:` or ` javascript:` would otherwise sneak past a naive prefix test.
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname) return null;
  return url.href;
}
