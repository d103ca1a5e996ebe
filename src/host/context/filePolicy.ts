/**
 * The host side of the one file policy (src/core/files decides): gathers the facts about a file that
 * the decision needs (its real path with symlinks resolved and whether that lies inside a workspace
 * folder, whether files.exclude, search.exclude or a .gitignore hides it, its text as read, capped)
 * for every path that sends a file to the model: the context chip, the welcome's examples, `#`
 * picks, `/` prompt folders and the tools. Nothing here decides; it only finds out.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import * as vscode from 'vscode';
import {
  capText,
  decideFile,
  enabledGlobs,
  excludeMatcher,
  type FileDecision,
  type FileFacts,
  type FilePurpose,
  isInsideRoot,
  readCapChars,
} from '../../core/files';
import type { Ui } from '../ui';
import { workspacePath } from './fileNames';

/** The outcome of one check: the decision, and the text to send when it was read. */
export interface FileCheck {
  decision: FileDecision;
  /** The workspace-relative path (or the path, outside the workspace), for chips and messages. */
  path: string;
  /** The text as it may be sent (already capped), when it was read; never set for a held file. */
  text?: string;
  /** Set when the text was cut to the read cap: the length in characters of the whole. */
  cutFrom?: number;
  /** Set when cut: the lines kept and the lines of the whole. */
  cutLines?: { keptLines: number; totalLines: number };
}

export interface CheckOptions {
  /** The open document, whose buffer is read (unsaved edits included) instead of the disk. */
  document?: vscode.TextDocument;
  /** Only this part of the document is sent (a selection): the content rules run on it. */
  range?: vscode.Range;
  /** The file is the active editor's (an excluded one may then go with the chip). */
  activeEditor?: boolean;
  /** Read the text and run the content rules (default true); false decides on path facts alone. */
  read?: boolean;
  /** The model's window, for the read cap (one megabyte when unknown). */
  windowTokens?: number;
}

/** Schemes whose documents may be context at all (not output panels, settings, git views…). */
const CONTEXT_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-userdata']);

/** Case-insensitive file systems by default: Windows and macOS. */
const IGNORE_CASE = process.platform === 'win32' || process.platform === 'darwin';

/**
 * Checks one file for one purpose: 'auto' (the context chip, the welcome's examples), 'pick' (the
 * user picked it: a `#` mention, "add context", adding a held file on purpose) or 'tool' (the model
 * asked). Reads the text (capped) only when the path facts allow sending, then runs the content rules
 * on what would be sent. Never throws: a file that cannot be looked at is held as unreadable.
 */
export async function checkFile(uri: vscode.Uri, purpose: FilePurpose, options: CheckOptions = {}): Promise<FileCheck> {
  const display = workspacePath(uri);
  const held = (decision: FileDecision): FileCheck => ({ decision, path: display });
  if (!CONTEXT_SCHEMES.has(uri.scheme)) return held({ ok: false, reason: 'unreadable' });
  const where = await locate(uri, options.document !== undefined);
  const facts: FileFacts = {
    path: display,
    insideWorkspace: where.inside,
    realName: where.realName,
    unreadable: where.unreadable,
    bytes: options.document ? undefined : where.bytes,
    activeEditor: options.activeEditor,
  };
  // Only who may skip excluded files needs to know: tools, and 'auto' for other than the open editor.
  if (purpose === 'tool' || (purpose === 'auto' && !options.activeEditor)) facts.excluded = await isExcluded(uri);
  const first = decideFile(facts, purpose);
  if (first.ok === false || options.read === false) return { decision: first, path: display };
  const whole = await readText(uri, options);
  if (whole === undefined) return held({ ok: false, reason: 'unreadable' });
  const capped = capText(whole, readCapChars(options.windowTokens));
  const decision = decideFile({ ...facts, text: capped.text }, purpose);
  if (decision.ok === false) return held(decision);
  if (!capped.cut) return { decision, path: display, text: capped.text };
  return { decision, path: display, text: capped.text, cutFrom: capped.totalChars, cutLines: capped.lines };
}

/**
 * What a tool may read: the policy for 'tool' (never a secret-looking, outside-the-workspace or
 * excluded file), with the text read and capped. The one entry the tools use.
 */
export function checkFileForTool(uri: vscode.Uri, windowTokens?: number): Promise<FileCheck> {
  return checkFile(uri, 'tool', { windowTokens });
}

/**
 * Whether `uri` is a real folder inside its workspace folder: its real path (symlinks resolved)
 * lies within the real path of a workspace folder. A link to a folder elsewhere answers false.
 */
export async function isRealFolderInside(uri: vscode.Uri): Promise<boolean> {
  if (uri.scheme !== 'file') {
    try {
      const st = await vscode.workspace.fs.stat(uri);
      return (
        st.type === vscode.FileType.Directory &&
        (st.type & vscode.FileType.SymbolicLink) === 0 &&
        !!vscode.workspace.getWorkspaceFolder(uri)
      );
    } catch {
      return false;
    }
  }
  try {
    const real = await fs.realpath(uri.fsPath);
    return (await fs.stat(real)).isDirectory() && isInsideRoot(real, await realRoots());
  } catch {
    return false;
  }
}

/** Why a file is held back, as its muted chip says it; undefined when it is not held. */
export function heldText(decision: FileDecision): string | undefined {
  if (decision.ok !== false) return undefined;
  const t = vscode.l10n.t;
  switch (decision.reason) {
    case 'secret':
      return t('held back: looks secret');
    case 'outside':
      return t('held back: outside the workspace');
    case 'excluded':
      return t('held back: excluded from search');
    case 'tooLarge':
      return t('held back: too large');
    case 'binary':
      return t('held back: not a text file');
    case 'unreadable':
      return t('held back: could not be read');
  }
}

