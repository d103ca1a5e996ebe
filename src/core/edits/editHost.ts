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
