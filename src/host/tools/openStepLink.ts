/**
 * Opens the file a tool step names (a file read, a search match, a definition) at its line. The
 * path came from a tool result, so from the model's request and the workspace's text: it is opened
 * only when it names a file inside a workspace folder (symlinks followed), never anything else.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ToolStep } from '../../core/chat';

/** A place a step's result names. */
type ToolStepLink = NonNullable<ToolStep['locations']>[number];

/** Whether `rel` is a plain relative path that stays below its folder (no `..`, not absolute). */
function isPlainRelative(rel: string): boolean {
  if (!rel || path.isAbsolute(rel) || /^[a-zA-Z]:/.test(rel) || rel.startsWith('\\')) return false;
  return !rel.split(/[\\/]/).includes('..');
}

/** Whether `child` is `root` or below it. */
function within(root: string, child: string): boolean {
  const r = path.relative(root, child);
  return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
}

/**
 * The workspace file a link names, or `undefined` when it names none (outside every folder, or no
 * such file). In a workspace of several folders a path may start with a folder's name.
 */
export async function resolveStepLink(link: ToolStepLink): Promise<vscode.Uri | undefined> {
  if (!isPlainRelative(link.path)) return undefined;
  const folders = vscode.workspace.workspaceFolders ?? [];
  const tries: { folder: vscode.WorkspaceFolder; rel: string }[] = [];
  for (const folder of folders) {
    const [first, ...rest] = link.path.split('/');
    if (folders.length > 1 && first === folder.name && rest.length) tries.push({ folder, rel: rest.join('/') });
    tries.push({ folder, rel: link.path });
  }
  for (const { folder, rel } of tries) {
    const uri = vscode.Uri.joinPath(folder.uri, rel);
    if (uri.scheme !== 'file') {
      // A remote file system: no symlinks to follow from here; the path stays below the folder.
      if (
        await vscode.workspace.fs.stat(uri).then(
          () => true,
          () => false,
        )
      )
        return uri;
      continue;
    }
    try {
      const [real, root] = await Promise.all([
        fs.promises.realpath(uri.fsPath),
        fs.promises.realpath(folder.uri.fsPath),
      ]);
      if (within(root, real) && (await fs.promises.stat(real)).isFile()) return uri;
    } catch {
      // No such file in this folder: try the next.
    }
  }
  return undefined;
}

/** Opens the linked file at its line (the first line without one); does nothing for a path outside the workspace. */
export async function openStepLink(link: ToolStepLink): Promise<boolean> {
  const uri = await resolveStepLink(link);
  if (!uri) return false;
  const line = Math.max(0, (link.line ?? 1) - 1);
  const at = new vscode.Range(line, 0, line, 0);
  await vscode.window.showTextDocument(uri, { selection: at, preview: true });
  return true;
}
