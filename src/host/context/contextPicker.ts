/**
 * The "add context" picker: the selection, problems, the terminal's selection, open editors and
 * workspace files, in one list.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findSecretInText, readCapChars, secretNameRule } from '../../core/files';
import type { EditorContext } from './editorContext';
import { selectionLabels, workspacePath } from './fileNames';
import { checkFile } from './filePolicy';

/** Most workspace files offered; the picker's fuzzy filter works on these. */
const MAX_FILES = 5000;

/** One choice of the picker; `run` adds it to the pending context. */
export type ContextItem = vscode.QuickPickItem & { run?: () => Promise<void> | void };
type Item = ContextItem;

/**
 * The "add context" picker (also opened by typing `#` in the message box): workspace files (with
 * `files.exclude`, `search.exclude` and `.gitignore`d folders left out), open editors, the current
 * selection, Problems of the file or the workspace, and the terminal's selection. One list with
 * VS Code's fuzzy filter, so it works from the keyboard alone.
 */
export async function pickContext(context: EditorContext, mention: boolean): Promise<void> {
  const picked = await vscode.window.showQuickPick(await contextItems(context, mention), {
    placeHolder: vscode.l10n.t('Add context to the question: a file, the selection, problems…'),
    matchOnDescription: true,
  });
  await picked?.run?.();
}

/** The picker's choices, in its order: selection, problems, terminal, open editors, workspace files. */
export async function contextItems(context: EditorContext, mention: boolean): Promise<ContextItem[]> {
  const t = vscode.l10n.t;
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  const items: Item[] = [];
  // A pick goes through the file policy too: a secret-looking file is added only once the user confirms.
  const addDoc = (uri: vscode.Uri) => async () => {
    const check = await checkFile(uri, 'pick');
    if (check.decision.ok === false) return context.refuse(check);
    if (check.decision.ok === 'confirm' && !(await context.confirm(check))) return;
    context.add(
      { kind: 'document', uri },
      { kind: 'file', label: path.basename(uri.fsPath), detail: workspacePath(uri) },
      mention,
      check.decision.ok === 'confirm',
    );
  };
  /** A file's entry, marked when it looks secret (by name; an open editor's text too). */
  const fileItem = (uri: vscode.Uri): Item => {
    const rel = workspacePath(uri);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const rule = secretNameRule(rel) ?? (open ? findSecretInText(open.getText().slice(0, readCapChars())) : undefined);
    return {
      label: `${rule ? '$(lock)' : '$(file)'} ${path.basename(uri.fsPath)}`,
      description: rel,
      ...(rule ? { detail: t('Looks secret ({0}): asks before sending', rule) } : {}),
      run: addDoc(uri),
    };
  };

  if (editor && !editor.selection.isEmpty) {
    const doc = editor.document;
    const sel = editor.selection;
    items.push({
      label: `$(selection) ${t('Selection')}`,
      description: selectionLabels(doc, sel).detail,
      run: () =>
        context.add(
          { kind: 'document', uri: doc.uri, range: new vscode.Range(sel.start, sel.end) },
          { kind: 'selection', ...selectionLabels(doc, sel) },
          mention,
        ),
    });
  }
  if (editor) {
    const uri = editor.document.uri;
    items.push({
      label: `$(warning) ${t('Problems in {0}', path.basename(uri.fsPath))}`,
      run: () =>
        context.add(
          { kind: 'problems', uri },
          {
            kind: 'problems',
            label: t('Problems: {0}', path.basename(uri.fsPath)),
            detail: workspacePath(uri),
          },
          mention,
        ),
    });
  }
  items.push({
    label: `$(warning) ${t('Problems in the workspace')}`,
    run: () =>
      context.add({ kind: 'problems' }, { kind: 'problems', label: t('Problems'), detail: t('Workspace') }, mention),
  });
  items.push({
    label: `$(terminal) ${t('Terminal selection')}`,
    description: t('the selected text of the active terminal'),
    run: () => addTerminalSelection(context, mention),
  });

  const open = vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .map((tab) => (tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined))
    .filter((u): u is vscode.Uri => u !== undefined);
  const seen = new Set<string>();
  if (open.length) items.push({ label: t('Open editors'), kind: vscode.QuickPickItemKind.Separator });
  for (const uri of open) {
    if (seen.has(uri.toString())) continue;
    seen.add(uri.toString());
    items.push(fileItem(uri));
  }
  items.push({ label: t('Workspace files'), kind: vscode.QuickPickItemKind.Separator });
  for (const uri of await workspaceFiles()) {
    if (seen.has(uri.toString())) continue;
    items.push(fileItem(uri));
  }
  return items;
}

/** Workspace files, leaving out what `files.exclude`, `search.exclude` and the root `.gitignore` hide. */
async function workspaceFiles(): Promise<vscode.Uri[]> {
  const excludes = new Set<string>(['**/node_modules/**', '**/.git/**']);
  const search = vscode.workspace.getConfiguration('search').get<Record<string, boolean>>('exclude') ?? {};
  for (const [glob, on] of Object.entries(search)) if (on === true) excludes.add(glob);
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    try {
      const text = new TextDecoder().decode(
        await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.gitignore')),
      );
      for (const glob of gitignoreGlobs(text)) excludes.add(glob);
    } catch {
      // No .gitignore: nothing more to leave out.
    }
  }
  // findFiles applies files.exclude itself when its exclude argument is a pattern.
  return vscode.workspace.findFiles('**/*', `{${[...excludes].join(',')}}`, MAX_FILES);
}

/**
 * The simple lines of a `.gitignore` as globs: names and paths (`dist/`, `*.log`, `/out`). Negations
 * and character classes are skipped, so a file they would hide may still be listed.
 */
export function gitignoreGlobs(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('!') || /[[\]{},]/.test(line)) continue;
    const anchored = line.startsWith('/') || line.slice(0, -1).includes('/');
    const body = line.replace(/^\//, '').replace(/\/$/, '');
    const glob = anchored ? body : `**/${body}`;
    out.push(glob, `${glob}/**`);
  }
  return out;
}

/**
 * The active terminal's selection, through the clipboard: the terminal API exposes a selection
 * only from VS Code 1.93 (`Terminal.selection`); the copy command works on every supported version.
 */
async function addTerminalSelection(context: EditorContext, mention: boolean): Promise<void> {
  const t = vscode.l10n.t;
  const terminal = vscode.window.activeTerminal;
  if (!terminal) {
    void vscode.window.showInformationMessage(t('There is no terminal to take a selection from.'));
    return;
  }
  const direct = (terminal as { selection?: string }).selection;
  let text = direct;
  if (text === undefined) {
    const saved = await vscode.env.clipboard.readText();
    await vscode.commands.executeCommand('workbench.action.terminal.copySelection');
    text = await vscode.env.clipboard.readText();
    await vscode.env.clipboard.writeText(saved);
    if (text === saved) text = '';
  }
  if (!text?.trim()) {
    void vscode.window.showInformationMessage(t('Select text in the terminal first.'));
    return;
  }
  context.add(
    { kind: 'terminal', text, label: terminal.name },
    { kind: 'terminal', label: t('Terminal: {0}', terminal.name), detail: terminal.name },
    mention,
  );
}
