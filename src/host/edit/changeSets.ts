/**
 * The change sets of answers: every file an answer proposes to change (its edit tools' calls over
 * all rounds, or its code blocks headed with a path), reviewed in VS Code's own diff editor and
 * written only when the user accepts. One set per answer, keyed by the answer's turn id.
 */
import * as vscode from 'vscode';
import { ChangeSet, type ChangeSummary, type FileChange, merge3, narrowReplacement } from '../../core/edits';
import type { ChangeSetView } from '../../shared/protocol';
import type { Ui } from '../ui';
import { CHANGES_SCHEME, ProposalFileSystem } from './proposalFs';

/** How Review showed the changes. */
export type ReviewMode = 'multiDiff' | 'diffs' | 'none';

/** How long the typing in a proposal pauses before the summary counts it again, in ms. */
const RECOUNT_MS = 150;

/** What became of one file at Accept: written, kept as the user has it (the change dropped), or still waiting. */
type WriteOutcome = 'written' | 'kept' | 'waiting';

/**
 * How long the user's typing in a file with a waiting change rests before the proposal follows it
 * (a three-way merge of the whole file: not once per keystroke). Accept merges anyway, so a
 * pending follow only delays the review's picture, never what is written.
 */
const FOLLOW_MS = 150;

/** The multi-file diff editor's command (VS Code 1.85 behind a setting, on by default since 1.86). */
const MULTI_DIFF_COMMAND = 'vscode.changes';

interface Entry {
  set: ChangeSet;
  /** The workspace folder the set's paths are relative to. */
  root: vscode.Uri;
}

const t = vscode.l10n.t;

/** The translated summary line of a change set. */
export function summaryLine(s: ChangeSummary): string {
  return s.files === 1
    ? t('1 file changed, +{0} −{1}', s.added, s.removed)
    : t('{0} files changed, +{1} −{2}', s.files, s.added, s.removed);
}

/**
 * The answers' change sets. A proposal lives in {@link ProposalFileSystem} (the editable right
 * side of the diffs). While a change waits, the user's own edits of its file are carried into the
 * proposal as they are made (a three-way merge), so the review's left side is the file as it is
 * now and its right side differs only by the change; an edit that collides with the change is
 * left for Accept, which asks first (keep mine, take the proposal, open the review). Accept reads
 * each proposal's document as it is then, merges once more, and writes each file as one edit: one
 * undo step per file.
 */
