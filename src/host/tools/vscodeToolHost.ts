/**
 * The extension's {@link ToolHost}: the read-only tools over the workspace folders, through VS Code.
 * A file open in an editor is read from its buffer (unsaved edits included); every path is
 * resolved with symlinks followed and must stay inside a workspace folder; `files.exclude`,
 * `search.exclude` and `.gitignore` (unless `search.useIgnoreFiles` is off) keep files out; the one
 * file policy refuses secret, binary and oversized files. `search_text` runs the ripgrep VS Code
 * ships; problems, definitions and references come from VS Code's language services.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { decideFile, MAX_FILE_BYTES, readCapChars, secretNameRule } from '../../core/files';
import {
  type Bounded,
  type DirEntry,
  folderEntries,
  GitIgnore,
  globToRegExp,
  type HostAnswer,
  type Problem,
  realInside,
  refusal,
  type SymbolLocation,
  type SymbolQuery,
  searchWithRipgrep,
  type TextMatch,
  type TextQuery,
  type ToolHost,
} from '../../core/tools';

const no = refusal;

/** One workspace folder as the tools see it. */
interface Folder {
  name: string;
  uri: vscode.Uri;
  /** The folder's real path (symlinks resolved). */
  root: string;
  ignore: GitIgnore;
}

/** A workspace path resolved to its folder, file and real location. */
interface Resolved {
  folder: Folder;
  /** The path inside its folder, `/`-separated (`.` for the folder). */
  rel: string;
  abs: string;
  real: string;
  stat: fs.Stats;
}

/** The glob patterns a setting such as `files.exclude` turns on (`true`; conditional ones are left out). */
function onPatterns(value: unknown): string[] {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>)
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
}

/** Runs `work` unless `signal` fires first: a tool stops at once when the user stops the answer. */
function cancellable<T>(work: Thenable<T>, signal: AbortSignal): Promise<HostAnswer<T>> {
  if (signal.aborted) return Promise.resolve(no('cancelled'));
  return new Promise((resolve) => {
    const stop = () => resolve(no('cancelled'));
    signal.addEventListener('abort', stop, { once: true });
    Promise.resolve(work).then(
      (value) => {
        signal.removeEventListener('abort', stop);
        resolve({ ok: true, value });
      },
      (err) => {
        signal.removeEventListener('abort', stop);
        resolve(no('unavailable', err instanceof Error ? err.message.slice(0, 200) : undefined));
      },
    );
  });
}

/** The read-only tools over the open workspace. Made per question, so settings are read fresh. */
export class VsCodeToolHost implements ToolHost {
  private readonly folders: Folder[];
  private readonly readCap: number;

  constructor(
    /** VS Code's ripgrep (see `locateRipgrep`); without it `search_text` is not available. */
    private readonly ripgrep: string | undefined,
    windowTokens?: number,
  ) {
    this.folders = (vscode.workspace.workspaceFolders ?? [])
      .filter((f) => f.uri.scheme === 'file')
      .map((f) => {
        let root = f.uri.fsPath;
        try {
          root = fs.realpathSync(root);
        } catch {
          // A folder that is gone: its files resolve nowhere and are refused.
        }
        return { name: f.name, uri: f.uri, root, ignore: new GitIgnore(root) };
      });
    this.readCap = readCapChars(windowTokens);
  }

  /** Paths are relative to the folder; with several folders they start with the folder's name. */
  private display(folder: Folder, rel: string): string {
    if (this.folders.length <= 1) return rel;
    return rel === '.' ? folder.name : `${folder.name}/${rel}`;
  }

  workspaceRelative(absolutePath: string): string | undefined {
    for (const folder of this.folders) {
      for (const base of [folder.uri.fsPath, folder.root]) {
        const rel = path.relative(base, path.resolve(absolutePath));
        if (rel === '') return this.display(folder, '.');
        if (!rel.startsWith('..') && !path.isAbsolute(rel)) return this.display(folder, rel.split(path.sep).join('/'));
      }
    }
    return undefined;
  }

  /** The folder a workspace path names and the path inside it. */
  private locate(p: string): { folder: Folder; rel: string } | undefined {
    if (this.folders.length === 1) return { folder: this.folders[0], rel: p };
    const [first, ...rest] = p.split('/');
    const folder = this.folders.find((f) => f.name === first);
    if (folder) return { folder, rel: rest.join('/') || '.' };
    return undefined;
  }

