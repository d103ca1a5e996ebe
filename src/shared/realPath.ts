/**
 * The real path of a file that may not exist yet: the host and the command-line tool both check
 * that a proposed file lies inside the workspace with symbolic links resolved, including a new
 * file under a linked folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The real path of `p`, or of its nearest existing ancestor with the rest appended. */
export function realPathOf(p: string): string {
  const rest: string[] = [];
  for (let at = p; ; ) {
    try {
      return path.join(fs.realpathSync.native(at), ...rest.reverse());
    } catch {
      const up = path.dirname(at);
      if (up === at) return p;
      rest.push(path.basename(at));
      at = up;
    }
  }
}
