/**
 * The one ending of every change an answer proposes: written as one edit, or opened for review in a
 * diff, or, when the document cannot take it, left alone with the text offered as a copy. The
 * insertion (with the `rill.insert.review` policy) and Apply (always reviewed) both end here.
 */
import type * as vscode from 'vscode';
import type { Ui } from '../ui';
import { applyChange, isWritable, offerCopyInstead } from './applyEdit';
import type { Reviews } from './reviews';

/** What became of a change. */
export type ChangeOutcome = 'inserted' | 'review' | 'copied' | 'readOnly';

/** A change to deliver: the edit into `doc`, and the text to offer as a copy when `doc` cannot take it. */
export interface Change {
  doc: vscode.TextDocument;
  edit: vscode.TextEdit;
  copyText: string;
}

/**
 * Writes the change as one edit, or with `review` opens it in a diff and resolves `review` without
 * waiting for the decision. A read-only document (its file system says so, or the editor refuses
 * the edit) is left alone: Rill says so and offers to copy the text instead.
 */
export async function writeOrReview(
  c: Change,
  review: true,
  ui: Ui,
  reviews: Reviews,
): Promise<'review' | 'copied' | 'readOnly'>;
export async function writeOrReview(c: Change, review: boolean, ui: Ui, reviews: Reviews): Promise<ChangeOutcome>;
export async function writeOrReview(
  { doc, edit, copyText }: Change,
  review: boolean,
  ui: Ui,
  reviews: Reviews,
): Promise<ChangeOutcome> {
  if (!isWritable(doc)) return offerCopyInstead(doc, copyText, ui);
  if (review) {
    await reviews.open(doc, edit.range, edit.newText);
    return 'review';
  }
  if (await applyChange(doc, edit.range, edit.newText)) return 'inserted';
  return offerCopyInstead(doc, copyText, ui);
}
