/**
 * The editable right side of a change-set review: an in-memory file system whose files hold each
 * proposed file's text. Being a file system (not a read-only content provider), its documents
 * take typing and the diff editor's own "revert block" arrows; Accept reads the document as it
 * is at that moment. Saving one writes here, never to the workspace.
 */
import * as vscode from 'vscode';

/**
 * The URI scheme of proposals: `rill-changes://<answer id><the file's own path>`. The path is the
 * file's, so VS Code's multi-file diff sees the same file on both sides (not a rename).
 */
export const CHANGES_SCHEME = 'rill-changes';

interface Entry {
  data: Uint8Array;
  ctime: number;
  mtime: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A proposal's key: its answer (the authority) and the file's path. */
function keyOf(uri: vscode.Uri): string {
  return `/${uri.authority}${uri.path}`;
}

/** In-memory files under {@link CHANGES_SCHEME}; folders exist implicitly above files. */
export class ProposalFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly files = new Map<string, Entry>();
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  private readonly registration = vscode.workspace.registerFileSystemProvider(CHANGES_SCHEME, this, {
    isCaseSensitive: true,
  });

  /** Puts `text` as the proposal at `uri` (created or replaced). */
  set(uri: vscode.Uri, text: string): void {
    const had = this.files.get(keyOf(uri));
    const now = Date.now();
    this.files.set(keyOf(uri), {
      data: encoder.encode(text),
      ctime: had?.ctime ?? now,
      mtime: Math.max(now, (had?.mtime ?? 0) + 1),
    });
    this.emitter.fire([{ type: had ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
  }

  /** The stored text at `uri` (what was last set or saved), or undefined. */
  text(uri: vscode.Uri): string | undefined {
    const e = this.files.get(keyOf(uri));
    return e && decoder.decode(e.data);
  }

  remove(uri: vscode.Uri): void {
    if (this.files.delete(keyOf(uri))) this.emitter.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const e = this.files.get(keyOf(uri));
    if (e) return { type: vscode.FileType.File, ctime: e.ctime, mtime: e.mtime, size: e.data.byteLength };
    const key = keyOf(uri);
    const prefix = key.endsWith('/') ? key : `${key}/`;
    if (key === '/' || [...this.files.keys()].some((k) => k.startsWith(prefix)))
      return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    const key = keyOf(uri);
    const prefix = key.endsWith('/') ? key : `${key}/`;
    const out = new Map<string, vscode.FileType>();
    for (const k of this.files.keys()) {
      if (!k.startsWith(prefix)) continue;
      const [name, ...rest] = k.slice(prefix.length).split('/');
      if (name) out.set(name, rest.length ? vscode.FileType.Directory : vscode.FileType.File);
    }
    return [...out];
  }

  createDirectory(): void {}

  readFile(uri: vscode.Uri): Uint8Array {
    const e = this.files.get(keyOf(uri));
    if (!e) throw vscode.FileSystemError.FileNotFound(uri);
    return e.data;
  }

  /** A save of the proposal's document (the user's, or the review's before closing it). */
  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    if (!this.files.has(keyOf(uri))) throw vscode.FileSystemError.NoPermissions(uri);
    this.set(uri, decoder.decode(content));
  }

  delete(uri: vscode.Uri): void {
    this.remove(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  dispose(): void {
    this.registration.dispose();
    this.emitter.dispose();
    this.files.clear();
  }
}
