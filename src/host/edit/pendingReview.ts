/**
 * One change waiting for Accept or Reject: its range followed through the user's edits.
 */
import * as vscode from 'vscode';
import { proposedText, TrackedRange } from '../../core/editor';

/** How a review ended. */
export type ReviewDecision = 'accepted' | 'rejected';

/**
 * One proposed change waiting for Accept or Reject: the target range followed through the user's
 * edits (edits above move it, edits inside it are noticed), and the text that would replace it.
 */
export class PendingReview {
  private readonly tracked: TrackedRange;
  private settle!: (d: ReviewDecision) => void;
  /** Settles once, when the review is accepted or rejected (closing its diff or its file rejects it). */
  readonly decided = new Promise<ReviewDecision>((resolve) => {
    this.settle = resolve;
  });
  private done = false;

  /**
   * @param target The document to change.
   * @param range Where the change goes now (an empty range inserts).
   * @param text What replaces the range, ready to go in (indented, with the document's line ends).
   * @param proposal The URI of the virtual document that shows the result.
   */
  constructor(
    readonly target: vscode.TextDocument,
    range: vscode.Range,
    readonly text: string,
    readonly proposal: vscode.Uri,
  ) {
    this.tracked = new TrackedRange(target.offsetAt(range.start), target.offsetAt(range.end));
  }

  /** Whether the review is still open. */
  get pending(): boolean {
    return !this.done;
  }

  /** True once the user edited the code under review (not just moved it). */
  get touched(): boolean {
    return this.tracked.touched;
  }

  /** Follows one change event of the target document. */
  follow(changes: readonly vscode.TextDocumentContentChangeEvent[]): void {
    this.tracked.applyAll(changes);
  }

  /** Where the change goes now. */
  range(): vscode.Range {
    const doc = this.target;
    const len = doc.getText().length;
    const clamp = (n: number) => Math.max(0, Math.min(n, len));
    return new vscode.Range(doc.positionAt(clamp(this.tracked.start)), doc.positionAt(clamp(this.tracked.end)));
  }

  /** The target document as it would read after the change. */
  proposedText(): string {
    const len = this.target.getText().length;
    const start = Math.min(this.tracked.start, len);
    return proposedText(this.target.getText(), start, Math.min(Math.max(start, this.tracked.end), len), this.text);
  }

  /** Ends the review; later calls do nothing. Returns false when it had already ended. */
  finish(decision: ReviewDecision): boolean {
    if (this.done) return false;
    this.done = true;
    this.settle(decision);
    return true;
  }
}
