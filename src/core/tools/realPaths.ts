/**
 * Paths as every Node host of the tools checks them: resolved with symlinks followed, and only
 * when the real location stays inside the workspace folder. Node only (`fs`); no `vscode`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isInsideRoot } from '../files';
import type { DirEntry, HostAnswer, Refusal } from './types';

/** A refusal as a host answer. */
export function refusal<T>(reason: Refusal['reason'], detail?: string): HostAnswer<T> {
  return { ok: false, refusal: detail === undefined ? { reason } : { reason, detail } };
}

/** Where a workspace path really is. */
export interface RealPath {
  real: string;
  stat: fs.Stats;
  /** The real location relative to the folder's real path, `/`-separated (`.` for the folder). */
  realRel: string;
}

/** The real location of `abs` (symlinks followed), refused when it is missing or leads out of `root` (a real path). */
export function realInside(abs: string, root: string): HostAnswer<RealPath> {
  let real: string;
  let stat: fs.Stats;
  try {
    real = fs.realpathSync(abs);
    stat = fs.statSync(real);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? refusal('notFound') : refusal('unreadable', code);
  }
  if (!isInsideRoot(real, [root])) return refusal('outside', 'a symbolic link leads out of the workspace');
  return { ok: true, value: { real, stat, realRel: path.relative(root, real).split(path.sep).join('/') || '.' } };
}

/**
 * The entries of the folder at `real`, unfiltered but for links: a link is listed as what it
 * points at, and only when that is inside `root`.
 */
export function folderEntries(real: string, root: string): HostAnswer<DirEntry[]> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(real, { withFileTypes: true });
  } catch (err) {
    return refusal('unreadable', (err as NodeJS.ErrnoException).code);
  }
  const out: DirEntry[] = [];
  for (const e of entries) {
    let folder = e.isDirectory();
    if (e.isSymbolicLink()) {
      try {
        const target = fs.realpathSync(path.join(real, e.name));
        if (!isInsideRoot(target, [root])) continue;
        folder = fs.statSync(target).isDirectory();
      } catch {
        continue;
      }
    }
    out.push({ name: e.name, folder });
  }
  return { ok: true, value: out };
}
