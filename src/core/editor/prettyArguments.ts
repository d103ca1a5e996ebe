/**
 * How a tool call's arguments read: shown by the webview and written by the Markdown export alike, so a
 * tool call reads the same in both.
 */

/** A tool call's arguments pretty-printed when they are JSON, else exactly as they came. */
export function prettyArguments(args: string): string {
  try {
    return JSON.stringify(JSON.parse(args), null, 2);
  } catch {
    return args;
  }
}
