/**
 * Changes across files: a change set of 20 files and 2,000 changed lines. What Review computes
 * before VS Code's diff editor opens (each file's diff and the summary), against a 300 ms budget;
 * and accepting the set in one pass (each file checked against the text it was proposed on, then
 * written), against writing the same files directly: at most 100 ms more.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyChanges, changeDiffs } from '../../src/cli/edits';
import { ChangeSet } from '../../src/core/edits';
import type { BenchModule, BenchRow } from './row';

const FILES = 20;
/** Lines per file; every eighth is replaced: 50 removed and 50 added, 100 changed lines per file. */
const LINES_PER_FILE = 400;

function fileText(i: number, changed: boolean): string {
  const lines: string[] = [];
  for (let l = 0; l < LINES_PER_FILE; l++) {
    const touched = changed && l % 8 === 1;
    lines.push(
      touched ? `  const value${l} = compute(${i}, ${l}) + 1; // changed` : `  const value${l} = compute(${i}, ${l});`,
    );
  }
  return `export function f${i}() {\n${lines.join('\n')}\n}\n`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const bench: BenchModule = {
  name: 'changes',
  async run(): Promise<BenchRow[]> {
    const originals = Array.from({ length: FILES }, (_, i) => fileText(i, false));
    const proposals = Array.from({ length: FILES }, (_, i) => fileText(i, true));
    const build = () => {
      const set = new ChangeSet();
      originals.forEach((o, i) => set.propose(`src/f${i}.ts`, o, proposals[i]!));
      return set;
    };
    const changed = build().summary();
    const review: number[] = [];
    for (let r = 0; r < 7; r++) {
      const t = performance.now();
      const set = build();
      set.summary();
      changeDiffs(set);
      review.push(performance.now() - t);
    }
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rill-bench-changes-'));
    const direct: number[] = [];
    const accept: number[] = [];
    try {
      fs.mkdirSync(path.join(root, 'src'));
      const reset = () => originals.forEach((o, i) => fs.writeFileSync(path.join(root, `src/f${i}.ts`), o));
      for (let r = 0; r < 7; r++) {
        reset();
        let t = performance.now();
        proposals.forEach((p, i) => fs.writeFileSync(path.join(root, `src/f${i}.ts`), p));
        direct.push(performance.now() - t);
        reset();
        const set = build();
        t = performance.now();
        const { written } = applyChanges(set, root);
        accept.push(performance.now() - t);
        if (written.length !== FILES) throw new Error(`accepted ${written.length} of ${FILES} files`);
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
    return [
      {
        goal: 'E1',
        metric: `review preparation: ${FILES} files, ${changed.added + changed.removed} changed lines (median of 7)`,
        value: median(review),
        unit: 'ms',
        limit: 300,
        direction: 'max',
      },
      { goal: '', metric: 'writing the same files directly (median of 7)', value: median(direct), unit: 'ms' },
      { goal: '', metric: 'accepting the change set in one pass (median of 7)', value: median(accept), unit: 'ms' },
      {
        goal: 'E2',
        metric: 'accept in one pass minus writing directly',
        value: median(accept) - median(direct),
        unit: 'ms',
        limit: 100,
        direction: 'max',
      },
    ];
  },
};

export default bench;
