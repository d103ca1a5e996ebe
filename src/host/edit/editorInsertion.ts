/**
 * Putting an answer into a document: the selection followed until the answer arrives, and the
 * policy (`rill.insert.review`) that chooses between writing the answer and reviewing it first.
 */
import * as vscode from 'vscode';
import { type Placement, routeChange } from '../../core/editor';
import { readInsertReview } from '../settings';
import type { Ui } from '../ui';
import { copy, displayName, planFor } from './applyEdit';
import { FollowedRange } from './followedRange';
import type { Reviews } from './reviews';
import { writeOrReview } from './writeOrReview';

/**
 * The primary selection of an editor, captured when a command starts and followed through the
 * user's edits until the answer is inserted: edits above move it, edits inside it are noticed,
 * and closing the document is noticed.
 */
export class SelectionAnchor implements vscode.Disposable {
  readonly uri: vscode.Uri;
  readonly code: string;
  readonly languageId: string;
  private readonly tracked: FollowedRange;
  private closed = false;
  private readonly subscriptions: vscode.Disposable[];

  constructor(editor: vscode.TextEditor) {
    const doc = editor.document;
    // With several selections, the primary one (where the last cursor was added) is the one asked about.
    const sel = editor.selection;
    this.uri = doc.uri;
    this.code = doc.getText(sel);
    this.languageId = doc.languageId;
    this.tracked = new FollowedRange(doc, sel);
    const same = (d: vscode.TextDocument) => d.uri.toString() === this.uri.toString();
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (same(e.document)) this.tracked.follow(e.contentChanges);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (same(d)) this.closed = true;
      }),
    ];
  }

  /** The document, if it is still open. */
  openDocument(): vscode.TextDocument | undefined {
    if (this.closed) return undefined;
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.uri.toString() && !d.isClosed);
  }

  /** Whether an editor tab still shows the document (closing the tab may leave the document loaded). */
  shownInTab(): boolean {
    const key = this.uri.toString();
    return vscode.window.tabGroups.all.some((g) =>
      g.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === key),
    );
  }

  /** Where the selection is now in `doc`. */
  range(doc: vscode.TextDocument): vscode.Range {
    return this.tracked.range(doc);
  }

  /** Whether the selected text itself changed (edited, or different after a reopen). */
  selectionChanged(doc: vscode.TextDocument): boolean {
    return this.tracked.touched || doc.getText(this.range(doc)) !== this.code;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

/** What became of an answer. */
export type InsertOutcome = 'inserted' | 'review' | 'copied' | 'cancelled' | 'readOnly';

/**
 * Puts `text` where the anchored selection is now, as one edit. Handles a closed document
 * (reopen it, or copy; an untitled one cannot come back), a changed selection (ask), and a
 * read-only document (say so, offer to copy).
 */
export async function insertAtAnchor(
  anchor: SelectionAnchor,
  text: string,
  placement: Placement,
  ui: Ui,
  reviews: Reviews,
): Promise<InsertOutcome> {
  const t = vscode.l10n.t;
  const copyAction = t('Copy Answer');
  const name = displayName(anchor.uri);
  let doc = anchor.openDocument();
  if (!anchor.shownInTab()) {
    // Closed by the user. An untitled document whose content is gone cannot come back.
    if (!doc && anchor.uri.scheme === 'untitled') {
      const c = await ui.warn(
        t('{0} was closed while the answer streamed, so the answer could not be inserted.', name),
        {},
        copyAction,
      );
      return c === copyAction ? copy(ui, text) : 'cancelled';
    }
    const reopen = t('Reopen and Insert');
    const c = await ui.warn(t('{0} was closed while the answer streamed.', name), {}, reopen, copyAction);
    if (c === copyAction) return copy(ui, text);
    if (c !== reopen) return 'cancelled';
    doc ??= await vscode.workspace.openTextDocument(anchor.uri);
    await vscode.window.showTextDocument(doc, { preview: false, preserveFocus: false });
  }
  if (!doc) return 'cancelled';
  if (anchor.selectionChanged(doc)) {
    const anyway = t('Insert Anyway');
    const c = await ui.warn(
      t('The selected code in {0} changed while the answer streamed.', name),
      {},
      anyway,
      copyAction,
    );
    if (c === copyAction) return copy(ui, text);
    if (c !== anyway) return 'cancelled';
  }
  return insertOrOfferCopy(doc, anchor.range(doc), text, placement, ui, reviews);
}

/**
 * Puts the answer in as one edit, or, when `rill.insert.review` asks for it (by default: when it
 * replaces code), opens it for review in a diff instead and resolves `review` without waiting for
 * the decision. A read-only document (its file system says so, or the editor refuses the edit) is
 * left alone: Rill says so and offers to copy the text instead.
 */
export async function insertOrOfferCopy(
  doc: vscode.TextDocument,
  range: vscode.Range,
  text: string,
  placement: Placement,
  ui: Ui,
  reviews: Reviews,
): Promise<InsertOutcome> {
  const edit = planFor(doc, range, text, placement);
  const review = routeChange(readInsertReview(), edit.range) === 'review';
  return writeOrReview({ doc, edit, copyText: text }, review, ui, reviews);
}
