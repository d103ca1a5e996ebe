/**
 * What a code block's buttons do in the editor: Insert, Apply, New File, copy.
 */
import * as vscode from 'vscode';
import type { ChatSession } from '../../core/chat';
import { languageIdForFence } from '../../core/editor';
import type { InsertTarget } from '../../shared/protocol';
import type { Ui } from '../ui';
import { type ApplyOutcome, applyFromPanel, type BlockOrigin } from './applyCode';
import type { AskedRanges } from './askedRanges';
import type { ChangeSets } from './changeSets';
import { type InsertOutcome, insertOrOfferCopy } from './editorInsertion';
import type { Reviews } from './reviews';

/** What an Insert, Apply or New file button did, for tests. */
export type CodeInsertOutcome = InsertOutcome | ApplyOutcome | 'newFile' | 'noEditor';

/** The review machinery the buttons use: open reviews, and the ranges answers were asked about. */
export interface ReviewServices {
  reviews: Reviews;
  askedRanges: AskedRanges;
  /** The answers' change sets across files. */
  changes: ChangeSets;
}

/**
 * What the chat's buttons do in the editor: insert a code block, open it in a new file, copy,
 * open a link. Insertion goes through the same planner and checks as Ask About Selection
 * (`insertOrOfferCopy`): one edit (one undo step), indentation kept, a read-only document left
 * alone with a message saying so.
 */
export class EditorActions implements vscode.Disposable {
  /** The text editor the user worked in last, for when the chat itself (an editor tab) has focus. */
  private lastActive: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly ui: () => Ui,
    private readonly review: ReviewServices & { session: ChatSession },
  ) {
    this.subscription = vscode.window.onDidChangeActiveTextEditor((e) => {
      if (e) this.lastActive = e;
    });
  }

  /**
   * The active text editor. When the chat is open in an editor tab and has focus, VS Code reports
   * no active text editor: then the one the user worked in last counts, if it is still on screen.
   * Never some other visible editor the user did not pick.
   */
  activeEditor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active) return active;
    const last = this.lastActive;
    return last && vscode.window.visibleTextEditors.includes(last) ? last : undefined;
  }

  /**
   * Inserts a code block at the cursor of the active editor, opens it in a new untitled file, or
   * (Apply) proposes it in place of code, as a diff first.
   */
  async insertCode(
    code: string,
    fenceLabel: string,
    target: InsertTarget,
    /** The conversation the block comes from (Apply looks up the range its answer was asked about). */
    session: ChatSession = this.review.session,
    /** Which answer and block the button belongs to, as the webview said. */
    origin: BlockOrigin = {},
  ): Promise<CodeInsertOutcome> {
    if (target === 'apply') {
      return applyFromPanel({ ...this.review, session, ui: this.ui() }, code, this.activeEditor(), origin);
    }
    if (target === 'newFile') {
      const language = await this.languageId(fenceLabel);
      const doc = await vscode.workspace.openTextDocument({ content: code, language });
      await vscode.window.showTextDocument(doc);
      return 'newFile';
    }
    const editor = this.activeEditor();
    if (!editor) {
      void this.ui().info(vscode.l10n.t('Open an editor to insert the code at its cursor.'));
      return 'noEditor';
    }
    // At the cursor: the primary selection's active end. Other cursors and selected text stay as they are.
    const at = editor.selection.active;
    return insertOrOfferCopy(editor.document, new vscode.Range(at, at), code, 'cursor', this.ui(), this.review.reviews);
  }

  /** The language id for a fence label, if VS Code knows it (else the new file is plain text). */
  private async languageId(fenceLabel: string): Promise<string | undefined> {
    if (!fenceLabel.trim()) return undefined;
    const known = await vscode.languages.getLanguages();
    const tag = fenceLabel.trim().toLowerCase();
    const id = known.includes(tag) ? tag : languageIdForFence(tag);
    return known.includes(id) ? id : undefined;
  }

  /** Copies text to the clipboard. */
  async copy(text: string): Promise<void> {
    await vscode.env.clipboard.writeText(text);
  }

  /** Opens http(s) links only; anything else (command:, file:, javascript:) is refused. */
  async openLink(href: string): Promise<void> {
    let uri: vscode.Uri;
    try {
      uri = vscode.Uri.parse(href, true);
    } catch {
      return;
    }
    if (uri.scheme !== 'http' && uri.scheme !== 'https') return;
    await vscode.env.openExternal(uri);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
