/**
 * The port the edit tools need beyond the read-only one: where proposals collect (the answer's
 * change set) and whether a path may be written at all. The extension and the CLI each implement
 * it; neither writes anything until the user accepts (the CLI: `--apply`).
 */
import type { HostAnswer, ToolHost } from '../tools';
import type { ChangeSet, FileChange } from './changeSet';

/** A host that can take proposed changes. */
export interface EditHost extends ToolHost {
  /** The change set of the answer being written. */
  readonly changes: ChangeSet;
  /** Why no edit may be proposed at all now (an untrusted workspace), or undefined. */
  editsBlocked(): string | undefined;
  /**
   * Whether workspace-relative `path` may be written, under the file policy for tools (inside a
   * workspace folder with symlinks resolved, never secret by name, never excluded), and whether a
   * file is there now. A refusal is an answer, never an exception.
   */
  checkWritable(path: string, signal: AbortSignal): Promise<HostAnswer<{ exists: boolean }>>;
  /** A change was proposed or updated: the panel shows it, the CLI prints its diff. */
  onProposed?(change: FileChange, previous: string | undefined): void;
}

/**
 * The read-only half of an {@link EditHost}, passed on to `base` (the host of the read-only
 * tools), so each edit host adds only its write check and its change set.
 */
export abstract class ReadingEditHost implements Pick<EditHost, keyof ToolHost> {
  /** The language tools' lookups: present only when `base` has them, since a tool is offered by their presence. */
  readonly problems?: ToolHost['problems'];
  readonly definition?: ToolHost['definition'];
  readonly references?: ToolHost['references'];

  constructor(protected readonly base: ToolHost) {
    this.problems = base.problems?.bind(base);
    this.definition = base.definition?.bind(base);
    this.references = base.references?.bind(base);
  }
  workspaceRelative(p: string): string | undefined {
    return this.base.workspaceRelative(p);
  }
  readText(p: string, signal: AbortSignal) {
    return this.base.readText(p, signal);
  }
  listDir(p: string, signal: AbortSignal) {
    return this.base.listDir(p, signal);
  }
  findFiles(glob: string, max: number, signal: AbortSignal) {
    return this.base.findFiles(glob, max, signal);
  }
  searchText(...a: Parameters<ToolHost['searchText']>) {
    return this.base.searchText(...a);
  }
}
