/**
 * The CLI's {@link ToolHost}: the read-only tools over one folder (`--cwd`, default the current
 * one) with Node's `fs`. Every path is resolved with symlinks followed and must stay inside the
 * folder; `.gitignore` and `.git` are respected; the one file policy (`decideFile` for `tool`)
 * refuses secret, excluded, binary and oversized files. `search_text` uses `rg` from the PATH when
 * there is one, else a search in JavaScript.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decideFile, type FileDecision, MAX_FILE_BYTES, readCapChars } from '../../core/files';
import {
  type Bounded,
  type DirEntry,
  folderEntries,
  GitIgnore,
  globToRegExp,
  type HostAnswer,
  type Refusal,
  realInside,
  searchWithRipgrep,
  type TextMatch,
  type TextQuery,
  type ToolHost,
} from '../../core/tools';
import { searchWithJs } from './search';
import { walkFiles } from './walk';

/** Options of a {@link NodeToolHost}. */
export interface NodeToolHostOptions {
  /** The ripgrep executable to use, or `null` for the JavaScript search (default: `rg` if it is on the PATH). */
  ripgrep?: string | null;
  /** The model's window, for the read cap (see `readCapChars`). */
  windowTokens?: number;
}

/** The first `rg` on the PATH, or `null`. */
export function ripgrepOnPath(env: NodeJS.ProcessEnv = process.env): string | null {
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE').split(';') : [''];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, `rg${ext.toLowerCase()}`);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // Not here.
      }
    }
  }
  return null;
}

function no<T>(reason: Refusal['reason'], detail?: string): HostAnswer<T> {
  return { ok: false, refusal: detail === undefined ? { reason } : { reason, detail } };
}

function fromDecision<T>(d: FileDecision): HostAnswer<T> | undefined {
  if (d.ok === true) return undefined;
  return no(d.reason, d.rule);
}

/** A resolved workspace path: its real location, checked to be inside. */
interface Resolved {
  abs: string;
  real: string;
  stat: fs.Stats;
}

/** The read-only tool host over one folder. */
export class NodeToolHost implements ToolHost {
  /** The folder's real path (symlinks resolved). */
  readonly root: string;
  private readonly given: string;
  private readonly ignore: GitIgnore;
  private readonly ripgrep: string | null;
  private readonly readCap: number;

  constructor(folder: string, options: NodeToolHostOptions = {}) {
    this.given = path.resolve(folder);
    this.root = fs.realpathSync(this.given);
    this.ignore = new GitIgnore(this.root);
    this.ripgrep = options.ripgrep === undefined ? ripgrepOnPath() : options.ripgrep;
    this.readCap = readCapChars(options.windowTokens);
  }

  /** Which search `search_text` uses. */
  get searchEngine(): 'ripgrep' | 'javascript' {
    return this.ripgrep ? 'ripgrep' : 'javascript';
  }

  workspaceRelative(absolutePath: string): string | undefined {
    for (const base of [this.given, this.root]) {
      const rel = path.relative(base, path.resolve(absolutePath));
      if (rel === '') return '.';
      if (!rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
    }
    return undefined;
  }

  /** Whether a workspace path is excluded by the folder's .gitignore files (a file not there yet too). */
  isExcluded(rel: string): boolean {
    return this.ignore.ignored(rel, false);
  }

  /** The real file behind a workspace path, or why it cannot be used. */
  private resolve(rel: string, isDir: boolean): HostAnswer<Resolved> {
    const abs = rel === '.' ? this.root : path.join(this.root, ...rel.split('/'));
    const found = realInside(abs, this.root);
    if (!found.ok) return found;
    const { real, stat, realRel } = found.value;
    const dir = isDir || stat.isDirectory();
    if (this.ignore.ignored(rel, dir) || this.ignore.ignored(realRel, dir)) return no('excluded', '.gitignore');
    return { ok: true, value: { abs, real, stat } };
  }

  async readText(rel: string, _signal: AbortSignal): Promise<HostAnswer<string>> {
    const r = this.resolve(rel, false);
    if (!r.ok) return r;
    const { real, stat } = r.value;
    if (stat.isDirectory()) return no('notAFile');
    const facts = { path: rel, insideWorkspace: true, bytes: stat.size, realName: path.basename(real) };
    const before = fromDecision<string>(decideFile(facts, 'tool'));
    if (before) return before;
    let text: string;
    try {
      const fd = fs.openSync(real, 'r');
      try {
        // Read no more than the cap allows (UTF-8 takes at most 4 bytes a character).
        const want = Math.min(stat.size, this.readCap * 4, MAX_FILE_BYTES);
        const buf = Buffer.alloc(want);
        const got = fs.readSync(fd, buf, 0, want, 0);
        text = buf.subarray(0, got).toString('utf8');
      } finally {
        fs.closeSync(fd);
      }
    } catch (err) {
      return no('unreadable', (err as NodeJS.ErrnoException).code);
    }
    if (text.length > this.readCap) text = text.slice(0, this.readCap);
    const after = fromDecision<string>(decideFile({ ...facts, text }, 'tool'));
    return after ?? { ok: true, value: text };
  }

  async listDir(rel: string, _signal: AbortSignal): Promise<HostAnswer<DirEntry[]>> {
    const r = this.resolve(rel, true);
    if (!r.ok) return r;
    if (!r.value.stat.isDirectory()) return no('notAFolder');
    const entries = folderEntries(r.value.real, this.root);
    if (!entries.ok) return entries;
    const out = entries.value.filter(
      (e) => !this.ignore.ignoredHere(rel === '.' ? e.name : `${rel}/${e.name}`, e.folder),
    );
    return { ok: true, value: out };
  }

  async findFiles(glob: string, max: number, signal: AbortSignal): Promise<HostAnswer<Bounded<string>>> {
    const re = globToRegExp(glob);
    const items: string[] = [];
    let more = false;
    await walkFiles(this.root, this.ignore, signal, (f) => {
      if (!re.test(f.rel)) return true;
      if (items.length >= max) {
        more = true;
        return false;
      }
      items.push(f.rel);
      return true;
    });
    if (signal.aborted) return no('cancelled');
    return { ok: true, value: { items, more } };
  }

  async searchText(q: TextQuery, max: number, signal: AbortSignal): Promise<HostAnswer<Bounded<TextMatch>>> {
    if (this.ripgrep) {
      const found = await searchWithRipgrep(this.ripgrep, this.root, q, max, signal);
      if (found) return found;
    }
    return searchWithJs(this.root, this.ignore, q, max, signal);
  }
}
