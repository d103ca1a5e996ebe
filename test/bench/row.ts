/** One measured figure in `npm run bench`, optionally held against a goal. */
export interface BenchRow {
  /** Goal id from the project's performance goals, e.g. `G1`, or a short label for a plain figure. */
  goal: string;
  /** What was measured, in words. */
  metric: string;
  value: number;
  unit: string;
  /** The limit the value must stay within (inclusive), when this row is a goal check. */
  limit?: number;
  /** `max`: value ≤ limit passes; `min`: value ≥ limit passes. */
  direction?: 'max' | 'min';
}

/** A benchmark module: runs its measurements and returns rows. It must clean up after itself. */
export type BenchModule = { name: string; run(): Promise<BenchRow[]> };

/** Whether a row meets its goal; `undefined` when it has none. */
export function passes(row: BenchRow): boolean | undefined {
  if (row.limit === undefined) return undefined;
  return row.direction === 'min' ? row.value >= row.limit : row.value <= row.limit;
}
