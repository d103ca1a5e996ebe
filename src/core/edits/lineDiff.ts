/**
 * A line diff (Myers' O(ND) algorithm over interned lines), the one source for the unified diff
 * text and for the "+A −D" counts of a change set, so the two never disagree.
 */

/** A run of lines: equal in both texts, only in the old one (deleted) or only in the new one (inserted). */
export interface DiffRun {
  kind: 'equal' | 'delete' | 'insert';
  /** 0-based index of the run's first line in the old text (for an insert: where it goes). */
  oldStart: number;
  /** 0-based index of the run's first line in the new text (for a delete: where it was). */
  newStart: number;
  count: number;
}

/**
 * Beyond this many differences the middle is reported as one delete and one insert: the trace
 * grows with the square of the differences, and such a diff is a rewrite anyway.
 */
const MAX_DIFFERENCES = 4000;

/**
 * The runs that turn `a` into `b` (lines compared as strings, terminators included when the
 * caller keeps them). Common leading and trailing lines are found first, so a small change in a
 * long file costs little.
 */
export function diffLines(a: readonly string[], b: readonly string[]): DiffRun[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const ids = new Map<string, number>();
  const intern = (s: string): number => {
    let id = ids.get(s);
    if (id === undefined) ids.set(s, (id = ids.size));
    return id;
  };
  const ma = Int32Array.from(a.slice(pre, a.length - suf), intern);
  const mb = Int32Array.from(b.slice(pre, b.length - suf), intern);
  const ops = myers(ma, mb) ?? [...Array<Op>(ma.length).fill('d'), ...Array<Op>(mb.length).fill('i')];
  const runs: DiffRun[] = [];
  const push = (kind: DiffRun['kind'], oldStart: number, newStart: number) => {
    const last = runs.at(-1);
    if (last && last.kind === kind) last.count++;
    else runs.push({ kind, oldStart, newStart, count: 1 });
  };
  for (let i = 0; i < pre; i++) push('equal', i, i);
  let x = pre;
  let y = pre;
  for (const op of ops) {
    if (op === 'e') push('equal', x++, y++);
    else if (op === 'd') push('delete', x++, y);
    else push('insert', x, y++);
  }
  for (let i = 0; i < suf; i++) push('equal', x++, y++);
  return runs;
}

/** Lines only in the new text and lines only in the old one. */
export function countChanges(runs: readonly DiffRun[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const r of runs) {
    if (r.kind === 'insert') added += r.count;
    else if (r.kind === 'delete') removed += r.count;
  }
  return { added, removed };
}

type Op = 'e' | 'd' | 'i';

/** Myers' greedy shortest edit script, one op per line; undefined past {@link MAX_DIFFERENCES}. */
function myers(a: Int32Array, b: Int32Array): Op[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  if (max === 0) return [];
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v[-d..d] after step d, for the walk back.
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    if (d > MAX_DIFFERENCES) return undefined;
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) found = d;
    }
    trace.push(v.slice(off - d, off + d + 1));
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d - 1]!;
    const at = (k: number) => prev[k + d - 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push('e');
      x--;
      y--;
    }
    if (x === prevX) ops.push('i');
    else ops.push('d');
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push('e');
    x--;
    y--;
  }
  return ops.reverse();
}
