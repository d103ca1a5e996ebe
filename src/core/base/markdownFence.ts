/**
 * The fence that wraps text in a Markdown code block (the prompts, the attachments, the Markdown
 * export): one rule, so no text can close the block it is sent in.
 */

/** A fence of backticks longer than any run of backticks inside `code`, so the code cannot end it. */
export function fenceFor(code: string): string {
  let longest = 0;
  for (const m of code.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}
