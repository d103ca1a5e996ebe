/**
 * The unified diff of one file's change, as `git diff` and `patch` read it: what the command-line
 * tool prints for a proposed edit and what a reviewer can save and apply elsewhere.
 */
import { countChanges, diffLines } from './lineDiff';
import { splitLines } from './lines';

/** Options of {@link unifiedDiff}. */
export interface UnifiedDiffOptions {
  /** Unchanged lines shown around each change (default 3). */
  context?: number;
}

/**
 * The unified diff from `oldText` to `newText` for workspace-relative `path` (`a/` and `b/`
 * prefixes, `/dev/null` as the old side when `oldText` is undefined: a new file). Lines are
 * compared with their terminators, so a changed line ending or final newline shows; a last line
 * without a newline gets `\ No newline at end of file`. Empty string when nothing changed.
 */
export function unifiedDiff(
  path: string,
  oldText: string | undefined,
  newText: string,
  opts: UnifiedDiffOptions = {},
): string {
  const context = opts.context ?? 3;
  const a = splitLines(oldText ?? '');
  const b = splitLines(newText);
  const aKeys = a.map((l) => l.text + l.eol);
  const bKeys = b.map((l) => l.text + l.eol);
  const runs = diffLines(aKeys, bKeys);
  if (runs.every((r) => r.kind === 'equal') && oldText !== undefined) return '';
  const out: string[] = [oldText === undefined ? '--- /dev/null' : `--- a/${path}`, `+++ b/${path}`];
  // Changed runs grouped into hunks: two changes closer than 2 × context share one hunk.
  let i = 0;
  while (i < runs.length) {
    if (runs[i]!.kind === 'equal') {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < runs.length) {
      const next = runs[j + 1]!;
      if (next.kind !== 'equal') j++;
      else if (j + 2 < runs.length && next.count <= 2 * context) j += 2;
      else break;
    }
    const first = runs[i]!;
    const last = runs[j]!;
    const before = Math.min(context, first.oldStart, first.newStart);
    const lastOldEnd = last.kind === 'delete' ? last.oldStart + last.count : last.oldStart;
    const lastNewEnd = last.kind === 'insert' ? last.newStart + last.count : last.newStart;
    const after = Math.min(context, a.length - lastOldEnd, b.length - lastNewEnd);
    const oldStart = first.oldStart - before;
    const newStart = first.newStart - before;
    const oldCount = lastOldEnd + after - oldStart;
    const newCount = lastNewEnd + after - newStart;
    const body: string[] = [];
    const line = (mark: string, l: { text: string; eol: string }) => {
      body.push(mark + l.text);
      if (l.eol === '') body.push('\\ No newline at end of file');
    };
    for (let k = oldStart; k < first.oldStart; k++) line(' ', a[k]!);
    for (let r = i; r <= j; r++) {
      const run = runs[r]!;
      for (let k = 0; k < run.count; k++) {
        if (run.kind === 'equal') line(' ', a[run.oldStart + k]!);
        else if (run.kind === 'delete') line('-', a[run.oldStart + k]!);
        else line('+', b[run.newStart + k]!);
      }
    }
    for (let k = lastOldEnd; k < lastOldEnd + after; k++) line(' ', a[k]!);
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`, ...body);
    i = j + 1;
  }
  return `${out.join('\n')}\n`;
}

/** A hunk header's side: 1-based start and count, the count left out when it is 1. */
function range(start: number, count: number): string {
  if (count === 0) return `${start},0`;
  return count === 1 ? `${start + 1}` : `${start + 1},${count}`;
}

/** Lines added and removed from `oldText` (undefined: a new file) to `newText`. */
export function changeStats(oldText: string | undefined, newText: string): { added: number; removed: number } {
  const key = (t: string) => splitLines(t).map((l) => l.text + l.eol);
  return countChanges(diffLines(key(oldText ?? ''), key(newText)));
}
