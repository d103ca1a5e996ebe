/**
 * A review that opens while its answer streams: Fix and Add Comments show their diff as soon as
 * the first line of code arrives and fill the proposal as the answer grows, the document itself
 * untouched. The review can be accepted only once the answer is done; an answer that stops or
 * fails leaves its partial proposal marked, and nothing is written.
 */
import type * as vscode from 'vscode';
import { routeChange, streamingInsertText } from '../../core/editor';
import { readInsertReview } from '../settings';
import { isWritable, planFor } from './applyEdit';
import type { PendingReview } from './pendingReview';
import type { Reviews } from './reviews';

/**
 * The proposal follows the answer at most this often: each change makes VS Code diff the two
 * sides again, so one change per token would make the editor stutter on a long answer.
 */
export const STREAM_UPDATE_MS = 50;

/** Where the answer goes: the open document, and its target range as it is now (followed through edits). */
export interface StreamTarget {
  doc: vscode.TextDocument;
  range(): vscode.Range;
  languageId: string;
}

/**
 * Feeds a streaming answer into a review of `target`: {@link StreamedReview.push} with the answer
 * so far (cheap: the work is done at most every {@link STREAM_UPDATE_MS}), then
 * {@link StreamedReview.end} once it is done.
 */
export class StreamedReview {
  private review: PendingReview | undefined;
  private opening: Promise<unknown> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private latest = '';
  private ended = false;

  private constructor(
    private readonly reviews: Reviews,
    private readonly target: StreamTarget,
  ) {}

  /**
   * A streamed review for a change that would be reviewed when done (`rill.insert.review` and the
   * range it replaces say so) in a document that can take it; undefined otherwise (the finished
   * answer then goes the usual way).
   */
  static start(reviews: Reviews, target: StreamTarget): StreamedReview | undefined {
    if (!isWritable(target.doc)) return undefined;
    if (routeChange(readInsertReview(), target.range()) !== 'review') return undefined;
    return new StreamedReview(reviews, target);
  }

  /** The answer so far. The diff opens once it holds a whole line of code, then follows it. */
  push(answer: string): void {
    if (this.ended) return;
    this.latest = answer;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, STREAM_UPDATE_MS);
  }

  /**
   * The answer ended. With the final code, the review (if it opened) gets it and can be accepted;
   * with `partial` it keeps the text so far, marked, and can never be accepted. Resolves the
   * review, or undefined when none opened (the answer came too fast, or had no code until its end).
   */
  async end(final: { code: string } | 'partial'): Promise<PendingReview | undefined> {
    if (this.ended) return this.review;
    this.ended = true;
    clearTimeout(this.timer);
    await this.opening;
    const review = this.review;
    if (!review) return undefined;
    if (final === 'partial') {
      const code = streamingInsertText(this.latest, this.target.languageId);
      this.reviews.write(review, code === undefined ? review.text : this.planned(code), 'partial');
    } else this.reviews.write(review, this.planned(final.code), 'ready');
    return review;
  }

  private async flush(): Promise<void> {
    if (this.ended) return;
    // Opening takes a while (the diff editor): what streams meanwhile waits for the next turn.
    if (this.opening) return this.push(this.latest);
    const code = streamingInsertText(this.latest, this.target.languageId);
    if (code === undefined) return;
    if (this.review) {
      this.reviews.write(this.review, this.planned(code));
      return;
    }
    this.opening = this.reviews.open(this.target.doc, this.target.range(), this.planned(code), 'streaming').then(
      (r) => {
        this.review = r;
      },
      () => undefined,
    );
    await this.opening;
    this.opening = undefined;
  }

  /** The code as it goes into the range (re-indented, the document's line ends): what Accept writes. */
  private planned(code: string): string {
    const range = this.review?.range() ?? this.target.range();
    return planFor(this.target.doc, range, code, 'replace').newText;
  }
}