  /** `files.exclude` and `search.exclude` of a folder, as globs. */
  private excludes(folder: Folder): string[] {
    const files = vscode.workspace.getConfiguration('files', folder.uri).get('exclude');
    const search = vscode.workspace.getConfiguration('search', folder.uri).get('exclude');
    return [...new Set([...onPatterns(files), ...onPatterns(search)])];
  }

  private useIgnoreFiles(folder: Folder): boolean {
    return vscode.workspace.getConfiguration('search', folder.uri).get<boolean>('useIgnoreFiles') !== false;
  }

  /** Whether a path inside `folder` (or one of its parent folders) is excluded. */
  private excluded(folder: Folder, rel: string, isDir: boolean): string | undefined {
    if (rel === '.') return undefined;
    const globs = this.excludes(folder).map((g) => globToRegExp(g));
    const parts = rel.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      if (globs.some((re) => re.test(prefix))) return 'files.exclude / search.exclude';
    }
    if (this.useIgnoreFiles(folder) && folder.ignore.ignored(rel, isDir)) return '.gitignore';
    return undefined;
  }

  /** The real file behind a workspace path, or why it cannot be used. */
  private resolve(p: string, isDir: boolean): HostAnswer<Resolved> {
    const at = this.locate(p);
    if (!at) return no('outside');
    const { folder, rel } = at;
    const abs = rel === '.' ? folder.uri.fsPath : path.join(folder.uri.fsPath, ...rel.split('/'));
    const found = realInside(abs, folder.root);
    if (!found.ok) return found;
    const { real, stat, realRel } = found.value;
    const dir = isDir || stat.isDirectory();
    const why = this.excluded(folder, rel, dir) ?? this.excluded(folder, realRel, dir);
    if (why) return no('excluded', why);
    return { ok: true, value: { folder, rel, abs, real, stat } };
  }

  async readText(p: string, signal: AbortSignal): Promise<HostAnswer<string>> {
    const r = this.resolve(p, false);
    if (!r.ok) return r;
    const { abs, real, stat } = r.value;
    if (stat.isDirectory()) return no('notAFile');
    const facts = { path: p, insideWorkspace: true, bytes: stat.size, realName: path.basename(real) };
    const before = decideFile(facts, 'tool');
    if (before.ok !== true) return no(before.reason, before.rule);
    // The editor's buffer when the file is open: what the user sees, unsaved edits included.
    const open = vscode.workspace.textDocuments.find(
      (d) => d.uri.scheme === 'file' && (d.uri.fsPath === abs || d.uri.fsPath === real),
    );
    let text: string;
    if (open) text = open.getText();
    else {
      const read = await cancellable(vscode.workspace.fs.readFile(vscode.Uri.file(real)), signal);
      if (!read.ok) return read;
      const bytes = read.value.subarray(0, Math.min(read.value.length, this.readCap * 4, MAX_FILE_BYTES));
      text = Buffer.from(bytes).toString('utf8');
    }
    if (text.length > this.readCap) text = text.slice(0, this.readCap);
    const after = decideFile({ ...facts, text }, 'tool');
    if (after.ok !== true) return no(after.reason, after.rule);
    return { ok: true, value: text };
  }

  async listDir(p: string, _signal: AbortSignal): Promise<HostAnswer<DirEntry[]>> {
    if (p === '.' && this.folders.length > 1)
      return { ok: true, value: this.folders.map((f) => ({ name: f.name, folder: true })) };
    const r = this.resolve(p, true);
    if (!r.ok) return r;
    const { folder, rel, real, stat } = r.value;
    if (!stat.isDirectory()) return no('notAFolder');
    const entries = folderEntries(real, folder.root);
    if (!entries.ok) return entries;
    const out = entries.value.filter(
      (e) => e.name !== '.git' && !this.excluded(folder, rel === '.' ? e.name : `${rel}/${e.name}`, e.folder),
    );
    out.sort((a, b) => (a.folder === b.folder ? (a.name < b.name ? -1 : 1) : a.folder ? -1 : 1));
    return { ok: true, value: out };
  }

  async findFiles(glob: string, max: number, signal: AbortSignal): Promise<HostAnswer<Bounded<string>>> {
    const re = globToRegExp(glob);
    const items: string[] = [];
    let more = false;
    for (const folder of this.folders) {
      const excludes = this.excludes(folder);
      const exclude = excludes.length ? `{${excludes.join(',')}}` : undefined;
      const found = await cancellable(
        vscode.workspace.findFiles(new vscode.RelativePattern(folder.uri, '**/*'), exclude, 50_000),
        signal,
      );
      if (!found.ok) return found;
      const rels = found.value
        .map((u) => path.relative(folder.uri.fsPath, u.fsPath).split(path.sep).join('/'))
        .filter((rel) => re.test(rel) || re.test(this.display(folder, rel)))
        .sort();
      for (const rel of rels) {
        if (rel.split('/').includes('.git')) continue;
        if (this.useIgnoreFiles(folder) && folder.ignore.ignored(rel, false)) continue;
        if (items.length >= max) {
          more = true;
          break;
        }
        items.push(this.display(folder, rel));
      }
    }
    return { ok: true, value: { items, more } };
  }

  async searchText(q: TextQuery, max: number, signal: AbortSignal): Promise<HostAnswer<Bounded<TextMatch>>> {
    if (!this.ripgrep) return no('unavailable', "VS Code's ripgrep was not found");
    const items: TextMatch[] = [];
    let more = false;
    for (const folder of this.folders) {
      const found = await searchWithRipgrep(this.ripgrep, folder.root, q, max, signal, {
        globs: this.excludes(folder).map((g) => `!${g}`),
        ignoreFiles: this.useIgnoreFiles(folder),
      });
      if (!found) return no('unavailable', "VS Code's ripgrep could not be started");
      if (!found.ok) return found;
      more ||= found.value.more;
      for (const m of found.value.items) items.push({ ...m, path: this.display(folder, m.path) });
    }
    if (items.length > max) more = true;
    return { ok: true, value: { items: items.slice(0, max), more } };
  }

  /** Whether a file the language services name may be shown: inside, not excluded, not secret-named. */
  private shareable(uri: vscode.Uri): string | undefined {
    if (uri.scheme !== 'file') return undefined;
    const p = this.workspaceRelative(uri.fsPath);
    if (p === undefined || secretNameRule(p) !== undefined) return undefined;
    const at = this.locate(p);
    if (!at || this.excluded(at.folder, at.rel, false)) return undefined;
    return p;
  }

  async problems(p: string | undefined, max: number, signal: AbortSignal): Promise<HostAnswer<Bounded<Problem>>> {
    let pairs: [vscode.Uri, vscode.Diagnostic[]][];
    if (p !== undefined) {
      const r = this.resolve(p, false);
      if (!r.ok) return r;
      pairs = [[vscode.Uri.file(r.value.abs), vscode.languages.getDiagnostics(vscode.Uri.file(r.value.abs))]];
    } else pairs = vscode.languages.getDiagnostics();
    if (signal.aborted) return no('cancelled');
    const severities: Problem['severity'][] = ['error', 'warning', 'info', 'hint'];
    const all: Problem[] = [];
    for (const [uri, diags] of pairs) {
      const rel = p ?? this.shareable(uri);
      if (rel === undefined) continue;
      for (const d of diags)
        all.push({
          path: rel,
          line: d.range.start.line + 1,
          column: d.range.start.character + 1,
          severity: severities[d.severity] ?? 'info',
          message: d.message,
          ...(d.source ? { source: d.source } : {}),
        });
    }
    all.sort(
      (a, b) =>
        severities.indexOf(a.severity) - severities.indexOf(b.severity) ||
        (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line),
    );
    return { ok: true, value: { items: all.slice(0, max), more: all.length > max } };
  }

  definition(q: SymbolQuery, max: number, signal: AbortSignal): Promise<HostAnswer<Bounded<SymbolLocation>>> {
    return this.symbolLocations(q, max, signal, 'vscode.executeDefinitionProvider');
  }

  references(q: SymbolQuery, max: number, signal: AbortSignal): Promise<HostAnswer<Bounded<SymbolLocation>>> {
    return this.symbolLocations(q, max, signal, 'vscode.executeReferenceProvider');
  }

  /**
   * Where the symbol stands: in the named file (at the named line, or its first mention), else
   * the workspace symbol of that exact name (VS Code's symbol search), at its name.
   */
  private async symbolPositions(q: SymbolQuery, signal: AbortSignal): Promise<HostAnswer<vscode.Location[]>> {
    const word = new RegExp(`(?<![\\w$])${q.symbol.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w$])`);
    if (q.path !== undefined) {
      const r = this.resolve(q.path, false);
      if (!r.ok) return r;
      const doc = await cancellable(vscode.workspace.openTextDocument(vscode.Uri.file(r.value.abs)), signal);
      if (!doc.ok) return doc;
      const lines = q.line ? [q.line - 1] : [...Array(doc.value.lineCount).keys()];
      for (const n of lines) {
        if (n < 0 || n >= doc.value.lineCount) continue;
        const m = word.exec(doc.value.lineAt(n).text);
        if (m) return { ok: true, value: [new vscode.Location(doc.value.uri, new vscode.Position(n, m.index))] };
      }
      return no('notFound', `${q.symbol} is not in ${q.path}${q.line ? ` at line ${q.line}` : ''}`);
    }
    const found = await cancellable(
      vscode.commands.executeCommand<(vscode.SymbolInformation | undefined)[]>(
        'vscode.executeWorkspaceSymbolProvider',
        q.symbol,
      ),
      signal,
    );
    if (!found.ok) return found;
    const exact = (found.value ?? []).filter(
      (s): s is vscode.SymbolInformation => !!s && s.name === q.symbol && this.shareable(s.location.uri) !== undefined,
    );
    const out: vscode.Location[] = [];
    for (const s of exact.slice(0, 5)) {
      // The symbol's range is its whole declaration: the position must be on the name.
      const doc = await cancellable(vscode.workspace.openTextDocument(s.location.uri), signal);
      if (!doc.ok) return doc;
      const start = s.location.range.start;
      let pos = start;
      for (let n = start.line; n <= Math.min(s.location.range.end.line, start.line + 20); n++) {
        const text = doc.value.lineAt(n).text;
        const from = n === start.line ? start.character : 0;
        const m = word.exec(text.slice(from));
        if (m) {
          pos = new vscode.Position(n, from + m.index);
          break;
        }
      }
      out.push(new vscode.Location(s.location.uri, pos));
    }
    if (!out.length) {
      // The symbol index may not know it yet (a language server still loading): ask at its first mentions instead.
      const found = await this.searchText({ query: q.symbol, isRegex: false }, 20, signal);
      if (found.ok)
        for (const m of found.value.items) {
          const hit = word.exec(m.text);
          const at = this.locate(m.path);
          if (!hit || !at || out.length >= 3) continue;
          const uri = vscode.Uri.joinPath(at.folder.uri, ...at.rel.split('/'));
          out.push(new vscode.Location(uri, new vscode.Position(m.line - 1, hit.index)));
        }
    }
    if (!out.length) return no('notFound', `no symbol named ${q.symbol} in the workspace`);
    return { ok: true, value: out };
  }

  private async symbolLocations(
    q: SymbolQuery,
    max: number,
    signal: AbortSignal,
    command: 'vscode.executeDefinitionProvider' | 'vscode.executeReferenceProvider',
  ): Promise<HostAnswer<Bounded<SymbolLocation>>> {
    const at = await this.symbolPositions(q, signal);
    if (!at.ok) return at;
    const seen = new Set<string>();
    const all: SymbolLocation[] = [];
    for (const loc of at.value) {
      const found = await cancellable(
        vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(command, loc.uri, loc.range.start),
        signal,
      );
      if (!found.ok) return found;
      for (const l of found.value ?? []) {
        const uri = 'targetUri' in l ? l.targetUri : l.uri;
        const range = 'targetUri' in l ? (l.targetSelectionRange ?? l.targetRange) : l.range;
        const rel = this.shareable(uri);
        if (rel === undefined) continue;
        const key = `${rel}:${range.start.line}:${range.start.character}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        all.push({
          path: rel,
          line: range.start.line + 1,
          column: range.start.character + 1,
          ...(doc ? { text: doc.lineAt(range.start.line).text.trim() } : {}),
        });
      }
    }
    all.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
    return { ok: true, value: { items: all.slice(0, max), more: all.length > max } };
  }
}
