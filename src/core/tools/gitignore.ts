/**
 * `.gitignore` for the tools of every host: the root's and every folder's `.gitignore` plus
 * `.git/info/exclude`, read lazily and cached; later and deeper rules win, `!` re-includes, a
 * trailing `/` means folders only, a path inside an ignored folder is ignored. `.git` itself is
 * always out.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { globToRegExp } from './glob';

interface Rule {
  re: RegExp;
  negate: boolean;
  dirOnly: boolean;
}

/** The rules of one ignore file's text, relative to its folder. */
export function parseIgnore(text: string): Rule[] {
  const rules: Rule[] = [];
  for (let line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    line = line.replace(/(?<!\\)\s+$/, '');
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) line = line.slice(1);
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    if (line === '') continue;
    // A slash at the start or in the middle anchors the pattern to the ignore file's folder.
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    rules.push({ re: globToRegExp(anchored ? line : `**/${line}`), negate, dirOnly });
  }
  return rules;
}

/** The ignore rules of one workspace folder. */
export class GitIgnore {
  private readonly byDir = new Map<string, Rule[]>();

  constructor(private readonly root: string) {}

  /** Rules of the folder `dir` (workspace-relative, `''` for the root). */
  private rules(dir: string): Rule[] {
    let rules = this.byDir.get(dir);
    if (rules) return rules;
    rules = [];
    const read = (file: string) => {
      try {
        rules?.push(...parseIgnore(fs.readFileSync(file, 'utf8')));
      } catch {
        // No ignore file here.
      }
    };
    if (dir === '') read(path.join(this.root, '.git', 'info', 'exclude'));
    read(path.join(this.root, dir, '.gitignore'));
    this.byDir.set(dir, rules);
    return rules;
  }

  /** Whether one path (its folders already known not to be ignored) is ignored. */
  ignoredHere(rel: string, isDir: boolean): boolean {
    const parts = rel.split('/');
    if (parts[parts.length - 1] === '.git') return true;
    let ignored = false;
    for (let depth = 0; depth < parts.length; depth++) {
      const dir = parts.slice(0, depth).join('/');
      const sub = parts.slice(depth).join('/');
      for (const r of this.rules(dir)) {
        if (r.dirOnly && !isDir) continue;
        if (r.re.test(sub)) ignored = !r.negate;
      }
    }
    return ignored;
  }

  /** Whether a path is ignored, itself or through one of its folders. */
  ignored(rel: string, isDir: boolean): boolean {
    if (rel === '.' || rel === '') return false;
    const parts = rel.split('/');
    for (let i = 1; i <= parts.length; i++) {
      if (this.ignoredHere(parts.slice(0, i).join('/'), i < parts.length || isDir)) return true;
    }
    return false;
  }
}
