/**
 * Putting an answer into a document: the selection followed until the answer arrives, the one edit
 * that inserts or replaces, and the copy offered when the document cannot take it.
 */
import * as vscode from 'vscode';
import { type DocLines, needsReview, type Placement, planInsertion, TrackedRange } from '../../core/editor';
import { readInsertReview } from '../settings';
import type { Ui } from '../ui';
import type { Reviews } from './reviews';

/**
 * The primary selection of an editor, captured when a command starts and followed through the
 * user's edits until the answer is inserted: edits above move it, edits inside it are noticed,
 * and closing the document is noticed.
 */
export class SelectionAnchor implements vscode.Disposable {
  readonly uri: vscode.Uri;
  readonly code: string;
  readonly languageId: string;
  private readonly tracked: TrackedRange;
  private closed = false;
  private readonly subscriptions: vscode.Disposable[];

  constructor(editor: vscode.TextEditor) {
    const doc = editor.document;
    // With several selections, the primary one (where the last cursor was added) is the one asked about.
    const sel = editor.selection;
    this.uri = doc.uri;
    this.code = doc.getText(sel);
    this.languageId = doc.languageId;
    this.tracked = new TrackedRange(doc.offsetAt(sel.start), doc.offsetAt(sel.end));
    const same = (d: vscode.TextDocument) => d.uri.toString() === this.uri.toString();
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (same(e.document)) this.tracked.applyAll(e.contentChanges);
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
    const len = doc.getText().length;
    const clamp = (n: number) => Math.max(0, Math.min(n, len));
    return new vscode.Range(doc.positionAt(clamp(this.tracked.start)), doc.positionAt(clamp(this.tracked.end)));
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

/** The lines of a document, as the insertion planner reads them. */
export function docLines(doc: vscode.TextDocument): DocLines {
  return { lineText: (n) => doc.lineAt(n).text, eol: doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n' };
}

/** The edit that puts `text` into `doc` for `placement` at `range` (see {@link planInsertion}). */
export function planFor(
  doc: vscode.TextDocument,
  range: vscode.Range,
  text: string,
  placement: Placement,
): vscode.TextEdit {
  const plan = planInsertion(docLines(doc), { start: range.start, end: range.end }, text, placement);
  const { start, end } = plan.range;
  return new vscode.TextEdit(new vscode.Range(start.line, start.character, end.line, end.character), plan.text);
}

/**
 * Replaces `range` of `doc` with `text` as one workspace edit: one undo step. Selects the new text
 * in every editor that shows the document (without focusing it), so the user sees what changed.
 * Resolves the new text's range, or undefined when the editor refused the edit.
 */
export async function applyChange(
  doc: vscode.TextDocument,
  range: vscode.Range,
  text: string,
): Promise<vscode.Selection | undefined> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, range, text);
  const from = doc.offsetAt(range.start);
  if (!(await vscode.workspace.applyEdit(edit))) return undefined;
  const added = changedSelection(doc, from, text);
  for (const editor of vscode.window.visibleTextEditors) if (editor.document === doc) editor.selection = added;
  return added;
}

/**
 * The selection that shows `text` just put in at offset `from`; an insertion on new lines is
 * selected from its first line, not from the line end before it.
 */
function changedSelection(doc: vscode.TextDocument, from: number, text: string): vscode.Selection {
  const eol = docLines(doc).eol;
  const start = from + (text.startsWith(eol) ? eol.length : 0);
  return new vscode.Selection(doc.positionAt(start), doc.positionAt(from + text.length));
}

/**
 * Whether edits to `doc` can be kept: untitled documents, notebook cells, and documents of a
 * file system that says it is writable. Documents from content providers (diffs, logs, generated
 * views) take edits through the API but cannot be saved, so they count as read-only.
 */
export function isWritable(doc: vscode.TextDocument): boolean {
  const scheme = doc.uri.scheme;
  return (
    scheme === 'untitled' ||
    scheme === 'vscode-notebook-cell' ||
    vscode.workspace.fs.isWritableFileSystem(scheme) === true
  );
}

/** Copies `text`, saying so. */
async function copy(ui: Ui, text: string): Promise<'copied'> {
  await vscode.env.clipboard.writeText(text);
  void ui.info(vscode.l10n.t('The answer was copied to the clipboard.'));
  return 'copied';
}

/** A short name for messages: the workspace-relative path, or the untitled name. */
export function displayName(uri: vscode.Uri): string {
  return uri.scheme === 'untitled' ? uri.path : vscode.workspace.asRelativePath(uri, false);
}

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
  if (!isWritable(doc)) return offerCopyInstead(doc, text, ui);
  const edit = planFor(doc, range, text, placement);
  if (needsReview(readInsertReview(), !edit.range.isEmpty)) {
    await reviews.open(doc, edit.range, edit.newText);
    return 'review';
  }
  if (await applyChange(doc, edit.range, edit.newText)) return 'inserted';
  return offerCopyInstead(doc, text, ui);
}

/** Says that `doc` is read-only, so the answer was not put in, and offers to copy it. */
export async function offerCopyInstead(doc: vscode.TextDocument, text: string, ui: Ui): Promise<'copied' | 'readOnly'> {
  const copyAction = vscode.l10n.t('Copy Answer');
  const c = await ui.warn(
    vscode.l10n.t('{0} is read-only, so the answer was not inserted.', displayName(doc.uri)),
    {},
    copyAction,
  );
  return c === copyAction ? copy(ui, text) : 'readOnly';
}
