/**
 * The context a question carries from the editor: the active file and selection, and what the user
 * adds; read from the editor's buffers when the question is sent.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Attachment } from '../../core/context';
import { decideFile, type FilePurpose } from '../../core/files';
import type { ContextChip } from '../../shared/protocol';
import type { Ui } from '../ui';
import { lineRange, selectionLabels, workspacePath } from './fileNames';
import { checkFile, confirmSend, type FileCheck, heldText } from './filePolicy';

/** What a pending chip stands for, read when the question is sent (so unsaved edits go along). */
type Source =
  | { kind: 'document'; uri: vscode.Uri; range?: vscode.Range }
  | { kind: 'problems'; uri?: vscode.Uri }
  | { kind: 'terminal'; text: string; label: string };

interface Pending {
  chip: ContextChip;
  source: Source;
  /** The user confirmed sending this secret-looking file (when it was picked or added on purpose). */
  confirmed?: boolean;
}

/**
 * The editor context of the next question: the active editor's file (or its selection) by default,
 * plus what the user adds from the "add context" picker or a `#` mention. Text is read from the
 * editor's buffer when the question is sent, so unsaved edits are included.
 */
export class EditorContext implements vscode.Disposable {
  private lastEditor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  /** The default chip was removed for this question. */
  private activeRemoved = false;
  /** The policy's verdict on the active editor's file (or selection), for the chip; `key` says for which. */
  private activeCheck: { key: string; check: FileCheck } | undefined;
  /** The active editor's document the user added on purpose although it was held back (its URI). */
  private forced: string | undefined;
  private checking: ReturnType<typeof setTimeout> | undefined;
  private added: Pending[] = [];
  private counter = 0;
  private readonly changed = new vscode.EventEmitter<{ mention: boolean }>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Fires when the chips changed. */
  readonly onDidChange = this.changed.event;

