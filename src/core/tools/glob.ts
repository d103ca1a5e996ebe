/**
 * Globs as regular expressions, for hosts without a glob engine of their own (the CLI; VS Code's
 * `findFiles` takes globs natively). Paths are `/`-separated and workspace-relative. Supports `**`,
 * `*`, `?`, `{a,b}` and `[…]` (with `!` or `^` to negate), as `.gitignore` and VS Code use them.
 */

function escapeChar(c: string): string {
  return /[.+^$()|\\/]/.test(c) ? `\\${c}` : c;
}

/** The regular expression source for `glob` (no anchors). */
function source(glob: string): string {
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` spans any number of folders (none too); a trailing `**` anything below.
        const slashAfter = glob[i + 2] === '/';
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        i++;
        if (atSegmentStart && slashAfter) {
          out += '(?:[^/]*/)*';
          i++;
        } else out += '.*';
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) out += '\\[';
      else {
        let body = glob.slice(i + 1, close);
        if (body[0] === '!') body = `^${body.slice(1)}`;
        out += `[${body.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else if (c === '\\' && i + 1 < glob.length) out += glob[++i].replace(/[.*+?^${}()|[\]\\/]/, '\\$&');
    else out += escapeChar(c);
  }
  return out + ')'.repeat(braces);
}

/** A matcher for whole workspace-relative paths. Throws on nothing: a malformed class is taken literally. */
export function globToRegExp(glob: string): RegExp {
  try {
    return new RegExp(`^${source(glob)}$`);
  } catch {
    return new RegExp(`^${glob.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  }
}
