/**
 * A range of a document followed through the user's edits, in VS Code's terms: the one tracker the
 * insertion's anchored selection and a review's target range share (the core's `TrackedRange` does
 * the arithmetic on offsets; this converts to and from positions, clamped to the document).
 */
import * as vscode from 'vscode';
import { TrackedRange } from '../../core/editor';

/** A range of `doc` followed through edits: edits above move it, edits inside it are noticed. */
export class FollowedRange {
  private readonly tracked: TrackedRange;

  constructor(doc: vscode.TextDocument, range: vscode.Range) {
    this.tracked = new TrackedRange(doc.offsetAt(range.start), doc.offsetAt(range.end));
  }

  /** Follows one change event of the document. */
  follow(changes: readonly vscode.TextDocumentContentChangeEvent[]): void {
    this.tracked.applyAll(changes);
  }

  /** True once an edit touched the text inside the range (not just moved it). */
  get touched(): boolean {
    return this.tracked.touched;
  }

  /** The range's offsets now, clamped to `doc`'s length (`start` never after `end`). */
  offsets(doc: vscode.TextDocument): { start: number; end: number } {
    const len = doc.getText().length;
    const start = Math.max(0, Math.min(this.tracked.start, len));
    return { start, end: Math.max(start, Math.min(this.tracked.end, len)) };
  }

  /** Where the range is now in `doc`. */
  range(doc: vscode.TextDocument): vscode.Range {
    const { start, end } = this.offsets(doc);
    return new vscode.Range(doc.positionAt(start), doc.positionAt(end));
  }
}
