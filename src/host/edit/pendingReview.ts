/**
 * One change waiting for Accept or Reject: its range followed through the user's edits.
 */
import type * as vscode from 'vscode';
import { proposedText } from '../../core/editor';
import { FollowedRange } from './followedRange';

/** How a review ended. */
export type ReviewDecision = 'accepted' | 'rejected';

/**
 * Where the proposed text stands: `streaming` while the answer is still being written into the
 * diff, `ready` once it is done (only then can it be accepted), `partial` when the answer stopped
 * or failed before it was done (shown for reference, never written).
 */
export type ReviewStage = 'streaming' | 'ready' | 'partial';

/**
 * One proposed change waiting for Accept or Reject: the target range followed through the user's
 * edits (edits above move it, edits inside it are noticed), and the text that would replace it.
 */
export class PendingReview {
  private readonly tracked: FollowedRange;
  private settle!: (d: ReviewDecision) => void;
  /** Settles once, when the review is accepted or rejected (closing its diff or its file rejects it). */
  readonly decided = new Promise<ReviewDecision>((resolve) => {
    this.settle = resolve;
  });
  private done = false;
  private current: string;
  private at: ReviewStage;

  /**
   * @param target The document to change.
   * @param range Where the change goes now (an empty range inserts).
   * @param text What replaces the range, ready to go in (indented, with the document's line ends).
   * @param proposal The URI of the virtual document that shows the result.
   * @param stage `streaming` when `text` is the start of an answer still being written.
   */
  constructor(
    readonly target: vscode.TextDocument,
    range: vscode.Range,
    text: string,
    readonly proposal: vscode.Uri,
    stage: ReviewStage = 'ready',
  ) {
    this.tracked = new FollowedRange(target, range);
    this.current = text;
    this.at = stage;
  }

  /** What replaces the range: so far, while the answer streams. */
  get text(): string {
    return this.current;
  }

  /** Where the proposed text stands; only a `ready` change can be accepted. */
  get stage(): ReviewStage {
    return this.at;
  }

  /**
   * Sets the proposed text: more of it while streaming, the final text with `ready`, or the text so
   * far with `partial` (the answer ended early). A review that is no longer streaming keeps its text.
   */
  write(text: string, stage: ReviewStage = this.at): void {
    if (this.at !== 'streaming') return;
    this.current = text;
    this.at = stage;
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
    this.tracked.follow(changes);
  }

  /** Where the change goes now. */
  range(): vscode.Range {
    return this.tracked.range(this.target);
  }

  /** The target document as it would read after the change. */
  proposedText(): string {
    const { start, end } = this.tracked.offsets(this.target);
    return proposedText(this.target.getText(), start, end, this.text);
  }

  /** Ends the review; later calls do nothing. Returns false when it had already ended. */
  finish(decision: ReviewDecision): boolean {
    if (this.done) return false;
    this.done = true;
    this.settle(decision);
    return true;
  }
}
