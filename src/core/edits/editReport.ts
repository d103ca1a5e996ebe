/**
 * What the model reads back from an edit tool: that a change was proposed (never that it was
 * applied), why an edit could not be matched and what to send instead, and later what the user
 * decided, so a later round knows the file's real state. One wording for the panel and the CLI.
 */
import type { EditMatch, Healing } from './editMatch';

/** Lines of the closest text quoted back at most, so a miss in a long block stays a short result. */
const QUOTE_LINES = 30;

const HEALED: Record<Healing, string> = {
  lineEndings: 'line endings',
  trailingSpaces: 'trailing spaces',
  indentation: 'indentation',
};

/** The tool result for a matched edit: proposed, where, with what was forgiven, and the line counts. */
export function describeProposedEdit(
  path: string,
  m: Extract<EditMatch, { ok: true }>,
  stats: { added: number; removed: number },
): string {
  const healed = m.healed.length
    ? ` (old_text matched after forgiving differences in ${m.healed.map((h) => HEALED[h]).join(', ')})`
    : '';
  return (
    `Proposed an edit to ${path} at line ${m.line}${healed}: +${stats.added} −${stats.removed} lines. ` +
    'It is NOT applied yet: the user reviews it and accepts or rejects it. Further edits to this file apply on top of this proposal.'
  );
}

/** The tool result for a proposed new file. */
export function describeProposedFile(path: string, lines: number): string {
  return `Proposed a new file ${path} (${lines} lines). It is NOT created yet: the user reviews it and accepts or rejects it.`;
}

/** The tool result when an edit could not be matched: what went wrong and how to call again. */
export function describeEditFailure(path: string, m: Exclude<EditMatch, { ok: true }>): string {
  switch (m.reason) {
    case 'empty':
      return 'old_text is empty. Quote the lines to replace (or a line next to where text goes) in old_text; for a new file use create_file.';
    case 'noChange':
      return 'old_text and new_text are the same: nothing to change.';
    case 'ambiguous':
      return (
        `old_text occurs ${m.lines.length} times in ${path} (starting at lines ${m.lines.join(', ')}). ` +
        'Include more of the surrounding lines in old_text so that it matches exactly one place.'
      );
    case 'notFound': {
      const c = m.closest;
      if (!c || c.similarity < 0.2)
        return `old_text was not found in ${path}, nor anything like it. Read the file again (read_file) and quote its text exactly.`;
      const quoted = c.text.split('\n').slice(0, QUOTE_LINES);
      const numbered = quoted.map((l, i) => `${c.startLine + i}: ${l}`).join('\n');
      const more = c.endLine - c.startLine + 1 > QUOTE_LINES ? '\n…' : '';
      const first = c.firstDifference
        ? `\nThe first difference is at line ${c.firstDifference.line}: the file has ${JSON.stringify(c.firstDifference.file)}, old_text has ${JSON.stringify(c.firstDifference.expected)}.`
        : '';
      return (
        `old_text was not found in ${path}. The closest text is lines ${c.startLine}-${c.endLine} ` +
        `(${Math.round(c.similarity * 100)}% alike):\n${numbered}${more}${first}\nQuote the file's text exactly in old_text and try again.`
      );
    }
  }
}
