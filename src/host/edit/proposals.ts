/**
 * The read-only documents that show a proposed change (the right side of a review diff).
 */
import * as vscode from 'vscode';

/** The URI scheme of the read-only documents that hold a proposed change (the right side of a review diff). */
export const PROPOSAL_SCHEME = 'rill-review';

/**
 * Serves the proposed text of each open review as a virtual, read-only document. The text is
 * computed on request, so after {@link ProposalDocuments.changed} the diff shows the document as
 * it is now with the change applied.
 */
export class ProposalDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, () => string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this);
  private next = 1;

  /**
   * A new proposal URI for a change to `target`. Its path ends in the target's file name, so the
   * diff is titled and highlighted like the file; the query keeps proposals apart.
   */
  add(target: vscode.Uri, text: () => string): vscode.Uri {
    const name = target.path.split('/').pop() || 'untitled';
    const uri = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${name}`, query: `review=${this.next++}` });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  /** Tells VS Code the proposal's text changed (the target document was edited). */
  changed(uri: vscode.Uri): void {
    this.emitter.fire(uri);
  }

  remove(uri: vscode.Uri): void {
    this.texts.delete(uri.toString());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    // A closed review's tab restored after a reload has nothing to show: say so rather than fail.
    return this.texts.get(uri.toString())?.() ?? vscode.l10n.t('This proposed change is no longer under review.');
  }

  dispose(): void {
    this.registration.dispose();
    this.emitter.dispose();
    this.texts.clear();
  }
}
