/**
 * The ranges the selection commands asked about, followed through edits, for a later Apply.
 */
import type * as vscode from 'vscode';
import type { SelectionAnchor } from './editorInsertion';

/** How many answers' ranges are kept; older ones stop being followed. */
const KEEP = 20;

/**
 * The ranges the selection commands asked about, by the answer's turn id, each still followed
 * through the user's edits, so a code block's Apply in the chat panel can go back to the code the
 * answer is about. Only the newest answers are kept (each followed range listens to its document).
 */
export class AskedRanges implements vscode.Disposable {
  private readonly anchors = new Map<string, SelectionAnchor>();

  /** Keeps following `anchor` for the answer `turnId` (this takes ownership of it). */
  remember(turnId: string, anchor: SelectionAnchor): void {
    this.anchors.get(turnId)?.dispose();
    this.anchors.delete(turnId);
    this.anchors.set(turnId, anchor);
    for (const [id, old] of this.anchors) {
      if (this.anchors.size <= KEEP) break;
      old.dispose();
      this.anchors.delete(id);
    }
  }

  /** The range asked about for `turnId`, while its document is open. */
  get(turnId: string): { anchor: SelectionAnchor; doc: vscode.TextDocument } | undefined {
    const anchor = this.anchors.get(turnId);
    const doc = anchor?.openDocument();
    return anchor && doc ? { anchor, doc } : undefined;
  }

  dispose(): void {
    for (const a of this.anchors.values()) a.dispose();
    this.anchors.clear();
  }
}
