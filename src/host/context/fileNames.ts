/**
 * How Rill names a file and a selection to the user (chips, pickers, messages) and to the model:
 * the workspace-relative path, and `file.ts:3-7` for the lines of a selection.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';

/**
 * The workspace-relative path of a URI, or its path when outside the workspace: how Rill names a
 * file to the user (chips, pickers, messages) and to the model.
 */
export function workspacePath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

/** 1-based inclusive line range of a selection (a selection ending at column 0 leaves that line out). */
export function lineRange(range: vscode.Range): { start: number; end: number } {
  const endLine = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  return { start: range.start.line + 1, end: endLine + 1 };
}

/** How a selection is named: `file.ts:3-7`, and with its workspace path for the detail. */
export function selectionLabels(doc: vscode.TextDocument, range: vscode.Range): { label: string; detail: string } {
  const r = lineRange(range);
  const lines = `${r.start}-${r.end}`;
  return { label: `${path.basename(doc.fileName)}:${lines}`, detail: `${workspacePath(doc.uri)}:${lines}` };
}
