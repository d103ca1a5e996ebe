/**
 * Shared by the integration tests: the running Rill's services, a scripted stand-in for the
 * prompts (everything else stays real: editors, edits, undo, secrets, settings, the chat panel),
 * settings and document helpers.
 */
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { RillApi } from '../../src/extension';
import type { Services } from '../../src/host/services';
import type { FreeTextPick, PickItem, Ui } from '../../src/host/ui';
import { MockServer } from '../helpers/mockServer';

/** The running extension's services (activating it and building Rill if needed). */
export async function services(): Promise<Services> {
  const ext = vscode.extensions.all.find((e) => e.packageJSON.name === 'rill');
  assert.ok(ext, 'Rill is loaded');
  const api = (await ext.activate()) as RillApi;
  return api.rill().services;
}

/** One prompt or message shown through the UI port. */
export interface UiCall {
  kind: 'pickOrType' | 'pick' | 'input' | 'warn' | 'info' | 'error' | 'progress';
  message: string;
  /** Buttons of a message, or the labels of a pick list. */
  options: string[];
  modal?: boolean;
  /** For `pickOrType`: the error the list was loaded with. */
  error?: string;
}

type Kind = Exclude<UiCall['kind'], 'progress'>;
/** An answer: a value (a button or item label, typed text), or a function of the call giving one. */
export type Answer =
  | string
  | undefined
  | ((call: UiCall, pick?: FreeTextPick) => string | undefined | Promise<string | undefined>);

/**
 * Answers prompts from per-kind queues and records every call. A prompt with no queued answer is
 * dismissed (resolves undefined), as when the user presses Escape.
 */
export class ScriptedUi implements Ui {
  readonly calls: UiCall[] = [];
  /** Reports made to progress notifications. */
  readonly reports: string[] = [];
  private readonly queues = new Map<Kind, Answer[]>();
  private cancelSource: vscode.CancellationTokenSource | undefined;

  /** Queues answers for the next prompts of `kind`. */
  answer(kind: Kind, ...answers: Answer[]): this {
    this.queues.set(kind, [...(this.queues.get(kind) ?? []), ...answers]);
    return this;
  }

  /** Calls of a kind, oldest first. */
  of(kind: UiCall['kind']): UiCall[] {
    return this.calls.filter((c) => c.kind === kind);
  }

  /** Presses Cancel on the progress notification shown now. */
  cancelProgress(): void {
    assert.ok(this.cancelSource, 'a progress notification is shown');
    this.cancelSource.cancel();
  }

  private async reply(call: UiCall, pick?: FreeTextPick): Promise<string | undefined> {
    this.calls.push(call);
    const a = this.queues.get(call.kind as Kind)?.shift();
    return typeof a === 'function' ? a(call, pick) : a;
  }

  async pickOrType(p: FreeTextPick): Promise<string | undefined> {
    const loaded = await p.load(false);
    return this.reply(
      { kind: 'pickOrType', message: p.title, options: loaded.items.map((i) => i.label), error: loaded.error },
      p,
    );
  }

  async pick<T extends PickItem>(items: T[], options: { title: string }): Promise<T | undefined> {
    const chosen = await this.reply({ kind: 'pick', message: options.title, options: items.map((i) => i.label) });
    return chosen === undefined ? undefined : items.find((i) => i.label.includes(chosen));
  }

  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    const v = await this.reply({
      kind: 'input',
      message: `${options.title ?? ''} ${options.prompt ?? ''}`.trim(),
      options: [],
    });
    if (v !== undefined && options.validateInput) {
      const problem = await options.validateInput(v);
      assert.ok(!problem, `the input box refused "${v}": ${JSON.stringify(problem)}`);
    }
    return v;
  }

  warn(message: string, options: { modal?: boolean; detail?: string }, ...actions: string[]) {
    return this.reply({ kind: 'warn', message, options: actions, modal: options.modal });
  }

  info(message: string, ...actions: string[]) {
    return this.reply({ kind: 'info', message, options: actions });
  }

  error(message: string, ...actions: string[]) {
    return this.reply({ kind: 'error', message, options: actions });
  }

  async progress<T>(
    title: string,
    task: (report: (m: string) => void, token: vscode.CancellationToken) => Promise<T>,
  ): Promise<T> {
    this.calls.push({ kind: 'progress', message: title, options: [] });
    const source = new vscode.CancellationTokenSource();
    this.cancelSource = source;
    try {
      return await task((m) => this.reports.push(m), source.token);
    } finally {
      this.cancelSource = undefined;
      source.dispose();
    }
  }
}

/** Puts a fresh scripted UI in place and returns it. */
export async function scriptUi(): Promise<ScriptedUi> {
  const ui = new ScriptedUi();
  (await services()).ui = ui;
  return ui;
}

