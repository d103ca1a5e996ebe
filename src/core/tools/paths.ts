/**
 * The model's paths made workspace-relative before any host sees them: `/` separators, no `.`
 * segments, `..` resolved lexically and refused when it climbs out, absolute paths accepted only
 * when the host says they lie in a workspace folder. (Symlinks are the host's part: it resolves
 * real paths on access.)
 */
import type { HostAnswer, ToolHost } from './types';

/** Whether `p` is an absolute path on any platform: `/x`, `\\server\x`, `C:\x`, `C:/x`, `~/x`. */
function isAbsolute(p: string): boolean {
  return p.startsWith('/') || p.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(p) || p === '~' || p.startsWith('~/');
}

/** The workspace root in the tools' paths. */
export const ROOT = '.';

/**
 * `raw` as a workspace-relative path (`.` for the root), or a refusal saying why it cannot be one.
 * A `file://` URI is taken as its path.
 */
export function normaliseToolPath(raw: string, host: Pick<ToolHost, 'workspaceRelative'>): HostAnswer<string> {
  let p = raw.trim();
  if (p.startsWith('file://')) {
    try {
      p = decodeURIComponent(new URL(p).pathname);
      if (/^\/[A-Za-z]:\//.test(p)) p = p.slice(1);
    } catch {
      return { ok: false, refusal: { reason: 'invalid', detail: 'not a valid file URI' } };
    }
  }
  if (p.includes('\0')) return { ok: false, refusal: { reason: 'invalid', detail: 'the path holds a NUL character' } };
  if (isAbsolute(p)) {
    const inside = p.startsWith('~') ? undefined : host.workspaceRelative(p);
    if (inside === undefined)
      return {
        ok: false,
        refusal: { reason: 'outside', detail: 'absolute paths outside the workspace are not read' },
      };
    p = inside;
  }
  const parts: string[] = [];
  for (const seg of p.split(/[\\/]+/)) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0)
        return { ok: false, refusal: { reason: 'outside', detail: '`..` leads out of the workspace' } };
      parts.pop();
    } else parts.push(seg);
  }
  return { ok: true, value: parts.length === 0 ? ROOT : parts.join('/') };
}
