/**
 * `search_text` for the CLI: ripgrep (`rg` on the PATH) when there is one, else a search in
 * JavaScript over the same files. Both respect `.gitignore`, skip `.git`, binary files and links
 * that lead out, use smart case (case-insensitive unless the query has a capital letter), and
 * collect a bounded number of matches, then sort them by path and line so the first ones shown do
 * not depend on thread timing.
 */
import * as fs from 'node:fs';
import { isInsideRoot } from '../../core/files';
import type { GitIgnore } from '../../core/tools';
import {
  type Bounded,
  boundedMatches,
  COLLECT_MAX,
  globToRegExp,
  type HostAnswer,
  shareableMatch,
  smartCase,
  type TextMatch,
  type TextQuery,
} from '../../core/tools';
import { walkFiles } from './walk';

/** Files larger than this are not searched by the fallback (ripgrep has no such need). */
const FALLBACK_MAX_FILE_BYTES = 4 * 1024 * 1024;

/** The JavaScript search: the same files and rules as with ripgrep, for machines without it. */
export async function searchWithJs(
  root: string,
  ignore: GitIgnore,
  q: TextQuery,
  max: number,
  signal: AbortSignal,
): Promise<HostAnswer<Bounded<TextMatch>>> {
  const flags = smartCase(q.query) ? 'i' : '';
  const pattern = q.isRegex ? q.query : q.query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let line: RegExp;
  let whole: RegExp;
  try {
    line = new RegExp(pattern, flags);
    whole = new RegExp(pattern, `${flags}m`);
  } catch (err) {
    return { ok: false, refusal: { reason: 'invalid', detail: (err as Error).message } };
  }
  const include = q.include ? globToRegExp(q.include) : undefined;
  const matches: TextMatch[] = [];
  let stopped = false;
  await walkFiles(root, ignore, signal, (f) => {
    if (include && !include.test(f.rel)) return true;
    let buf: Buffer;
    try {
      if (f.link && !isInsideRoot(fs.realpathSync(f.abs), [root])) return true;
      const st = fs.statSync(f.abs);
      if (!st.isFile() || st.size > FALLBACK_MAX_FILE_BYTES) return true;
      buf = fs.readFileSync(f.abs);
    } catch {
      return true;
    }
    if (buf.subarray(0, 8000).includes(0)) return true;
    const text = buf.toString('utf8');
    // Most files do not match: one scan of the whole text rules them out before any line split.
    if (!whole.test(text)) return true;
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
      if (!line.test(l) || !shareableMatch(f.rel, l)) continue;
      matches.push({ path: f.rel, line: i + 1, text: l });
      if (matches.length >= COLLECT_MAX) {
        stopped = true;
        return false;
      }
    }
    return true;
  });
  if (signal.aborted) return { ok: false, refusal: { reason: 'cancelled' } };
  return { ok: true, value: boundedMatches(matches, max, stopped) };
}
