/**
 * The review commands: Accept, Reject and Show Diff of a change under review.
 */
import * as vscode from 'vscode';
import type { AcceptOutcome } from '../edit/reviews';
import type { Commands, Services } from '../services';

/** Says there is nothing to review; resolves `noReview`. */
function nothingToReview(s: Services): 'noReview' {
  void s.ui.info(vscode.l10n.t('No change from Rill is waiting for review.'));
  return 'noReview';
}

/**
 * Accept, Reject and Show Diff for a change under review. Each takes the target document's URI
 * (from a CodeLens), else acts on the review shown in the active diff or editor, else on the only one.
 */
export function reviewCommands(s: Services): Commands {
  return {
    'rill.review.accept': async (uri?: unknown): Promise<AcceptOutcome> => {
      const review = s.reviews.find(uri);
      return review ? s.reviews.accept(review) : nothingToReview(s);
    },
    'rill.review.reject': async (uri?: unknown): Promise<'rejected' | 'noReview'> => {
      const review = s.reviews.find(uri);
      if (!review) return nothingToReview(s);
      await s.reviews.reject(review);
      return 'rejected';
    },
    'rill.review.show': async (uri?: unknown): Promise<'shown' | 'noReview'> => {
      const review = s.reviews.find(uri);
      if (!review) return nothingToReview(s);
      await s.reviews.show(review);
      return 'shown';
    },
  };
}
