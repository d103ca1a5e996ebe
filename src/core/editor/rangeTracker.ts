/**
 * Follows a selected range through the edits a user makes while an answer streams, so the
 * answer lands where the selection is now, not where it was. Works on character offsets, as
 * VS Code's `TextDocumentContentChangeEvent` reports them.
 */

/** One content change: `rangeLength` characters at `rangeOffset` replaced by `text`. */
export interface OffsetChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

/** A range followed through changes. */
export class TrackedRange {
  /** True once a change touched the text inside the range (not just moved it). */
  touched = false;

  constructor(
    public start: number,
    public end: number,
  ) {}

  /**
   * Applies one change. Changes wholly before the range shift it; changes wholly after it leave
   * it alone; a change inside or across it marks it touched and keeps the range around the
   * changed text. An insertion exactly at the start goes before the range, at the end after it.
   */
  apply(c: OffsetChange): void {
    const cStart = c.rangeOffset;
    const cEnd = c.rangeOffset + c.rangeLength;
    const delta = c.text.length - c.rangeLength;
    if (cEnd <= this.start) {
      this.start += delta;
      this.end += delta;
      return;
    }
    if (cStart >= this.end) return;
    // The change overlaps the range.
    this.touched = true;
    const newStart = Math.min(this.start, cStart);
    const newEnd = Math.max(this.end + delta, cStart + c.text.length);
    this.start = newStart;
    this.end = Math.max(newStart, newEnd);
  }

  /** Applies changes in the order VS Code lists them for one document change event. */
  applyAll(changes: readonly OffsetChange[]): void {
    for (const c of changes) this.apply(c);
  }
}
