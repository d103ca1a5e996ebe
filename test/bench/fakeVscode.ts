/**
 * Just enough of the `vscode` API for an extension's `activate()` to run in plain Node, so the
 * activation benchmark measures the bundle's own load and activation cost, the same way for
 * Rill and for the hello-world reference.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const disposable = { dispose() {} };
const event = () => disposable;

class Uri {
  constructor(
    readonly scheme: string,
    readonly fsPath: string,
  ) {}
  get path(): string {
    return this.fsPath;
  }
  static file(p: string): Uri {
    return new Uri('file', p);
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri(base.scheme, path.join(base.fsPath, ...parts));
  }
  static parse(s: string): Uri {
    return new Uri(s.split(':')[0], s);
  }
  toString(): string {
    return `${this.scheme}://${this.fsPath}`;
  }
}

class EventEmitter {
  event = event;
  fire() {}
  dispose() {}
}

function memento() {
  const m = new Map<string, unknown>();
  return {
    get: (k: string, d?: unknown) => (m.has(k) ? m.get(k) : d),
    update: async (k: string, v: unknown) => void m.set(k, v),
    keys: () => [...m.keys()],
    setKeysForSync() {},
  };
}

const configuration = {
  get: (_k: string, d?: unknown) => d,
  has: () => false,
  inspect: () => undefined,
  update: async () => {},
};

/** Webview view providers registered so far, by view id: the first-use benchmark resolves them. */
export const viewProviders = new Map<
  string,
  { resolveWebviewView(view: unknown, context: unknown, token: unknown): unknown }
>();

/** A webview view as VS Code passes it to `resolveWebviewView` when the view is first shown. */
export function fakeWebviewView() {
  return {
    viewType: '',
    visible: true,
    title: undefined as string | undefined,
    webview: {
      options: {},
      html: '',
      cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
      asWebviewUri: (u: Uri) => new Uri('https', u.fsPath),
      onDidReceiveMessage: event,
      postMessage: async () => true,
    },
    onDidChangeVisibility: event,
    onDidDispose: event,
    show() {},
  };
}

/** The fake module. */
export const fakeVscode = {
  version: '1.100.3',
  Uri,
  EventEmitter,
  Disposable: class {
    static from() {
      return disposable;
    }
    dispose() {}
  },
  ViewColumn: { One: 1, Two: 2, Beside: -2, Active: -1 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  ThemeColor: class {
    constructor(readonly id: string) {}
  },
  ThemeIcon: class {
    constructor(readonly id: string) {}
  },
  Range: class {},
  Position: class {},
  Selection: class {},
  WorkspaceEdit: class {},
  l10n: {
    t: (s: string | { message: string }) => (typeof s === 'string' ? s : s.message),
    bundle: undefined,
    uri: undefined,
  },
  env: {
    language: 'en',
    clipboard: { writeText: async () => {} },
    openExternal: async () => true,
    uriScheme: 'vscode',
    appName: 'Fake',
  },
  commands: { registerCommand: () => disposable, executeCommand: async () => undefined, getCommands: async () => [] },
  window: {
    registerWebviewViewProvider: (
      id: string,
      provider: { resolveWebviewView(view: unknown, context: unknown, token: unknown): unknown },
    ) => {
      viewProviders.set(id, provider);
      return disposable;
    },
    registerWebviewPanelSerializer: () => disposable,
    createStatusBarItem: () => ({ show() {}, hide() {}, dispose() {}, text: '', tooltip: '', command: undefined }),
    createOutputChannel: () => ({
      appendLine() {},
      append() {},
      show() {},
      dispose() {},
      info() {},
      warn() {},
      error() {},
      debug() {},
      trace() {},
    }),
    showInformationMessage: async () => undefined,
    showWarningMessage: async () => undefined,
    showErrorMessage: async () => undefined,
    onDidChangeActiveTextEditor: event,
    onDidChangeTextEditorSelection: event,
    tabGroups: {
      all: [],
      activeTabGroup: { tabs: [], activeTab: undefined },
      onDidChangeTabs: event,
      onDidChangeTabGroups: event,
    },
    activeTextEditor: undefined,
    visibleTextEditors: [],
  },
  workspace: {
    getConfiguration: () => configuration,
    onDidChangeConfiguration: event,
    onDidChangeTextDocument: event,
    onDidCloseTextDocument: event,
    registerTextDocumentContentProvider: () => disposable,
    createFileSystemWatcher: () => ({ onDidCreate: event, onDidChange: event, onDidDelete: event, dispose() {} }),
    onDidChangeWorkspaceFolders: event,
    isTrusted: true,
    onDidGrantWorkspaceTrust: event,
    workspaceFolders: undefined,
    fs: {},
  },
  extensions: { getExtension: () => undefined, all: [] },
  languages: { registerCodeLensProvider: () => disposable },
};

/** A fake ExtensionContext rooted at `extensionPath`, with storage in a temporary folder. */
export function fakeContext(extensionPath: string) {
  const storage = path.join(os.tmpdir(), `rill-bench-storage-${process.pid}`);
  return {
    subscriptions: [] as { dispose(): void }[],
    extensionUri: Uri.file(extensionPath),
    extensionPath,
    extension: {
      packageJSON: fs.existsSync(path.join(extensionPath, 'package.json'))
        ? JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8'))
        : {},
    },
    globalStorageUri: Uri.file(storage),
    storageUri: Uri.file(storage),
    logUri: Uri.file(storage),
    globalState: memento(),
    workspaceState: memento(),
    secrets: { get: async () => undefined, store: async () => {}, delete: async () => {}, onDidChange: event },
    extensionMode: 1,
    environmentVariableCollection: {},
    asAbsolutePath: (p: string) => path.join(extensionPath, p),
  };
}
