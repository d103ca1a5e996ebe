/**
 * A line-based three-way merge: the user's own edits of a file made while a proposed change of it
 * waited, carried into the proposal. Edits in different places both land (the change's ranges
 * follow the user's edits); edits that overlap are a conflict, which the caller asks
 * about before anything is written.
 */
import { diffLines } from './lineDiff';
import { splitLines } from './lines';

/** One changed region of the base: lines `[start, end)` replaced by `lines`. */
interface Hunk {
  start: number;
  end: number;
  lines: string[];
}

/** The changed regions from `base` to `other` (lines with their terminators). */
function hunks(base: readonly string[], other: readonly string[]): Hunk[] {
  const out: Hunk[] = [];
  let adjacent = false;
  for (const r of diffLines(base, other)) {
    if (r.kind === 'equal') {
      adjacent = false;
      continue;
    }
    // A delete and an insert next to each other are one replacement.
    let h = adjacent ? out.at(-1) : undefined;
    if (!h) {
      h = { start: r.oldStart, end: r.oldStart, lines: [] };
      out.push(h);
    }
    if (r.kind === 'delete') h.end = r.oldStart + r.count;
    else h.lines.push(...other.slice(r.newStart, r.newStart + r.count));
    adjacent = true;
  }
  return out;
}

/**
 * Whether two changes of the base collide: their spans overlap, or both insert at the same line.
 * An insertion right before or after a replaced span does not: its place is clear.
 */
const collide = (a: Hunk, b: Hunk) =>
  (a.start < b.end && b.start < a.end) || (a.start === a.end && b.start === b.end && a.start === b.start);

const same = (a: Hunk, b: Hunk) =>
  a.start === b.start &&
  a.end === b.end &&
  a.lines.length === b.lines.length &&
  a.lines.every((l, i) => l === b.lines[i]);

/** The merged text, or the 1-based lines of `ours` (the file now) where the two sides collide. */
export type MergeResult = { ok: true; text: string } | { ok: false; conflictLines: number[] };

/** How {@link merge3} settles a conflict: report it (the default), or let the proposal win there. */
export interface MergeOptions {
  /**
   * `theirs`: where the two sides collide, the proposal's lines are taken and the user's edits
   * there dropped; the user's edits elsewhere are still kept. Never a conflict.
   */
  prefer?: 'theirs';
}

/**
 * Merges `ours` (the file as the user left it) and `theirs` (the proposal), both made from
 * `base` (the file when the change was proposed). Changes in separate places are both kept, an
 * insertion next to a change too; overlapping changes and insertions at the same line conflict
 * unless they are the same change (or, with `prefer: 'theirs'`, the proposal's change wins).
 */
export function merge3(base: string, ours: string, theirs: string, options: MergeOptions = {}): MergeResult {
  if (ours === base) return { ok: true, text: theirs };
  if (theirs === base || ours === theirs) return { ok: true, text: ours };
  const key = (t: string) => splitLines(t).map((l) => l.text + l.eol);
  const b = key(base);
  const a = hunks(b, key(ours));
  const c = hunks(b, key(theirs));
  const conflicts: number[] = [];
  const all: Hunk[] = [];
  let shift = 0;
  for (const h of a) {
    const collides = c.some((o) => !same(h, o) && collide(h, o));
    if (collides && options.prefer === 'theirs') continue;
    if (collides) conflicts.push(h.start + shift + 1);
    shift += h.lines.length - (h.end - h.start);
    all.push(h);
  }
  if (conflicts.length) return { ok: false, conflictLines: conflicts };
  for (const h of c) if (!a.some((o) => same(h, o))) all.push(h);
  all.sort((x, y) => x.start - y.start || x.end - y.end);
  const out: string[] = [];
  let at = 0;
  for (const h of all) {
    out.push(...b.slice(at, h.start), ...h.lines);
    at = h.end;
  }
  out.push(...b.slice(at));
  return { ok: true, text: out.join('') };
}
