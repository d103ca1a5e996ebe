/**
 * "Apply to path" and "Apply All" under a plain answer: its code blocks that name their file
 * become one change set, reviewed like the edit tools' changes. A block is a whole file: a new
 * file, or clearly a complete version of the existing one; a snippet is left for Apply on a
 * selection.
 */
import * as vscode from 'vscode';
import type { ChatTurn } from '../../core/chat';
import { fileBlocks, looksLikeWholeFile } from '../../core/editor';
import { dominantEol, withEol } from '../../core/edits';
import { normaliseToolPath } from '../../core/tools';
import type { Ui } from '../ui';
import type { ChangeSets, ReviewMode } from './changeSets';

/** The workspace folder and relative path a block's path names, or why it cannot be applied. */
function resolve(path: string): { root: vscode.Uri; rel: string } | undefined {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) return undefined;
  const p = normaliseToolPath(path, {
    workspaceRelative: (abs) => {
      const uri = vscode.Uri.file(abs);
      return vscode.workspace.getWorkspaceFolder(uri) ? vscode.workspace.asRelativePath(uri, false) : undefined;
    },
  });
  if (!p.ok || p.value === '.') return undefined;
  // In a multi-root workspace a path may start with a folder's name.
  const [first, ...rest] = p.value.split('/');
  const named = folders.length > 1 && rest.length ? folders.find((f) => f.name === first) : undefined;
  return named ? { root: named.uri, rel: rest.join('/') } : { root: folders[0]!.uri, rel: p.value };
}

async function readIfExists(uri: vscode.Uri): Promise<string | undefined> {
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    return undefined;
  }
  return (await vscode.workspace.openTextDocument(uri)).getText();
}

/** `code` as the whole text of a file that reads `original`: its line endings, and a final newline when it had one (a new file gets one). */
function asFileText(code: string, original: string | undefined): string {
  if (original === undefined) return code.endsWith('\n') ? code : `${code}\n`;
  const eol = dominantEol(original);
  const body = withEol(code, eol).replace(/(\r\n|\n)+$/, '');
  return /(\r\n|\n)$/.test(original) || original === '' ? body + eol : body;
}

/**
 * Whether a block headed with a file's path is a version of the whole file: the path already says
 * which file, so a block about as long as the file is taken as all of it, and a clearly whole
 * copy ({@link looksLikeWholeFile}) too; a much shorter block is a snippet of it.
 */
function isFileVersion(code: string, original: string): boolean {
  const lines = (t: string) => t.split(/\r?\n/).filter((l) => l.trim() !== '').length;
  return looksLikeWholeFile(code, original) || lines(code) >= lines(original) * 0.6;
}

/**
 * Proposes the answer's path-headed code blocks at `indexes` as its change set and opens the
 * review; blocks that cannot be applied are named in one message.
 */
export async function applyBlocks(
  changes: ChangeSets,
  turn: ChatTurn,
  indexes: readonly number[],
  ui: Ui,
): Promise<ReviewMode> {
  const t = vscode.l10n.t;
  if (!vscode.workspace.workspaceFolders?.length) {
    void ui.info(t('Open a folder to apply changes to its files.'));
    return 'none';
  }
  const skipped: string[] = [];
  for (const b of fileBlocks(turn.text).filter((x) => indexes.includes(x.index) && x.closed && !x.partial)) {
    const where = resolve(b.path);
    if (!where) {
      skipped.push(t('{0}: not a path in the workspace', b.path));
      continue;
    }
    const uri = vscode.Uri.joinPath(where.root, ...where.rel.split('/'));
    const original = await readIfExists(uri);
    // The block's own header comment stays when the file starts with it too.
    const code =
      b.headerLine !== undefined && original?.split(/\r?\n/, 1)[0] === b.headerLine
        ? `${b.headerLine}\n${b.code}`
        : b.code;
    if (original !== undefined && !isFileVersion(code, original)) {
      skipped.push(t('{0}: the block is part of the file; select the code it replaces and use Apply', where.rel));
      continue;
    }
    changes.propose(turn.id, where.root, where.rel, original, asFileText(code, original));
  }
  if (skipped.length) void ui.info(t('Not applied: {0}', skipped.join('; ')));
  return changes.review(turn.id);
}
