/**
 * The open reviews: each change shown as a diff with Accept and Reject, applied as one edit.
 */
import * as vscode from 'vscode';
import type { Ui } from '../ui';
import { applyChange, displayName, offerCopyInstead } from './applyEdit';
import { PendingReview, type ReviewDecision, type ReviewStage } from './pendingReview';
import { PROPOSAL_SCHEME, ProposalDocuments } from './proposals';

/** Context key: the active editor tab is a review diff (the Accept / Reject keybindings and title buttons). */
const ACTIVE_KEY = 'rill.reviewActive';
/** Context key: some change is waiting for review (the Accept / Reject commands in the palette). */
const PENDING_KEY = 'rill.reviewPending';

/** What Accept did (`notReady`: refused, the answer is still streaming or ended before it was done). */
export type AcceptOutcome = 'accepted' | 'cancelled' | 'copied' | 'readOnly' | 'noReview' | 'notReady';

const key = (uri: vscode.Uri) => uri.toString();

/** Tabs that show `uri` in a text editor of its own (not as a side of a diff). */
function textTabsOf(uri: vscode.Uri): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) =>
    g.tabs.filter((t) => t.input instanceof vscode.TabInputText && key(t.input.uri) === key(uri)),
  );
}

/** Diff tabs whose right side is `proposal`. */
function diffTabsOf(proposal: vscode.Uri): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) =>
    g.tabs.filter((t) => t.input instanceof vscode.TabInputTextDiff && key(t.input.modified) === key(proposal)),
  );
}

/** The proposal shown by a tab, if it is a review diff. */
function proposalOf(tab: vscode.Tab | undefined): vscode.Uri | undefined {
  const input = tab?.input;
  return input instanceof vscode.TabInputTextDiff && input.modified.scheme === PROPOSAL_SCHEME
    ? input.modified
    : undefined;
}

/**
 * Every change waiting for review, at most one per document: each shown in VS Code's diff editor
 * (the document on the left, the proposed result on the right), with Accept and Reject in the
 * diff's title bar, on a CodeLens above the target range, as commands and as keybindings.
 *
 * While a review is open its range follows the user's edits (the proposal is recomputed, so the
 * diff stays true); an edit inside the range makes Accept ask first. Closing the diff, or the
 * document's last editor tab, rejects it. Accept applies the change as one edit: one undo step.
 *
 * A review may open while its answer still streams (`stage` streaming): its proposal grows with
 * {@link Reviews.write}, and Accept is refused until the answer is done (or for good, when the
 * answer stopped before it was done: the partial proposal stays for reference, marked).
 */
