/**
 * The change set of one answer: every file its edits touch over all its tool rounds (or its
 * code blocks headed with a path), each with the text it had, the text proposed, and what the
 * user decided. Nothing here writes a file; the host and the CLI write what is accepted.
 */
import { changeStats } from './unifiedDiff';

/** Where a file's proposed change stands. */
export type ChangeStatus = 'pending' | 'accepted' | 'rejected';

/** One file of a change set. */
export interface FileChange {
  /** Workspace-relative path, `/`-separated. */
  readonly path: string;
  /**
   * The file's text the proposal is made from; undefined for a new file. It is the file when the
   * change was first proposed, moved on by {@link ChangeSet.follow} as the user's own edits of the
   * file are carried into the proposal while it waits.
   */
  original: string | undefined;
  /** The text proposed now (the model's later edits and the user's own edits of the proposal included). */
  proposed: string;
  status: ChangeStatus;
  /** True once the user changed the proposal itself (typed into it, dropped a hunk). */
  editedByUser: boolean;
  /** True once the model was told the user's decision (see {@link describeDecisionUpdates}). */
  reported?: boolean;
  /** True once the user's own edits of the file were carried into the proposal while it waited. */
  followed?: boolean;
}

/** Counts for a summary line. */
export interface ChangeSummary {
  files: number;
  added: number;
  removed: number;
}

/** The files one answer proposes to change, in the order first proposed. */
export class ChangeSet {
  private readonly files = new Map<string, FileChange>();
  /** Line counts by file, kept while its proposal is the same text (a diff is the costly part of a summary). */
  private readonly counted = new Map<
    string,
    { original: string | undefined; proposed: string; added: number; removed: number }
  >();

  /**
   * The text a further edit of `path` applies to: the pending proposal, so a later round edits
   * on top of what it proposed before; undefined when there is none (read the file itself).
   */
  baseText(path: string): string | undefined {
    const c = this.files.get(path);
    return c?.status === 'pending' ? c.proposed : undefined;
  }

  /**
   * Records `proposed` as the new text of `path`. A pending change keeps its original; a change
   * already decided is replaced by a new pending one whose original is `original` (the file as
   * it is now). A proposal equal to the original leaves no change.
   */
  propose(path: string, original: string | undefined, proposed: string): FileChange | undefined {
    const had = this.files.get(path);
    const base = had?.status === 'pending' ? had.original : original;
    if (base === proposed) {
      this.files.delete(path);
      return undefined;
    }
    // Map.set on an existing key keeps the file's place in the order.
    const change: FileChange = { path, original: base, proposed, status: 'pending', editedByUser: false };
    this.files.set(path, change);
    return change;
  }

  /** The user changed the proposal of `path` (typing into it, dropping a hunk): Accept writes this text. */
  editProposal(path: string, text: string): void {
    const c = this.files.get(path);
    if (c?.status !== 'pending' || c.proposed === text) return;
    c.proposed = text;
    c.editedByUser = true;
  }

  /**
   * The user edited the file while its change waited: the change now starts from `original` (the
   * file as it is now) and proposes `proposed` (the proposal with the user's edits carried in), so
   * the review shows only the change itself. Only a pending change of an existing file follows.
   */
  follow(path: string, original: string, proposed: string): void {
    const c = this.files.get(path);
    if (c?.status !== 'pending' || c.original === undefined) return;
    c.original = original;
    c.proposed = proposed;
    c.followed = true;
  }

  /** Accepts or rejects the pending change of `path`; decided changes stay as they are. */
  decide(path: string, status: 'accepted' | 'rejected'): FileChange | undefined {
    const c = this.files.get(path);
    if (c?.status !== 'pending') return undefined;
    c.status = status;
    return c;
  }

  /** Accepts or rejects every pending change; returns the ones decided now. */
  decideAll(status: 'accepted' | 'rejected'): FileChange[] {
    return this.pending().map((c) => {
      c.status = status;
      return c;
    });
  }

  get(path: string): FileChange | undefined {
    return this.files.get(path);
  }

  /** Every file, in the order first proposed. */
  list(): FileChange[] {
    return [...this.files.values()];
  }

  pending(): FileChange[] {
    return this.list().filter((c) => c.status === 'pending');
  }

  get size(): number {
    return this.files.size;
  }

  /** True when every change has been accepted or rejected. */
  get settled(): boolean {
    return this.pending().length === 0;
  }

  /** Files and changed lines of every change not rejected. */
  summary(): ChangeSummary {
    let added = 0;
    let removed = 0;
    let files = 0;
    for (const c of this.files.values()) {
      if (c.status === 'rejected') continue;
      const s = this.stats(c);
      files++;
      added += s.added;
      removed += s.removed;
    }
    return { files, added, removed };
  }

  /** Lines added and removed by one file's change as proposed now. */
  stats(c: FileChange): { added: number; removed: number } {
    let had = this.counted.get(c.path);
    if (had?.proposed !== c.proposed || had.original !== c.original) {
      had = { original: c.original, proposed: c.proposed, ...changeStats(c.original, c.proposed) };
      this.counted.set(c.path, had);
    }
    return { added: had.added, removed: had.removed };
  }
}

/** "3 files changed, +12 −4" (the minus sign as in a diff summary, U+2212). */
export function summaryText(s: ChangeSummary): string {
  return `${s.files} ${s.files === 1 ? 'file' : 'files'} changed, +${s.added} \u2212${s.removed}`;
}

/**
 * What the model is told once the user decided on a file, so its next round knows the file's
 * real state.
 */
export function describeDecision(c: FileChange): string {
  if (c.status === 'pending')
    return `${c.path}: the proposed change is still waiting for the user's review (not applied).`;
  if (c.status === 'rejected')
    return `${c.path}: the user REJECTED the proposed change; the file is as it was${c.original === undefined ? ' (it does not exist)' : ''}.`;
  return c.editedByUser || c.followed
    ? `${c.path}: the user accepted the change after editing it; the file now differs from your proposal (read it again before editing it).`
    : `${c.path}: the user ACCEPTED the proposed change; the file now has it.`;
}

/**
 * The decisions the model has not been told yet, one line each (or `''`), marked told: appended
 * to the next edit tool result of the answer, so a later round knows which files really changed.
 */
export function describeDecisionUpdates(set: ChangeSet): string {
  const news = set.list().filter((c) => c.status !== 'pending' && !c.reported);
  for (const c of news) c.reported = true;
  return news.length ? `[The user decided meanwhile: ${news.map(describeDecision).join(' ')}]` : '';
}
