/**
 * `search_text` with ripgrep, for every host that has one: the CLI runs `rg` from the PATH, the
 * extension the ripgrep VS Code ships. It uses smart case (case-insensitive unless the query has a
 * capital letter), respects `.gitignore`, skips `.git`, drops matches in secret files or on lines
 * holding a secret, and collects a bounded number of matches, sorted by path and line so the first
 * ones shown do not depend on thread timing. Node only (it spawns a process); no `vscode`.
 */
import { spawn } from 'node:child_process';
import { findSecretInText, secretNameRule } from '../files';
import type { Bounded, HostAnswer, TextMatch, TextQuery } from './types';

/** Matches collected before sorting and cutting: beyond this the search stops early. */
export const COLLECT_MAX = 2000;

/** Whether a match may be shown: not in a secret-named file, not a line holding a secret. */
export function shareableMatch(path: string, text: string): boolean {
  return secretNameRule(path) === undefined && findSecretInText(text) === undefined;
}

/** Whether the search ignores case: the query has no capital letter. */
export function smartCase(query: string): boolean {
  return !/[A-Z]/.test(query);
}

/** Sorts by path then line, cuts to `max`; `more` when cut or stopped early. */
export function boundedMatches(matches: TextMatch[], max: number, stoppedEarly: boolean): Bounded<TextMatch> {
  matches.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  return { items: matches.slice(0, max), more: stoppedEarly || matches.length > max };
}

/** What a host adds to a ripgrep search: its own excludes. */
export interface RipgrepOptions {
  /** Extra `--glob` patterns, e.g. `!node_modules` to leave out every folder of that name. */
  globs?: readonly string[];
  /** Also skip what `.gitignore` and `.ignore` files exclude (default true). */
  ignoreFiles?: boolean;
}

/**
 * Searches `root` with the ripgrep at `rg`; paths come back relative to `root`. `undefined` when
 * ripgrep cannot be started (the caller then searches another way).
 */
export function searchWithRipgrep(
  rg: string,
  root: string,
  q: TextQuery,
  max: number,
  signal: AbortSignal,
  options: RipgrepOptions = {},
): Promise<HostAnswer<Bounded<TextMatch>> | undefined> {
  const args = ['--no-config', '--null', '--line-number', '--no-heading', '--color', 'never', '--hidden'];
  args.push('--no-require-git', '--max-columns', '1000', '--glob', '!.git');
  if (smartCase(q.query)) args.push('--ignore-case');
  if (!q.isRegex) args.push('--fixed-strings');
  if (options.ignoreFiles === false) args.push('--no-ignore');
  for (const g of options.globs ?? []) args.push('--glob', g);
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
        if (!shareableMatch(path, text)) continue;
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
        return done({ ok: true, value: boundedMatches(matches, max, stopped) });
      const why = errText.split('\n').find((l) => l.trim()) ?? `ripgrep exited with ${code}`;
      done({ ok: false, refusal: { reason: 'invalid', detail: why.slice(0, 200) } });
    });
  });
}
