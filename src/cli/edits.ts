/**
 * The command-line tool's side of the edit tools (`--tools edit`): proposals over the working
 * folder checked by the file policy, printed as unified diffs (JSON lines with `--json`), and
 * written only with `--apply`. Commands are never run from the command line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ChangeSet, type EditHost, ReadingEditHost, unifiedDiff } from '../core/edits';
import { decideFile, isInsideRoot } from '../core/files';
import type { HostAnswer, ToolHost } from '../core/tools';
import { realPathOf } from '../shared/realPath';
import { put, type Sink } from './output';

/** Options of {@link CliEditHost}. */
export interface CliEditOptions {
  /** Whether a workspace-relative path is excluded (.gitignore and the like), when the read host knows. */
  isExcluded?(path: string): boolean;
}

/**
 * An edit host over `root` for the CLI: the read-only tools are `base`'s; proposals collect in
 * {@link changes}; a path may be written when the file policy lets a tool have it (inside `root`
 * with symlinks resolved, not secret by name, not excluded).
 */
export class CliEditHost extends ReadingEditHost implements EditHost {
  readonly changes = new ChangeSet();
  private readonly realRoot: string;

  constructor(
    base: ToolHost,
    private readonly root: string,
    private readonly o: CliEditOptions = {},
  ) {
    super(base);
    this.realRoot = realPathOf(path.resolve(root));
  }

  /** The user ran the tool in this folder on purpose: edits are never blocked as a whole. */
  editsBlocked(): string | undefined {
    return undefined;
  }

  async checkWritable(rel: string): Promise<HostAnswer<{ exists: boolean }>> {
    const abs = path.resolve(this.root, rel);
    const real = realPathOf(abs);
    const decision = decideFile(
      { path: rel, insideWorkspace: isInsideRoot(real, [this.realRoot]), excluded: this.o.isExcluded?.(rel) },
      'tool',
    );
    if (decision.ok !== true)
      return {
        ok: false,
        refusal: { reason: decision.reason, detail: 'rule' in decision ? decision.rule : undefined },
      };
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(real);
    } catch {
      return { ok: true, value: { exists: false } };
    }
    if (!stat.isFile()) return { ok: false, refusal: { reason: 'notAFile' } };
    return { ok: true, value: { exists: true } };
  }
}

/** Each changed file's unified diff, in the order first proposed (from its text before the answer to the last proposal). */
export function changeDiffs(set: ChangeSet): { path: string; diff: string }[] {
  return set
    .list()
    .map((c) => ({ path: c.path, diff: unifiedDiff(c.path, c.original, c.proposed) }))
    .filter((d) => d.diff !== '');
}

/**
 * Prints the proposed changes: the diffs on `out` in plain mode, or one line
 * `{"type":"edit","path":…,"diff":…}` per file with `--json`.
 */
export async function printChanges(set: ChangeSet, json: boolean, out: Sink): Promise<void> {
  for (const d of changeDiffs(set)) {
    if (json) await put(out, `${JSON.stringify({ type: 'edit', path: d.path, diff: d.diff })}\n`);
    else await put(out, d.diff);
  }
}

/**
 * Writes every pending change under `root` (`--apply`), folders made as needed, and marks them
 * accepted. A file changed on disk since it was read is left alone and named in `conflicts`.
 */
export function applyChanges(set: ChangeSet, root: string): { written: string[]; conflicts: string[] } {
  const written: string[] = [];
  const conflicts: string[] = [];
  for (const c of set.pending()) {
    const abs = path.resolve(root, c.path);
    let now: string | undefined;
    try {
      now = fs.readFileSync(abs, 'utf8');
    } catch {
      now = undefined;
    }
    if (now !== c.original) {
      conflicts.push(c.path);
      set.decide(c.path, 'rejected');
      continue;
    }
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, c.proposed);
    set.decide(c.path, 'accepted');
    written.push(c.path);
  }
  return { written, conflicts };
}
