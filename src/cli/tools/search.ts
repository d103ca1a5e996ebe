/**
 * `search_text` for the CLI: ripgrep (`rg` on the PATH) when there is one, else a search in
 * JavaScript over the same files. Both respect `.gitignore`, skip `.git`, binary files and links
 * that lead out, use smart case (case-insensitive unless the query has a capital letter), and
 * collect a bounded number of matches, then sort them by path and line so the first ones shown do
 * not depend on thread timing.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { findSecretInText, isInsideRoot, secretNameRule } from '../../core/files';
import { type Bounded, globToRegExp, type HostAnswer, type TextMatch, type TextQuery } from '../../core/tools';
import type { GitIgnore } from './gitignore';
import { walkFiles } from './walk';

/** Matches collected before sorting and cutting: beyond this the search stops early. */
const COLLECT_MAX = 2000;
/** Files larger than this are not searched by the fallback (ripgrep has no such need). */
const FALLBACK_MAX_FILE_BYTES = 4 * 1024 * 1024;

/** Whether a match may be shown: not in a secret-named file, not a line holding a secret. */
function shareable(path: string, text: string): boolean {
  return secretNameRule(path) === undefined && findSecretInText(text) === undefined;
}

function smartCase(query: string): boolean {
  return !/[A-Z]/.test(query);
}

/** Sorts by path then line, cuts to `max`. */
function bounded(matches: TextMatch[], max: number, stoppedEarly: boolean): Bounded<TextMatch> {
  matches.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  return { items: matches.slice(0, max), more: stoppedEarly || matches.length > max };
}

/** Searches with ripgrep; `undefined` when it cannot be started (then the fallback runs). */
export function searchWithRipgrep(
  rg: string,
  root: string,
  q: TextQuery,
  max: number,
  signal: AbortSignal,
): Promise<HostAnswer<Bounded<TextMatch>> | undefined> {
  const args = ['--no-config', '--null', '--line-number', '--no-heading', '--color', 'never', '--hidden'];
  args.push('--no-require-git', '--max-columns', '1000', '--glob', '!.git');
  if (smartCase(q.query)) args.push('--ignore-case');
  if (!q.isRegex) args.push('--fixed-strings');
  if (q.include) args.push('--glob', q.include);
  args.push('--regexp', q.query, '--', '.');
  return new Promise((resolve) => {
    const child = spawn(rg, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const matches: TextMatch[] = [];
    let rest = '';
    let errText = '';
    let stopped = false;
    let settled = false;
    const stop = () => {
      if (!stopped) {
        stopped = true;
        child.kill();
      }
    };
    signal.addEventListener('abort', stop, { once: true });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (stopped) return;
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        // path NUL line:text
        const nul = line.indexOf('\0');
        const colon = line.indexOf(':', nul + 1);
        if (nul < 0 || colon < 0) continue;
        const path = line.slice(0, nul).replace(/^\.\//, '');
        const text = line.slice(colon + 1);
        if (!shareable(path, text)) continue;
        matches.push({ path, line: Number(line.slice(nul + 1, colon)), text });
        if (matches.length >= COLLECT_MAX) {
          stop();
          break;
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      if (errText.length < 2000) errText += d;
    });
    const done = (v: HostAnswer<Bounded<TextMatch>> | undefined) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', stop);
      resolve(v);
    };
    child.on('error', () => done(undefined));
    child.on('close', (code) => {
      if (signal.aborted) return done({ ok: false, refusal: { reason: 'cancelled' } });
      // 0: matches, 1: none; 2 with matches: some files could not be read (kept quiet, as rg does).
      if (stopped || code === 0 || code === 1 || (code === 2 && matches.length > 0))
        return done({ ok: true, value: bounded(matches, max, stopped) });
      const why = errText.split('\n').find((l) => l.trim()) ?? `ripgrep exited with ${code}`;
      done({ ok: false, refusal: { reason: 'invalid', detail: why.slice(0, 200) } });
    });
  });
}

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
      if (!line.test(l) || !shareable(f.rel, l)) continue;
      matches.push({ path: f.rel, line: i + 1, text: l });
      if (matches.length >= COLLECT_MAX) {
        stopped = true;
        return false;
      }
    }
    return true;
  });
  if (signal.aborted) return { ok: false, refusal: { reason: 'cancelled' } };
  return { ok: true, value: bounded(matches, max, stopped) };
}
