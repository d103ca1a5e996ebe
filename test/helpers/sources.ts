/** The project's own source files, for tests that read code as text (layering, strings, l10n). */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root (tests run from `out/test/...`). */
export const REPO = path.resolve(__dirname, '../../..');

/** Every `.ts` file below `dir` (absolute, or relative to the repository root), recursively. */
export function tsSources(dir: string): string[] {
  const abs = path.resolve(REPO, dir);
  return fs.readdirSync(abs, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(abs, e.name);
    return e.isDirectory() ? tsSources(p) : p.endsWith('.ts') ? [p] : [];
  });
}