  /** @param ui the prompts (the confirmation before a secret-looking file is sent), swappable by tests */
  constructor(private readonly ui: () => Ui) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((e) => {
        // Focus moving to the chat view leaves no active editor: keep the last one.
        if (e && e.document.uri.scheme !== 'output') {
          this.lastEditor = e;
          this.activeRemoved = false;
          if (this.forced !== e.document.uri.toString()) this.forced = undefined;
          this.changed.fire({ mention: false });
          this.recheckActive(0);
        }
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor !== this.lastEditor) return;
        this.changed.fire({ mention: false });
        this.recheckActive(150);
      }),
      // A key pasted into the open file holds its chip back as soon as the typing pauses.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === this.lastEditor?.document) this.recheckActive(300);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('rill.context.attachActiveEditor')) this.changed.fire({ mention: false });
        if (e.affectsConfiguration('files.exclude') || e.affectsConfiguration('search.exclude')) this.recheckActive(0);
      }),
    );
    this.recheckActive(0);
  }

  /** What the active chip's verdict was computed for: the document, its version and the selection. */
  private activeKey(): string | undefined {
    const editor = this.lastEditor;
    if (!editor) return undefined;
    const sel = editor.selection;
    const range = sel.isEmpty ? '' : `${sel.start.line}:${sel.start.character}-${sel.end.line}:${sel.end.character}`;
    return `${editor.document.uri.toString()}#${editor.document.version}#${range}`;
  }

  /** Runs the file policy on the active editor again after `delay` ms (coalesced), then updates the chip. */
  private recheckActive(delay: number): void {
    clearTimeout(this.checking);
    this.checking = setTimeout(() => {
      const editor = this.lastEditor;
      const key = this.activeKey();
      if (!editor || !key || editor.document.isClosed) return;
      const range = editor.selection.isEmpty
        ? undefined
        : new vscode.Range(editor.selection.start, editor.selection.end);
      void checkFile(editor.document.uri, this.activePurpose(editor.document), {
        document: editor.document,
        range,
        activeEditor: true,
      }).then((check) => {
        if (this.activeKey() !== key) return;
        const before = this.activeCheck?.check;
        this.activeCheck = { key, check };
        if (heldText(check.decision) !== (before && heldText(before.decision)) || check.cutFrom !== before?.cutFrom)
          this.changed.fire({ mention: false });
      });
    }, delay);
  }

  /** 'pick' once the user added the active file on purpose, else 'auto'. */
  private activePurpose(doc: vscode.TextDocument): FilePurpose {
    return this.forced === doc.uri.toString() ? 'pick' : 'auto';
  }

  /**
   * The held-back text and the cut note of the active chip: the last check when it is current, else
   * what the path alone says (the name rules, a workspace folder or not) until the check comes back.
   */
  private activeVerdict(doc: vscode.TextDocument): { held?: string; note?: string } {
    const key = this.activeKey();
    const check = this.activeCheck?.key === key ? this.activeCheck?.check : undefined;
    if (check) return { held: heldText(check.decision), note: cutNote(check) };
    const inside = doc.uri.scheme === 'untitled' || !!vscode.workspace.getWorkspaceFolder(doc.uri);
    const guess = decideFile(
      { path: workspacePath(doc.uri), insideWorkspace: inside, activeEditor: true },
      this.activePurpose(doc),
    );
    return { held: heldText(guess) };
  }

  /** The active editor's chip, unless turned off, removed or not a document; held back (muted) when the policy says so. */
  private activePending(): Pending | undefined {
    const editor = this.lastEditor;
    if (this.activeRemoved || !editor || editor.document.isClosed) return undefined;
    if (!vscode.workspace.getConfiguration('rill').get<boolean>('context.attachActiveEditor', true)) return undefined;
    const doc = editor.document;
    if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled' && doc.uri.scheme !== 'vscode-remote')
      return undefined;
    const verdict = this.activeVerdict(doc);
    const extra = {
      ...(verdict.held ? { held: verdict.held } : {}),
      ...(verdict.note ? { note: verdict.note } : {}),
    };
    const sel = editor.selection;
    const name = path.basename(doc.fileName);
    if (!sel.isEmpty) {
      return {
        chip: { id: 'active', kind: 'selection', ...selectionLabels(doc, sel), ...extra },
        source: { kind: 'document', uri: doc.uri, range: new vscode.Range(sel.start, sel.end) },
        confirmed: this.forced === doc.uri.toString(),
      };
    }
    return {
      chip: { id: 'active', kind: 'file', label: name, detail: workspacePath(doc.uri), ...extra },
      source: { kind: 'document', uri: doc.uri },
      confirmed: this.forced === doc.uri.toString(),
    };
  }

  private pending(): Pending[] {
    const active = this.activePending();
    const same = (p: Pending) =>
      p.source.kind === 'document' && active?.source.kind === 'document' && p.chip.detail === active.chip.detail;
    // The user picked the active file on purpose: the pick stands (it may be a confirmed held file).
    if (active?.chip.held && this.added.some(same)) return this.added;
    const added = this.added.filter((p) => !same(p));
    return active ? [active, ...added] : added;
  }

  /** The chips to show above the message box. */
  chips(): ContextChip[] {
    return this.pending().map((p) => p.chip);
  }

  /** Leaves a chip out of the next question. */
  remove(id: string): void {
    if (id === 'active') this.activeRemoved = true;
    else this.added = this.added.filter((p) => p.chip.id !== id);
    this.changed.fire({ mention: false });
  }

  /**
   * Adds a pick of the user's. `confirmed` when the user already agreed to send a secret-looking file
   * (the `#` list asks before adding one).
   */
  add(source: Source, chip: Omit<ContextChip, 'id'>, mention: boolean, confirmed = false): void {
    this.added.push({ chip: { ...chip, id: `c${++this.counter}` }, source, confirmed });
    this.changed.fire({ mention });
  }

  /**
   * Adds a held-back chip on purpose (its "Add" button): the file is checked as the user's pick, a
   * secret-looking one only after the user confirms in a modal. Resolves whether it is now included.
   */
  async include(id: string): Promise<boolean> {
    const p = this.pending().find((x) => x.chip.id === id);
    if (p?.source.kind !== 'document' || !p.chip.held) return false;
    const doc = this.lastEditor?.document;
    const check = await checkFile(p.source.uri, 'pick', {
      document: id === 'active' ? doc : undefined,
      range: p.source.range,
    });
    if (check.decision.ok === false) {
      this.refuse(check);
      return false;
    }
    if (check.decision.ok === 'confirm' && !(await this.confirm(check))) return false;
    if (id === 'active' && doc) {
      this.forced = doc.uri.toString();
      this.activeCheck = undefined;
      this.recheckActive(0);
    } else {
      p.confirmed = true;
      p.chip = { ...p.chip, held: undefined };
    }
    this.changed.fire({ mention: false });
    return true;
  }

  /** Asks the user whether to send a secret-looking file they chose; true to send. */
  confirm(check: FileCheck): Promise<boolean> {
    return confirmSend(this.ui(), check);
  }

  /** Tells the user why a file they chose cannot be sent at all (not text, unreadable, too large). */
  refuse(check: FileCheck): void {
    void this.ui().info(vscode.l10n.t('{0} cannot be sent: {1}', check.path, heldText(check.decision) ?? ''));
  }

  /**
   * What a `/` command's placeholders read: the selection (or '' without one), the workspace-relative
   * path and the language of the editor the default chip stands for. All empty when there is no such
   * chip (removed, turned off) or the file policy holds it back, so a template never reads more than
   * the chip would have sent.
   */
  async activeValues(): Promise<{ selection: string; file: string; language: string }> {
    const none = { selection: '', file: '', language: '' };
    const p = this.activePending();
    const doc = this.lastEditor?.document;
    if (p?.source.kind !== 'document' || !doc) return none;
    const check = await checkFile(doc.uri, this.activePurpose(doc), {
      document: doc,
      range: p.source.range,
      activeEditor: true,
    });
    if (check.decision.ok === false || (check.decision.ok === 'confirm' && !p.confirmed)) return none;
    return {
      selection: p.source.range ? (check.text ?? '') : '',
      file: workspacePath(doc.uri),
      language: doc.languageId,
    };
  }

  /**
   * The attachments of the question being sent, read now from the editors' buffers and each checked
   * by the file policy on what is sent (a held file goes not at all, a secret-looking pick only
   * confirmed); then the chips reset (added ones go, the active editor's comes back). `withoutActive`
   * leaves the active editor's chip out (a `/` command's template already placed its selection in the text).
   */
  async take(options: { withoutActive?: boolean } = {}): Promise<Attachment[]> {
    const pending = options.withoutActive ? this.pending().filter((p) => p.chip.id !== 'active') : this.pending();
    const activeDoc = this.lastEditor?.document;
    this.added = [];
    this.activeRemoved = false;
    this.changed.fire({ mention: false });
    const out: Attachment[] = [];
    for (const p of pending) {
      const a = await this.read(p, p.chip.id === 'active' ? activeDoc : undefined);
      if (a) out.push(a);
    }
    return out;
  }

  /** The attachment for the current selection of the last editor, for Ask About Selection. */
  static selectionAttachment(doc: vscode.TextDocument, range: vscode.Range): Attachment {
    const r = lineRange(range);
    return {
      kind: 'selection',
      label: selectionLabels(doc, range).label,
      path: workspacePath(doc.uri),
      uri: doc.uri.toString(),
      language: doc.languageId,
      range: r,
      text: doc.getText(range),
    };
  }

  /** One pending chip as an attachment, or undefined when the file policy holds it back now. */
  private async read(p: Pending, activeDoc: vscode.TextDocument | undefined): Promise<Attachment | undefined> {
    const s = p.source;
    if (s.kind === 'terminal') return { kind: 'terminal', label: s.label, path: s.label, text: s.text };
    if (s.kind === 'problems')
      return { kind: 'problems', label: p.chip.label, path: p.chip.detail, text: problemsText(s.uri) };
    let doc: vscode.TextDocument;
    try {
      doc = activeDoc ?? (await vscode.workspace.openTextDocument(s.uri));
    } catch {
      return undefined;
    }
    const purpose: FilePurpose = activeDoc && !p.confirmed ? 'auto' : 'pick';
    const check = await checkFile(s.uri, purpose, { document: doc, range: s.range, activeEditor: !!activeDoc });
    if (check.decision.ok === false || check.text === undefined) return undefined;
    // A pick that turned secret-looking since it was added (or was never confirmed) asks now.
    if (check.decision.ok === 'confirm' && !p.confirmed && !(await this.confirm(check))) return undefined;
    const cut = check.cutLines;
    if (s.range)
      return { ...EditorContext.selectionAttachment(doc, s.range), text: check.text, ...(cut ? { cut } : {}) };
    return {
      kind: 'file',
      label: path.basename(doc.fileName),
      path: workspacePath(doc.uri),
      uri: doc.uri.toString(),
      language: doc.languageId,
      text: check.text,
      ...(cut ? { cut } : {}),
    };
  }

  dispose(): void {
    clearTimeout(this.checking);
    for (const d of this.disposables) d.dispose();
  }
}

