/**
 * The context a question carries from the editor: the active file and selection, and what the user
 * adds; read from the editor's buffers when the question is sent.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Attachment } from '../../core/context';
import type { ContextChip } from '../../shared/protocol';

/** Files that look like secrets: never attached by default, only when picked by name. */
const SECRET_NAME =
  /^(\.env(\..*)?|.*\.(pem|key|p12|pfx|jks|keystore|asc|gpg)|id_(rsa|dsa|ecdsa|ed25519)(\.pub)?|\.npmrc|\.pypirc|\.netrc|credentials(\.json)?|secrets?\.(json|ya?ml|toml))$/i;

/** Whether a file name looks like it holds secrets (keys, `.env` files, credentials). */
export function looksSecret(fileName: string): boolean {
  return SECRET_NAME.test(path.basename(fileName));
}

/** What a pending chip stands for, read when the question is sent (so unsaved edits go along). */
type Source =
  | { kind: 'document'; uri: vscode.Uri; range?: vscode.Range }
  | { kind: 'problems'; uri?: vscode.Uri }
  | { kind: 'terminal'; text: string; label: string };

interface Pending {
  chip: ContextChip;
  source: Source;
}

/** Workspace-relative path of a URI, or its path when outside the workspace. */
function relative(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

/** 1-based inclusive line range of a selection (a selection ending at column 0 leaves that line out). */
function lineRange(range: vscode.Range): { start: number; end: number } {
  const endLine = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  return { start: range.start.line + 1, end: endLine + 1 };
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
  private added: Pending[] = [];
  private counter = 0;
  private readonly changed = new vscode.EventEmitter<{ mention: boolean }>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Fires when the chips changed. */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((e) => {
        // Focus moving to the chat view leaves no active editor: keep the last one.
        if (e && e.document.uri.scheme !== 'output') {
          this.lastEditor = e;
          this.activeRemoved = false;
          this.changed.fire({ mention: false });
        }
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === this.lastEditor) this.changed.fire({ mention: false });
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('rill.context.attachActiveEditor')) this.changed.fire({ mention: false });
      }),
    );
  }

  /** The active editor's chip, unless turned off, removed, secret-looking or not a file. */
  private activePending(): Pending | undefined {
    const editor = this.lastEditor;
    if (this.activeRemoved || !editor || editor.document.isClosed) return undefined;
    if (!vscode.workspace.getConfiguration('rill').get<boolean>('context.attachActiveEditor', true)) return undefined;
    const doc = editor.document;
    if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled' && doc.uri.scheme !== 'vscode-remote')
      return undefined;
    if (looksSecret(doc.fileName)) return undefined;
    // Only files of the workspace go by default; anything else only when picked.
    if (doc.uri.scheme !== 'untitled' && !vscode.workspace.getWorkspaceFolder(doc.uri)) return undefined;
    const sel = editor.selection;
    const name = path.basename(doc.fileName);
    if (!sel.isEmpty) {
      const r = lineRange(sel);
      return {
        chip: {
          id: 'active',
          kind: 'selection',
          label: `${name}:${r.start}-${r.end}`,
          detail: `${relative(doc.uri)}:${r.start}-${r.end}`,
        },
        source: { kind: 'document', uri: doc.uri, range: new vscode.Range(sel.start, sel.end) },
      };
    }
    return {
      chip: { id: 'active', kind: 'file', label: name, detail: relative(doc.uri) },
      source: { kind: 'document', uri: doc.uri },
    };
  }

  private pending(): Pending[] {
    const active = this.activePending();
    const added = this.added.filter(
      (p) =>
        !(
          active &&
          p.source.kind === 'document' &&
          active.source.kind === 'document' &&
          p.chip.detail === active.chip.detail
        ),
    );
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

  /** Adds a pick of the user's (secret-looking files included: picking one is the explicit choice). */
  add(source: Source, chip: Omit<ContextChip, 'id'>, mention: boolean): void {
    this.added.push({ chip: { ...chip, id: `c${++this.counter}` }, source });
    this.changed.fire({ mention });
  }

  /**
   * What a `/` command's placeholders read: the selection (or '' without one), the workspace-relative
   * path and the language of the editor the default chip stands for. All empty when there is no such
   * chip (removed, turned off, a secret-looking file), so a template never reads more than the
   * chip would have sent.
   */
  activeValues(): { selection: string; file: string; language: string } {
    const p = this.activePending();
    const doc = this.lastEditor?.document;
    if (p?.source.kind !== 'document' || !doc) return { selection: '', file: '', language: '' };
    return {
      selection: p.source.range ? doc.getText(p.source.range) : '',
      file: relative(doc.uri),
      language: doc.languageId,
    };
  }

  /**
   * The attachments of the question being sent, read now from the editors' buffers; then the
   * chips reset (added ones go, the active editor's comes back). `withoutActive` leaves the active
   * editor's chip out (a `/` command's template already placed its selection in the text).
   */
  async take(options: { withoutActive?: boolean } = {}): Promise<Attachment[]> {
    const pending = options.withoutActive ? this.pending().filter((p) => p.chip.id !== 'active') : this.pending();
    this.added = [];
    this.activeRemoved = false;
    this.changed.fire({ mention: false });
    const out: Attachment[] = [];
    for (const p of pending) {
      const a = await this.read(p);
      if (a) out.push(a);
    }
    return out;
  }

  /** The attachment for the current selection of the last editor, for Ask About Selection. */
  static selectionAttachment(doc: vscode.TextDocument, range: vscode.Range): Attachment {
    const r = lineRange(range);
    return {
      kind: 'selection',
      label: `${path.basename(doc.fileName)}:${r.start}-${r.end}`,
      path: relative(doc.uri),
      uri: doc.uri.toString(),
      language: doc.languageId,
      range: r,
      text: doc.getText(range),
    };
  }

  private async read(p: Pending): Promise<Attachment | undefined> {
    const s = p.source;
    if (s.kind === 'terminal') return { kind: 'terminal', label: s.label, path: s.label, text: s.text };
    if (s.kind === 'problems')
      return { kind: 'problems', label: p.chip.label, path: p.chip.detail, text: problemsText(s.uri) };
    let doc: vscode.TextDocument;
    try {
      doc = await vscode.workspace.openTextDocument(s.uri);
    } catch {
      return undefined;
    }
    if (s.range) return EditorContext.selectionAttachment(doc, s.range);
    return {
      kind: 'file',
      label: path.basename(doc.fileName),
      path: relative(doc.uri),
      uri: doc.uri.toString(),
      language: doc.languageId,
      text: doc.getText(),
    };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
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
        `${relative(u)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${severity[d.severity]}: ${d.message}`,
      );
    }
  }
  return lines.length ? lines.join('\n') : 'No problems.';
}