/**
 * Asks whether to send a secret-looking (or outside) file the user chose: a modal with the rule that
 * matched. True only when the user says send.
 */
export async function confirmSend(ui: Ui, check: FileCheck): Promise<boolean> {
  const t = vscode.l10n.t;
  const d = check.decision;
  const why =
    d.ok !== true && d.reason === 'secret' && d.rule
      ? t('It looks like it holds a secret ({0}).', d.rule)
      : d.ok === false && d.reason === 'outside'
        ? t('It is outside the workspace.')
        : '';
  const send = t('Send');
  const answer = await ui.warn(
    t('Send {0} to the model?', check.path),
    { modal: true, detail: `${why} ${t('The model server will receive its text.')}`.trim() },
    send,
  );
  return answer === send;
}

/** The real paths of the workspace folders on disk (a folder that is itself a link counts as its target). */
async function realRoots(): Promise<string[]> {
  const roots: string[] = [];
  for (const f of vscode.workspace.workspaceFolders ?? []) {
    if (f.uri.scheme !== 'file') continue;
    roots.push(await fs.realpath(f.uri.fsPath).catch(() => f.uri.fsPath));
  }
  return roots;
}

interface Where {
  inside: boolean;
  realName?: string;
  unreadable?: boolean;
  bytes?: number;
}

/** Where the file really is: its real path inside a workspace folder or not, its real name, its size. */
async function locate(uri: vscode.Uri, hasBuffer: boolean): Promise<Where> {
  if (uri.scheme === 'untitled') return { inside: true };
  if (uri.scheme !== 'file') {
    // Another file system: VS Code's own stat; a link there is taken as leading out.
    try {
      const st = await vscode.workspace.fs.stat(uri);
      const link = (st.type & vscode.FileType.SymbolicLink) !== 0;
      return { inside: !link && !!vscode.workspace.getWorkspaceFolder(uri), bytes: st.size };
    } catch {
      return hasBuffer ? { inside: !!vscode.workspace.getWorkspaceFolder(uri) } : { inside: false, unreadable: true };
    }
  }
  const given = uri.fsPath;
  let real: string;
  let bytes: number | undefined;
  try {
    real = await fs.realpath(given);
    const st = await fs.stat(real);
    if (!st.isFile()) return { inside: false, unreadable: true };
    bytes = st.size;
  } catch {
    if (!hasBuffer) return { inside: false, unreadable: true };
    // An open document whose file is gone (or not yet saved there): its folder's real path counts.
    try {
      real = path.join(await fs.realpath(path.dirname(given)), path.basename(given));
    } catch {
      return { inside: false };
    }
  }
  const realName = path.basename(real);
  return {
    inside: isInsideRoot(real, await realRoots()),
    realName: realName !== path.basename(given) ? realName : undefined,
    bytes,
  };
}

/** The text that would be sent: the buffer (or its range) of an open document, else the file. */
async function readText(uri: vscode.Uri, options: CheckOptions): Promise<string | undefined> {
  const doc = options.document ?? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (doc) return options.range ? doc.getText(options.range) : doc.getText();
  try {
    // Decoded as UTF-8 without the BOM; a binary file shows up as NULs, which the policy sees.
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/**
 * Whether `files.exclude`, `search.exclude` or a `.gitignore` (any from the workspace folder down to
 * the file's folder, and `.git/info/exclude`) hides the file. `.gitignore` rules are read with the
 * `ignore` library, which follows git's rules (negations, anchoring, folder-only patterns).
 */
export async function isExcluded(uri: vscode.Uri): Promise<boolean> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return false;
  const rel = path.posix.relative(folder.uri.path, uri.path);
  if (!rel || rel.startsWith('..')) return false;
  const globs = [
    ...enabledGlobs(vscode.workspace.getConfiguration('files', folder.uri).get('exclude')),
    ...enabledGlobs(vscode.workspace.getConfiguration('search', folder.uri).get('exclude')),
  ];
  if (excludeMatcher(globs, IGNORE_CASE)(rel)) return true;
  return gitIgnored(folder.uri, rel.split('/'));
}

/** Git's verdict on a path: a folder it ignores hides all below; deeper `.gitignore` files win. */
async function gitIgnored(root: vscode.Uri, parts: string[]): Promise<boolean> {
  const levels: { dir: string[]; ig: Ignore }[] = [];
  const info = await readOptional(vscode.Uri.joinPath(root, '.git', 'info', 'exclude'));
  if (info) levels.push({ dir: [], ig: ignore({ ignorecase: IGNORE_CASE }).add(info) });
  for (let n = 1; n <= parts.length; n++) {
    const dir = parts.slice(0, n - 1);
    const text = await readOptional(vscode.Uri.joinPath(root, ...dir, '.gitignore'));
    if (text) levels.push({ dir, ig: ignore({ ignorecase: IGNORE_CASE }).add(text) });
    const isFolder = n < parts.length;
    let ignored = false;
    for (const level of levels) {
      const rel = parts.slice(level.dir.length, n).join('/') + (isFolder ? '/' : '');
      const r = level.ig.test(rel);
      if (r.ignored) ignored = true;
      else if (r.unignored) ignored = false;
    }
    if (ignored) return true;
  }
  return false;
}

async function readOptional(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