/** The chip's note for a text cut to the read cap, with the size of the whole. */
function cutNote(check: FileCheck): string | undefined {
  if (check.cutFrom === undefined || check.text === undefined) return undefined;
  return vscode.l10n.t('cut to the first {0} of {1} characters', check.text.length, check.cutFrom);
}

/** Opens an attachment's file at its lines (only files of the editor: other context has nothing to open). */
export async function openAttachment(a: Attachment): Promise<void> {
  if (!a.uri) return;
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(a.uri, true);
  } catch {
    return;
  }
  if (uri.scheme !== 'file' && uri.scheme !== 'untitled' && uri.scheme !== 'vscode-remote') return;
  const selection = a.range ? new vscode.Range(a.range.start - 1, 0, a.range.end - 1, 0) : undefined;
  await vscode.window.showTextDocument(uri, { selection, preview: true });
}

/** Diagnostics as text: of one file, or of the whole workspace. */
function problemsText(uri?: vscode.Uri): string {
  const entries: [vscode.Uri, readonly vscode.Diagnostic[]][] = uri
    ? [[uri, vscode.languages.getDiagnostics(uri)]]
    : vscode.languages.getDiagnostics();
  const severity = ['error', 'warning', 'info', 'hint'];
  const lines: string[] = [];
  for (const [u, diags] of entries) {
    for (const d of diags) {
      lines.push(
        `${workspacePath(u)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${severity[d.severity]}: ${d.message}`,
      );
    }
  }
  return lines.length ? lines.join('\n') : 'No problems.';
}