/** Every setting the tests change, reset to its default after each test file. */
const RILL_SETTINGS = [
  'profiles',
  'activeProfile',
  'baseUrl',
  'model',
  'systemPrompt',
  'temperature',
  'maxTokens',
  'requestTimeoutSeconds',
  'idleTimeoutSeconds',
  'reportUsage',
  'insert.mode',
  'context.attachActiveEditor',
  'insert.review',
  'prompts',
  'autoRunCommands',
];

/** Sets user settings (`rill.` keys without the prefix), waiting until they read back. */
export async function configure(values: Record<string, unknown>): Promise<void> {
  const c = vscode.workspace.getConfiguration('rill');
  for (const [k, v] of Object.entries(values)) await c.update(k, v, vscode.ConfigurationTarget.Global);
}

/** Resets every Rill setting the tests use, and forgets stored keys for the given profiles. */
export async function resetRill(profiles: string[] = []): Promise<void> {
  const s = await services();
  await s.session.stop();
  await configure(Object.fromEntries(RILL_SETTINGS.map((k) => [k, undefined])));
  for (const p of ['Default', ...profiles]) await s.keys.clear(p);
  s.models.invalidate();
  s.ui = new ScriptedUi();
  await s.controller.newChat();
}

/** Polls until `check` is true, failing after `ms`. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Files of one folder of the workspace, by name: their uri, their text on disk, whether they exist. */
export function folderFiles(dir: string) {
  const file = (name: string) => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, dir, name);
  return {
    file,
    read: async (name: string) => new TextDecoder().decode(await vscode.workspace.fs.readFile(file(name))),
    exists: (name: string) =>
      vscode.workspace.fs.stat(file(name)).then(
        () => true,
        () => false,
      ),
  };
}

/**
 * Writes each file's text through the file system and waits until a document of it left open by an
 * earlier test (reverted when dirty) reads it again, as the tools and the reviews read open documents.
 */
export async function writeFresh(files: readonly (readonly [vscode.Uri, string])[]): Promise<void> {
  for (const [uri, text] of files) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  for (const [uri, text] of files) {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!doc) continue;
    if (doc.isDirty) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await waitFor(() => doc.getText() === text, `${uri.path} to be read again`);
  }
}

/**
 * Runs `undo` in `doc`'s editor, as a user pressing Ctrl+Z there. `undo` acts on the focused part
 * of the workbench, and the focus can come back from a webview later than `showTextDocument`
 * returns: while the document has not changed, the editor is focused and `undo` run again, at most
 * three times (an undo that went elsewhere changed nothing, so no step is undone twice).
 */
export async function undoIn(doc: vscode.TextDocument): Promise<void> {
  const before = doc.getText();
  await vscode.window.showTextDocument(doc);
  for (let i = 0; i < 3 && doc.getText() === before; i++) {
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText() !== before, 'the undo to apply', 3_000).catch(() => undefined);
  }
}

/** Opens an untitled document with `content` in `language` and shows it. */
export async function untitled(content: string, language: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ content, language });
  return vscode.window.showTextDocument(doc);
}

/** Selects from the first occurrence of `from` to the end of the first occurrence of `to` after it. */
export function select(editor: vscode.TextEditor, from: string, to: string = from): vscode.Selection {
  const text = editor.document.getText();
  const start = text.indexOf(from);
  assert.ok(start >= 0, `"${from}" is in the document`);
  const end = text.indexOf(to, start) + to.length;
  const sel = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(end));
  editor.selection = sel;
  return sel;
}

/** Closes every editor without saving (dirty test documents are reverted, so no dialog appears). */
export async function closeAllEditors(): Promise<void> {
  for (let i = 0; i < 20 && vscode.window.tabGroups.all.some((g) => g.tabs.length > 0); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    if (!vscode.window.activeTextEditor) await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
}

/** A small JavaScript file the editor tests select from and change. */
export const TOTAL_JS = [
  'function total(items) {',
  '  let sum = 0;',
  '  for (const i of items) sum += i.price;',
  '  return sum;',
  '}',
  '',
].join('\n');

/** Words as token-sized deltas. */
export const tokens = (text: string): string[] => text.match(/\s+|\S+\s*/g) ?? [];

/** What {@link withTestServer} gives each test. */
export interface TestBench {
  server: MockServer;
  ui: ScriptedUi;
}

/**
 * Registers the hooks most suites share: a test server for the suite; before each test, Rill reset
 * (settings, keys of `profiles`, chat), editors closed, the server's queue and records cleared, the
 * Default profile pointed at the server, and a fresh scripted UI.
 */
export function withTestServer(profiles: string[] = []): TestBench {
  const bench = {} as TestBench;
  before(async () => {
    bench.server = await MockServer.start();
  });
  after(async () => {
    await resetRill(profiles);
    await closeAllEditors();
    await bench.server.close();
  });
  beforeEach(async () => {
    await resetRill(profiles);
    await closeAllEditors();
    bench.server.reset();
    await configure({ baseUrl: bench.server.baseUrl, model: 'rill-test-model' });
    bench.ui = await scriptUi();
  });
  return bench;
}
