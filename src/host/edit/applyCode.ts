/**
 * Apply from the chat: where a code block from the chat panel goes, and its review.
 */
import * as vscode from 'vscode';
import type { ChatSession, ChatTurn } from '../../core/chat';
import { chooseApplyTarget, isTopLevelBlock, looksLikeWholeFile } from '../../core/editor';
import type { Ui } from '../ui';
import { docLines, planFor } from './applyEdit';
import type { AskedRanges } from './askedRanges';
import type { Reviews } from './reviews';
import { writeOrReview } from './writeOrReview';

/** What Apply needs. */
export interface ApplyServices {
  session: ChatSession;
  reviews: Reviews;
  askedRanges: AskedRanges;
  ui: Ui;
}

/** What a code block's Apply did. */
export type ApplyOutcome = 'review' | 'noTarget' | 'copied' | 'readOnly';

/** Where a code block's button is, as the webview says: its answer's turn id and its top-level block number. */
export interface BlockOrigin {
  turnId?: string;
  /** Absent for a block inside a list item or a quote. */
  block?: number;
}

/**
 * The answer whose asked-about range `code` may replace: the turn the button belongs to, found by
 * its id (never by searching answers for the code, which finds the wrong answer when two hold the
 * same block), and only when `code` is that answer's top-level block number `block`. An indented
 * or quoted block is an aside: it goes to the user's selection instead.
 */
function answerOf(turns: readonly ChatTurn[], origin: BlockOrigin, code: string): ChatTurn | undefined {
  if (origin.turnId === undefined || origin.block === undefined) return undefined;
  const turn = turns.find((t) => t.id === origin.turnId && t.role === 'assistant');
  return turn && isTopLevelBlock(turn.text, origin.block, code) ? turn : undefined;
}

/** `code` as a whole document's text: the document's line ends, and its final newline if it had one. */
function asWholeFile(doc: vscode.TextDocument, code: string): string {
  const eol = docLines(doc).eol;
  const body = code.replace(/\r\n|\r|\n/g, eol).replace(/(\r\n|\n)+$/, '');
  return /(\r\n|\n)$/.test(doc.getText()) ? body + eol : body;
}

/**
 * A code block's Apply from the chat panel: proposes the block, always as a diff first, for
 * the range its answer was asked about (Ask About Selection and its presets; the range followed
 * through edits; the answer found by `origin`, see {@link answerOf}), else for `editor`'s
 * selection, else for `editor`'s whole document when the block is clearly a whole version of it.
 * With none of these it says what to do.
 */
export async function applyFromPanel(
  s: ApplyServices,
  code: string,
  editor: vscode.TextEditor | undefined,
  origin: BlockOrigin = {},
): Promise<ApplyOutcome> {
  const turn = answerOf(s.session.chat.turns, origin, code);
  const asked = turn && s.askedRanges.get(turn.id);
  const target = chooseApplyTarget({
    askedRangeKnown: !!asked,
    hasSelection: !!editor && !editor.selection.isEmpty,
    blockIsWholeFile: !!editor && looksLikeWholeFile(code, editor.document.getText()),
  });
  let doc: vscode.TextDocument;
  let edit: vscode.TextEdit;
  switch (target) {
    case 'askedRange':
      doc = asked!.doc;
      edit = planFor(doc, asked!.anchor.range(doc), code, 'replace');
      break;
    case 'selection':
      doc = editor!.document;
      edit = planFor(doc, editor!.selection, code, 'replace');
      break;
    case 'wholeFile': {
      doc = editor!.document;
      const all = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
      edit = new vscode.TextEdit(all, asWholeFile(doc, code));
      break;
    }
    case undefined:
      void s.ui.info(
        vscode.l10n.t(
          'Select the code this block should replace, then press Apply again. Insert puts it at the cursor instead.',
        ),
      );
      return 'noTarget';
  }
  return writeOrReview({ doc, edit, copyText: code }, true, s.ui, s.reviews);
}
