/**
 * Whether a real path lies inside a workspace root. Pure string work on paths the caller already
 * resolved (symlinks followed), so it runs the same in the extension, the CLI and the tests, for
 * POSIX and Windows paths alike.
 */

/** The path with `/` separators, `.` and `..` segments resolved and no trailing separator. */
function normalize(p: string): { key: string; windows: boolean } {
  const slashed = p.replace(/\\/g, '/');
  // A drive letter or a UNC prefix: compare without case, as Windows does.
  const windows = /^[a-zA-Z]:\//.test(slashed) || slashed.startsWith('//');
  const out: string[] = [];
  for (const seg of slashed.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  const prefix = slashed.startsWith('//') ? '//' : slashed.startsWith('/') ? '/' : '';
  const joined = prefix + out.join('/');
  return { key: windows ? joined.toLowerCase() : joined, windows };
}

/**
 * True when `realPath` (symlinks already resolved by the caller) is one of `roots` or lies below
 * one (the roots are real paths too). A sibling that only shares a prefix (`/ws-other` for the
 * root `/ws`) is outside; so is anything a `..` walks out to.
 */
export function isInsideRoot(realPath: string, roots: readonly string[]): boolean {
  const p = normalize(realPath);
  if (!p.key) return false;
  return roots.some((root) => {
    const r = normalize(root);
    if (!r.key || r.windows !== p.windows) return false;
    if (p.key === r.key) return true;
    const base = r.key.endsWith('/') ? r.key : `${r.key}/`;
    return p.key.startsWith(base);
  });
}
