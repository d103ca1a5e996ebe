/**
 * The low-level edit: what an answer's text becomes in a document (the planned edit), the one
 * workspace edit that writes it (one undo step), whether a document can take it, and the copy
 * offered when it cannot. No policy here: whether a change is reviewed first is decided above
 * (`writeOrReview.ts`), so the review and the insertion both build on this file.
 */
import * as vscode from 'vscode';
import { type DocLines, type Placement, planInsertion } from '../../core/editor';
import { workspacePath } from '../context/fileNames';
import type { Ui } from '../ui';

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
export async function copy(ui: Ui, text: string): Promise<'copied'> {
  await vscode.env.clipboard.writeText(text);
  void ui.info(vscode.l10n.t('The answer was copied to the clipboard.'));
  return 'copied';
}

/** A short name for messages: the workspace-relative path, or the untitled name. */
export function displayName(uri: vscode.Uri): string {
  return uri.scheme === 'untitled' ? uri.path : workspacePath(uri);
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