export class Reviews implements vscode.Disposable {
  private readonly byTarget = new Map<string, PendingReview>();
  private readonly proposals = new ProposalDocuments();
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly ui: () => Ui) {
    this.subscriptions = [
      this.proposals,
      this.lensesChanged,
      vscode.workspace.onDidChangeTextDocument((e) => {
        const review = this.byTarget.get(key(e.document.uri));
        if (!review || e.contentChanges.length === 0) return;
        review.follow(e.contentChanges);
        this.proposals.changed(review.proposal);
        this.lensesChanged.fire();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        const review = this.byTarget.get(key(d.uri));
        if (review) void this.reject(review);
      }),
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        for (const tab of e.closed) this.tabClosed(tab);
        this.updateContext();
      }),
      vscode.window.tabGroups.onDidChangeTabGroups(() => this.updateContext()),
      vscode.languages.registerCodeLensProvider('*', {
        onDidChangeCodeLenses: this.lensesChanged.event,
        provideCodeLenses: (doc) => this.codeLenses(doc),
      }),
    ];
  }

  /** The open reviews. */
  list(): PendingReview[] {
    return [...this.byTarget.values()];
  }

  /** The open review of a document. */
  of(uri: vscode.Uri): PendingReview | undefined {
    return this.byTarget.get(key(uri));
  }

  /**
   * Shows `text` replacing `range` of `doc` in a diff and waits for the user's decision (see
   * {@link PendingReview.decided}). A review already open on the same document is rejected first:
   * the newer proposal replaces it. With `stage` streaming, `text` is the start of an answer still
   * being written: {@link Reviews.write} adds the rest.
   */
  async open(
    doc: vscode.TextDocument,
    range: vscode.Range,
    text: string,
    stage: ReviewStage = 'ready',
  ): Promise<PendingReview> {
    const earlier = this.byTarget.get(key(doc.uri));
    if (earlier) await this.reject(earlier);
    let review: PendingReview | undefined;
    const proposal = this.proposals.add(doc.uri, () => review?.proposedText() ?? doc.getText());
    review = new PendingReview(doc, range, text, proposal, stage);
    this.byTarget.set(key(doc.uri), review);
    // The right side takes the document's language, so both sides are highlighted alike (untitled
    // documents have no file extension to go by).
    const right = await vscode.workspace.openTextDocument(proposal);
    if (right.languageId !== doc.languageId) await vscode.languages.setTextDocumentLanguage(right, doc.languageId);
    const shownIn = vscode.window.visibleTextEditors.find((e) => e.document === doc)?.viewColumn;
    await vscode.commands.executeCommand(
      'vscode.diff',
      doc.uri,
      proposal,
      vscode.l10n.t("{0} ↔ Rill's change", displayName(doc.uri)),
      { preview: false, viewColumn: shownIn, selection: new vscode.Range(range.start, range.start) },
    );
    this.lensesChanged.fire();
    this.updateContext();
    return review;
  }

  /**
   * Puts a streaming review's text so far (or, with `ready` or `partial`, its final text) into its
   * proposal: the diff's right side follows. The caller throttles: VS Code diffs on every change.
   */
  write(review: PendingReview, text: string, stage?: ReviewStage): void {
    if (!review.pending || review.stage !== 'streaming') return;
    const was = review.stage;
    review.write(text, stage);
    this.proposals.changed(review.proposal);
    if (review.stage !== was) this.lensesChanged.fire();
  }

  /**
   * The review a command means: the one for `uri` when given (a CodeLens passes the document's,
   * the diff's title buttons the proposal's), else the one shown in the active diff, else the one
   * of the active editor's document, else the only one.
   */
  find(uri?: unknown): PendingReview | undefined {
    if (typeof uri === 'string' || uri instanceof vscode.Uri) {
      const given = typeof uri === 'string' ? vscode.Uri.parse(uri, true) : uri;
      if (given.scheme !== PROPOSAL_SCHEME) return this.byTarget.get(key(given));
      return this.list().find((r) => key(r.proposal) === key(given));
    }
    const shown = proposalOf(vscode.window.tabGroups.activeTabGroup.activeTab);
    if (shown) return this.list().find((r) => key(r.proposal) === key(shown));
    const active = vscode.window.activeTextEditor?.document.uri;
    const own = active && this.byTarget.get(key(active));
    if (own) return own;
    const all = this.list();
    return all.length === 1 ? all[0] : undefined;
  }

  /**
   * Applies the change as one edit (one undo step), after asking when the code under review was
   * edited meanwhile, then closes the diff and shows the document with the new code selected.
   */
  async accept(review: PendingReview): Promise<AcceptOutcome> {
    if (!review.pending) return 'noReview';
    const t = vscode.l10n.t;
    if (review.stage === 'streaming') {
      void this.ui().info(t('Rill is still writing this change. Accept it once the answer is done.'));
      return 'notReady';
    }
    if (review.stage === 'partial') {
      void this.ui().info(
        t('This change is incomplete: the answer ended before it was done, so it cannot be accepted.'),
      );
      return 'notReady';
    }
    const doc = review.target;
    if (review.touched) {
      const anyway = t('Accept Anyway');
      const c = await this.ui().warn(
        t('The code under review in {0} changed since the change was proposed.', displayName(doc.uri)),
        { detail: t('Accepting replaces the code as it is now, your edits in it included.') },
        anyway,
      );
      if (c !== anyway || !review.pending) return 'cancelled';
    }
    const column = diffTabsOf(review.proposal)[0]?.group.viewColumn;
    const added = await applyChange(doc, review.range(), review.text);
    if (!added) {
      this.end(review, 'rejected');
      return offerCopyInstead(doc, review.text, this.ui());
    }
    this.end(review, 'accepted');
    await this.closeDiff(review);
    // Showing the document would restore its last selection: select what the change added instead.
    await vscode.window.showTextDocument(doc, { viewColumn: column, preview: false, selection: added });
    return 'accepted';
  }

  /** Drops the change: the document stays as it is; the diff closes. */
  async reject(review: PendingReview): Promise<void> {
    if (!review.pending) return;
    this.end(review, 'rejected');
    await this.closeDiff(review);
  }

  private end(review: PendingReview, decision: ReviewDecision): void {
    if (!review.finish(decision)) return;
    if (this.byTarget.get(key(review.target.uri)) === review) this.byTarget.delete(key(review.target.uri));
    this.lensesChanged.fire();
    this.updateContext();
  }

  private async closeDiff(review: PendingReview): Promise<void> {
    const tabs = diffTabsOf(review.proposal);
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
    this.proposals.remove(review.proposal);
  }

  /** Closing a review's diff, or the last tab of its document, rejects the review. */
  private tabClosed(tab: vscode.Tab): void {
    const proposal = proposalOf(tab);
    if (proposal) {
      const review = this.list().find((r) => key(r.proposal) === key(proposal));
      if (review && diffTabsOf(proposal).length === 0) void this.reject(review);
      return;
    }
    if (!(tab.input instanceof vscode.TabInputText)) return;
    const review = this.byTarget.get(key(tab.input.uri));
    if (review && textTabsOf(review.target.uri).length === 0) void this.reject(review);
  }

  private codeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const review = this.byTarget.get(key(doc.uri));
    if (!review) return [];
    const t = vscode.l10n.t;
    const at = new vscode.Range(review.range().start, review.range().start);
    const args = [key(doc.uri)];
    const reject = new vscode.CodeLens(at, { title: t('Reject'), command: 'rill.review.reject', arguments: args });
    if (review.stage !== 'ready') {
      // Not acceptable (yet): the lens says why and shows the diff; Reject stays.
      const title =
        review.stage === 'streaming'
          ? t('$(sync~spin) Rill is writing the change…')
          : t('Incomplete change: the answer ended early');
      return [new vscode.CodeLens(at, { title, command: 'rill.review.show', arguments: args }), reject];
    }
    return [
      new vscode.CodeLens(at, { title: t("Accept Rill's Change"), command: 'rill.review.accept', arguments: args }),
      reject,
      new vscode.CodeLens(at, { title: t('Show Diff'), command: 'rill.review.show', arguments: args }),
    ];
  }

  /** Shows the review's diff again (after its tab was moved away from, or from a CodeLens). */
  async show(review: PendingReview): Promise<void> {
    const tab = diffTabsOf(review.proposal)[0];
    await vscode.commands.executeCommand(
      'vscode.diff',
      review.target.uri,
      review.proposal,
      tab?.label ?? vscode.l10n.t("{0} ↔ Rill's change", displayName(review.target.uri)),
      { preview: false, viewColumn: tab?.group.viewColumn },
    );
  }

  private updateContext(): void {
    const shown = proposalOf(vscode.window.tabGroups.activeTabGroup.activeTab);
    const active = !!shown && this.list().some((r) => key(r.proposal) === key(shown));
    void vscode.commands.executeCommand('setContext', ACTIVE_KEY, active);
    void vscode.commands.executeCommand('setContext', PENDING_KEY, this.byTarget.size > 0);
  }

  dispose(): void {
    for (const r of this.list()) r.finish('rejected');
    this.byTarget.clear();
    for (const s of this.subscriptions) s.dispose();
  }
}
