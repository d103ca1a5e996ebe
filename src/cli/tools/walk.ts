/**
 * Walks a workspace folder for the CLI's tools: files in path order, ignored ones left out, links
 * to folders not followed (they could lead out of the workspace or round in a loop). Reads each
 * folder at once but yields to the event loop between folders, so Ctrl-C stops a long walk.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GitIgnore } from '../../core/tools';

/** A file the walk found: workspace-relative and absolute paths; `link` when it is a symbolic link. */
export interface WalkedFile {
  rel: string;
  abs: string;
  link: boolean;
}

const YIELD_EVERY_DIRS = 64;

/**
 * Calls `visit` for each file under `root` (sorted by path) until it returns false or `signal`
 * aborts. Unreadable folders are skipped.
 */
export async function walkFiles(
  root: string,
  ignore: GitIgnore,
  signal: AbortSignal,
  visit: (file: WalkedFile) => boolean,
): Promise<void> {
  const stack: string[] = [''];
  let dirs = 0;
  for (let dir = stack.pop(); dir !== undefined; dir = stack.pop()) {
    if (signal.aborted) return;
    if (++dirs % YIELD_EVERY_DIRS === 0) await new Promise((r) => setImmediate(r));
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(root, dir), { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const e of entries) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!ignore.ignoredHere(rel, true)) subdirs.push(rel);
      } else if ((e.isFile() || e.isSymbolicLink()) && !ignore.ignoredHere(rel, false)) {
        if (!visit({ rel, abs: path.join(root, rel), link: e.isSymbolicLink() })) return;
      }
    }
    // Pushed in reverse so that folders come off the stack in name order.
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]);
  }
}