export class ChangeSets implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly proposals = new ProposalFileSystem();
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the turn id of a change set that changed (a proposal, a decision). */
  readonly onDidChange = this.changed.event;
  private multiDiff: boolean | undefined;
  /** Answers whose proposals the user edited, counted again once the typing pauses. */
  private readonly recount = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly typing: vscode.Disposable;
  /** The follow waiting for the user's typing to rest, by document. */
  private readonly following = new Map<string, ReturnType<typeof setTimeout>>();
  /** Files Accept is writing: their change is Rill's own, not the user's to follow. */
  private readonly writing = new Set<string>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly ui: () => Ui) {
    // A hunk dropped with the diff's revert arrow, or a line typed into a proposal: the summary
    // follows. (Which documents are the user's is decided once the typing pauses: a document
    // reports its first edit before it reports being dirty.)
    this.typing = vscode.workspace.onDidChangeTextDocument((e) => {
      const uri = e.document.uri;
      if (uri.scheme !== CHANGES_SCHEME) return;
      const turnId = uri.authority;
      if (!this.entries.has(turnId)) return;
      clearTimeout(this.recount.get(turnId));
      this.recount.set(
        turnId,
        setTimeout(() => {
          this.recount.delete(turnId);
          this.syncEdited(turnId);
        }, RECOUNT_MS),
      );
    });
    // The user's edits of a file whose change waits: the proposal follows them.
    this.subscription = vscode.workspace.onDidChangeTextDocument((e) => {
      const doc = e.document;
      const key = doc.uri.toString();
      if (e.contentChanges.length === 0 || doc.uri.scheme === CHANGES_SCHEME || this.writing.has(key)) return;
      if (!this.waitingOn(doc.uri).length) return;
      clearTimeout(this.following.get(key));
      this.following.set(
        key,
        setTimeout(() => {
          this.following.delete(key);
          void this.follow(doc);
        }, FOLLOW_MS),
      );
    });
  }

  /** The pending changes of existing files that `uri` is, over every answer's set. */
  private waitingOn(uri: vscode.Uri): { turnId: string; change: FileChange }[] {
    const key = uri.toString();
    const out: { turnId: string; change: FileChange }[] = [];
    for (const [turnId, e] of this.entries)
      for (const change of e.set.pending())
        if (change.original !== undefined && this.fileUri(turnId, change.path).toString() === key)
          out.push({ turnId, change });
    return out;
  }

  /**
   * Carries the user's edits of `doc` into every proposal waiting on it, so its review shows only
   * the change. An edit that collides with the change is not carried: Accept asks about it.
   */
  private async follow(doc: vscode.TextDocument): Promise<void> {
    if (doc.isClosed || this.writing.has(doc.uri.toString())) return;
    const now = doc.getText();
    for (const { turnId, change } of this.waitingOn(doc.uri)) {
      if (change.original === undefined || change.original === now) continue;
      const merged = merge3(change.original, now, this.proposalText(turnId, change));
      if (!merged.ok) continue;
      this.get(turnId)?.follow(change.path, now, merged.text);
      await this.putProposal(turnId, change.path, merged.text);
      this.changed.fire(turnId);
    }
  }

  /**
   * Puts `text` as a proposal: into its open document as one narrow edit (saved into the proposals'
   * store when it had no unsaved typing, so closing it asks nothing), else into the store.
   */
  private async putProposal(turnId: string, path: string, text: string): Promise<void> {
    const uri = this.proposalUri(turnId, path);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!doc) return this.proposals.set(uri, text);
    const r = narrowReplacement(doc.getText(), text);
    if (r.start === r.end && r.text === '') return;
    const wasDirty = doc.isDirty;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end)), r.text);
    if ((await vscode.workspace.applyEdit(edit)) && !wasDirty) await doc.save();
  }

  /** The change set of an answer, if it has one. */
  get(turnId: string): ChangeSet | undefined {
    return this.entries.get(turnId)?.set;
  }

  /** The change set of an answer, made when it has none yet, over the workspace folder `root`. */
  setFor(turnId: string, root: vscode.Uri): ChangeSet {
    let e = this.entries.get(turnId);
    if (!e) this.entries.set(turnId, (e = { set: new ChangeSet(), root }));
    return e.set;
  }

  /** The workspace file a path of the answer's set names. */
  fileUri(turnId: string, path: string): vscode.Uri {
    const root = this.entries.get(turnId)?.root ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!root) throw new Error('no workspace folder');
    return vscode.Uri.joinPath(root, ...path.split('/'));
  }

  /**
   * The proposal document of a path: the answer's id as its authority and the file's own path, so
   * it is highlighted alike and the multi-file diff shows the file as changed, not renamed.
   */
  proposalUri(turnId: string, path: string): vscode.Uri {
    return vscode.Uri.from({ scheme: CHANGES_SCHEME, authority: turnId, path: this.fileUri(turnId, path).path });
  }

  /** Records a proposed change (see {@link ChangeSet.propose}) and updates its proposal document. */
  propose(
    turnId: string,
    root: vscode.Uri,
    path: string,
    original: string | undefined,
    proposed: string,
  ): FileChange | undefined {
    const set = this.setFor(turnId, root);
    const change = set.propose(path, original, proposed);
    const uri = this.proposalUri(turnId, path);
    if (change) this.proposals.set(uri, change.proposed);
    else this.proposals.remove(uri);
    this.changed.fire(turnId);
    return change;
  }

  /** A change the edit tools recorded in the set directly: its proposal document and the panel follow. */
  proposed(turnId: string, change: FileChange): void {
    this.proposals.set(this.proposalUri(turnId, change.path), change.proposed);
    this.changed.fire(turnId);
  }

  /** The proposal of `path` as the user left it: its open document (typed into, hunks reverted), else as stored. */
  proposalText(turnId: string, c: FileChange): string {
    const uri = this.proposalUri(turnId, c.path).toString();
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    return doc?.getText() ?? this.proposals.text(this.proposalUri(turnId, c.path)) ?? c.proposed;
  }

  /** Takes the user's edits of the open proposals into the set, so counts and Accept see them. */
  sync(turnId: string): void {
    const set = this.get(turnId);
    for (const c of set?.pending() ?? []) set!.editProposal(c.path, this.proposalText(turnId, c));
  }

  /**
   * Takes the proposals the user edited into the set and tells the panel. Only a dirty document is
   * the user's: a proposal reloaded after the model's next edit is not, and must not put the older
   * text back.
   */
  private syncEdited(turnId: string): void {
    const set = this.get(turnId);
    if (!set) return;
    for (const c of set.pending()) {
      const uri = this.proposalUri(turnId, c.path).toString();
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri && d.isDirty);
      if (doc) set.editProposal(c.path, doc.getText());
    }
    this.changed.fire(turnId);
  }

  /** The set as the panel shows it, or undefined when the answer has none. */
  view(turnId: string): ChangeSetView | undefined {
    const set = this.get(turnId);
    if (!set || set.size === 0) return undefined;
    const files = set.list().map((c) => ({
      path: c.path,
      ...set.stats(c),
      status: c.status,
      isNew: c.original === undefined,
    }));
    const counts = set.summary();
    return { turnId, summary: summaryLine(counts), counts, files };
  }

  /** Every answer's set as the panel shows it. */
  views(): ChangeSetView[] {
    return [...this.entries.keys()].map((id) => this.view(id)).filter((v): v is ChangeSetView => !!v);
  }

  /** Whether the running VS Code has the multi-file diff editor's command. */
  private async hasMultiDiff(): Promise<boolean> {
    this.multiDiff ??= (await vscode.commands.getCommands(true)).includes(MULTI_DIFF_COMMAND);
    return this.multiDiff;
  }

  /**
   * Shows the pending changes: all in one multi-file diff editor where VS Code has one, else one
   * diff per file. The file itself is on the left (new files: nothing), the editable proposal on
   * the right.
   */
  async review(turnId: string): Promise<ReviewMode> {
    const pending = this.get(turnId)?.pending() ?? [];
    if (pending.length === 0) return 'none';
    // The multi-file diff editor adds the number of files to its title ("… (2 files)"): only the lines here.
    const counts = this.get(turnId)!.summary();
    const title = t("Rill's changes: +{0} −{1}", counts.added, counts.removed);
    if (await this.hasMultiDiff()) {
      const resources = pending.map((c) => {
        const file = this.fileUri(turnId, c.path);
        return [file, c.original === undefined ? undefined : file, this.proposalUri(turnId, c.path)];
      });
      await vscode.commands.executeCommand(MULTI_DIFF_COMMAND, title, resources);
      return 'multiDiff';
    }
    for (const c of pending) await this.open(turnId, c.path);
    return 'diffs';
  }

  /** One file's diff (a new file diffs against nothing). */
  async open(turnId: string, path: string): Promise<void> {
    const c = this.get(turnId)?.get(path);
    if (!c) return;
    const right = this.proposalUri(turnId, path);
    if (c.status !== 'pending') {
      await vscode.window.showTextDocument(this.fileUri(turnId, path), { preview: false });
      return;
    }
    const left =
      c.original === undefined
        ? vscode.Uri.from({ scheme: 'untitled', path: `${path}.empty` })
        : this.fileUri(turnId, path);
    const name = path.split('/').pop() ?? path;
    await vscode.commands.executeCommand('vscode.diff', left, right, t("{0} ↔ Rill's change", name), {
      preview: false,
    });
  }

  /**
   * Writes the pending changes of `paths` (all when absent) as their proposals read now, each
   * file one edit (one undo step), and returns the paths written. A file the user edited meanwhile
   * gets both: edits in other places are kept; edits overlapping the change ask first.
   */
  async accept(turnId: string, paths?: readonly string[]): Promise<string[]> {
    const set = this.get(turnId);
    if (!set) return [];
    const written: string[] = [];
    for (const c of set.pending().filter((x) => !paths || paths.includes(x.path))) {
      set.editProposal(c.path, this.proposalText(turnId, c));
      // Accept's own edit of the file is no edit of the user's: it must not be followed into the proposal.
      const key = this.fileUri(turnId, c.path).toString();
      this.writing.add(key);
      let outcome: WriteOutcome;
      try {
        outcome = await this.write(turnId, c);
      } finally {
        this.writing.delete(key);
        clearTimeout(this.following.get(key));
        this.following.delete(key);
      }
      if (outcome === 'kept') set.decide(c.path, 'rejected');
      if (outcome !== 'written') continue;
      set.decide(c.path, 'accepted');
      written.push(c.path);
    }
    await this.closeSettled(turnId);
    this.changed.fire(turnId);
    return written;
  }

  /** Drops the pending changes of `paths` (all when absent): nothing is written. */
  async reject(turnId: string, paths?: readonly string[]): Promise<string[]> {
    const set = this.get(turnId);
    if (!set) return [];
    const dropped = set.pending().filter((x) => !paths || paths.includes(x.path));
    for (const c of dropped) set.decide(c.path, 'rejected');
    await this.closeSettled(turnId);
    this.changed.fire(turnId);
    return dropped.map((c) => c.path);
  }

  /** Writes one file's proposal; `waiting` when the user put it off or the write failed, `kept` when they kept theirs. */
  private async write(turnId: string, c: FileChange): Promise<WriteOutcome> {
    const uri = this.fileUri(turnId, c.path);
    const edit = new vscode.WorkspaceEdit();
    if (c.original === undefined) {
      if (await exists(uri)) {
        const replace = t('Replace It');
        const pick = await this.ui().warn(
          t('{0} was created meanwhile.', c.path),
          { detail: t('Accepting replaces it with the proposed file.') },
          replace,
        );
        if (pick !== replace) return 'waiting';
        const doc = await vscode.workspace.openTextDocument(uri);
        edit.replace(uri, fullRange(doc), c.proposed);
      } else {
        edit.createFile(uri, { ignoreIfExists: true });
        edit.insert(uri, new vscode.Position(0, 0), c.proposed);
      }
      if (!(await vscode.workspace.applyEdit(edit))) return 'waiting';
      await (await vscode.workspace.openTextDocument(uri)).save();
      return 'written';
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    const now = doc.getText();
    let text = c.proposed;
    if (now !== c.original) {
      const merged = merge3(c.original, now, c.proposed);
      if (merged.ok) text = merged.text;
      else {
        // The proposal wins where they collide; the user's edits elsewhere are kept either way.
        const theirs = merge3(c.original, now, c.proposed, { prefer: 'theirs' });
        const proposal = theirs.ok ? theirs.text : c.proposed;
        const pick = await this.askConflict(c.path, merged.conflictLines[0] ?? 1);
        if (pick === 'kept') return 'kept';
        if (pick !== 'take') {
          if (pick === 'review') {
            // The review then shows exactly what Accept writes: the file now against the proposal.
            this.get(turnId)?.follow(c.path, now, proposal);
            await this.putProposal(turnId, c.path, proposal);
            await this.open(turnId, c.path);
          }
          return 'waiting';
        }
        text = proposal;
      }
    }
    const r = narrowReplacement(now, text);
    if (r.start === r.end && r.text === '') return 'written';
    const wasDirty = doc.isDirty;
    edit.replace(uri, new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end)), r.text);
    if (!(await vscode.workspace.applyEdit(edit))) return 'waiting';
    // The user's unsaved edits stay unsaved: only a file that was saved is saved again.
    if (!wasDirty) await doc.save();
    return 'written';
  }

  /**
   * Asks, in a modal, what to do when the user edited the lines a change replaces: keep their
   * version (the change is dropped), take the proposal there, or open the review to decide.
   */
  private async askConflict(path: string, line: number): Promise<'kept' | 'take' | 'review' | undefined> {
    const keep = t('Keep Mine');
    const take = t('Take the Proposal');
    const review = t('Open the Review');
    const pick = await this.ui().warn(
      t('{0} changed where the proposed change goes (line {1}).', path, line),
      {
        modal: true,
        detail: t(
          'You edited the lines the change replaces. Keep your version of the file, take the proposal in those lines (your other edits stay), or open the review to decide line by line.',
        ),
      },
      keep,
      take,
      review,
    );
    return pick === keep ? 'kept' : pick === take ? 'take' : pick === review ? 'review' : undefined;
  }

  /** Closes the diffs of decided files (and the multi-file diff once nothing is pending) and forgets their proposals. */
  private async closeSettled(turnId: string): Promise<void> {
    const set = this.get(turnId);
    if (!set) return;
    const decided = new Set(
      set
        .list()
        .filter((c) => c.status !== 'pending')
        .map((c) => this.proposalUri(turnId, c.path).toString()),
    );
    const mine = (u: unknown) => u instanceof vscode.Uri && u.scheme === CHANGES_SCHEME && u.authority === turnId;
    const tabs = vscode.window.tabGroups.all.flatMap((g) =>
      g.tabs.filter((tab) => {
        const input = tab.input as { modified?: unknown; textDiffs?: { modified?: unknown }[] } | undefined;
        if (input instanceof vscode.TabInputTextDiff) return decided.has(input.modified.toString());
        // The multi-file diff editor's tab (its input type is newer than the oldest supported API).
        if (Array.isArray(input?.textDiffs)) return set.settled && input.textDiffs.some((d) => mine(d.modified));
        return false;
      }),
    );
    // Proposal documents the user typed into are saved (into the proposals' own store) so closing asks nothing.
    for (const d of vscode.workspace.textDocuments) if (mine(d.uri) && d.isDirty) await d.save();
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
    for (const c of set.list()) if (c.status !== 'pending') this.proposals.remove(this.proposalUri(turnId, c.path));
  }

  dispose(): void {
    for (const timer of this.recount.values()) clearTimeout(timer);
    this.typing.dispose();
    this.subscription.dispose();
    for (const timer of this.following.values()) clearTimeout(timer);
    this.following.clear();
    this.proposals.dispose();
    this.changed.dispose();
    this.entries.clear();
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function fullRange(doc: vscode.TextDocument): vscode.Range {
  return new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
}
