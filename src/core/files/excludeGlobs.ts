/**
 * The glob patterns of `files.exclude` and `search.exclude` as one matcher of workspace-relative
 * paths. VS Code's globs: `**` across folders, `*` and `?` within a name, `{a,b}` alternatives and
 * `[...]` classes; a pattern that matches a folder excludes everything below it.
 */

/** One glob as an anchored regular expression source (no flags). */
function globSource(glob: string): string {
  let out = '';
  let i = 0;
  while (i < glob.length) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const atStart = i === 0 || glob[i - 1] === '/';
      const next = glob[i + 2];
      if (atStart && next === '/') {
        out += '(?:.*/)?'; // any number of whole folders, none included
        i += 3;
        continue;
      }
      out += '.*';
      i += 2;
      continue;
    }
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) out += '\\{';
      else {
        out += `(?:${glob
          .slice(i + 1, end)
          .split(',')
          .map(globSource)
          .join('|')})`;
        i = end;
      }
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        const body = glob.slice(i + 1, end).replace(/\\/g, '\\\\');
        out += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
        i = end;
      }
    } else out += c.replace(/[.+^$()|\\]/g, '\\$&');
    i++;
  }
  return out;
}

/**
 * A test for workspace-relative paths (`/` separators) against `globs`: true when the path or one
 * of its folders matches one of them. `ignoreCase` for case-insensitive file systems.
 */
export function excludeMatcher(globs: readonly string[], ignoreCase = false): (relPath: string) => boolean {
  const res = globs
    .map((g) => g.trim().replace(/^\.\//, '').replace(/\/+$/, ''))
    .filter((g) => g.length > 0)
    .map((g) => new RegExp(`^${globSource(g)}$`, ignoreCase ? 'i' : ''));
  return (relPath) => {
    if (!res.length) return false;
    const parts = relPath.replace(/\\/g, '/').split('/').filter(Boolean);
    for (let n = 1; n <= parts.length; n++) {
      const prefix = parts.slice(0, n).join('/');
      if (res.some((re) => re.test(prefix))) return true;
    }
    return false;
  };
}

/** The globs of an exclude setting's value that are switched on (`true`; conditional `when` entries are not). */
export function enabledGlobs(setting: unknown): string[] {
  if (!setting || typeof setting !== 'object') return [];
  return Object.entries(setting as Record<string, unknown>)
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
}
