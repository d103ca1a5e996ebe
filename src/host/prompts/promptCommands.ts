/**
 * The `/` commands in force: the built-ins and the user's templates (settings and workspace files).
 */
import * as vscode from 'vscode';
import { decideFile } from '../../core/files';
import {
  BUILTIN_COMMANDS,
  type BuiltinName,
  choosePromptFiles,
  collectCommands,
  findCommand,
  PROMPT_LIMITS,
  type PromptProblem,
  type SlashCommandInfo,
  type TemplateCommand,
} from '../../core/prompts';
import { isRealFolderInside } from '../context/filePolicy';
import { readPromptsSetting } from '../settings';

/** A built-in `/` command as the host lists it. */
export interface BuiltinCommand extends SlashCommandInfo {
  source: 'builtin';
  name: BuiltinName;
}

/** A `/` command in force: a built-in, or one of the user's templates. */
export type PromptCommand = BuiltinCommand | TemplateCommand;

/** Where a workspace folder keeps its prompt files. */
const PROMPT_DIR = ['.rill', 'prompts'];

function builtinDescription(name: BuiltinName): string {
  const t = vscode.l10n.t;
  switch (name) {
    case 'explain':
      return t('Explain the selected code (or the active file)');
    case 'fix':
      return t('Find and fix the bugs in the selected code');
    case 'tests':
      return t('Write unit tests for the selected code');
    case 'doc':
      return t('Add documentation comments to the selected code');
    case 'new':
      return t('Start a new chat (text after the command is asked there)');
    case 'clear':
      return t('Clear the panel (the chat stays in the history)');
  }
}

/** A problem with a user's command in words a user can act on. */
function describeProblem(p: PromptProblem): string {
  const t = vscode.l10n.t;
  const where = p.source === 'settings' ? t('"rill.prompts" entry "{0}"', p.name) : `.rill/prompts/${p.name}`;
  switch (p.code) {
    case 'badName':
      return t('{0}: a name is letters, digits, "-" and "_", at most 40', where);
    case 'badValue':
      return t('{0}: give a text, or an object with "prompt" (and "description")', where);
    case 'empty':
      return t('{0}: the prompt is empty', where);
    case 'tooLarge':
      return t('{0}: larger than {1} KB', where, PROMPT_LIMITS.fileBytes / 1024);
    case 'tooMany':
      return t(
        '{0}: more than {1} prompts',
        where,
        p.source === 'settings' ? PROMPT_LIMITS.settings : PROMPT_LIMITS.files,
      );
    case 'taken':
      return t('{0}: the name /{1} is already taken', where, p.name.replace(/\.md$/i, ''));
    case 'outside':
      return t('{0}: the prompt folder is a link to outside the workspace', where);
    case 'secret':
      return t('{0}: it looks like it holds a secret', where);
  }
}

/**
 * The `/` commands in force: the built-ins, the user's from `rill.prompts`, and, in a trusted
 * workspace only, the prompt files of each workspace folder (`.rill/prompts/*.md`). Kept up to
 * date as the setting, the files and the workspace's trust change; problems with the user's
 * commands are reported once each.
 */
export class PromptCommands implements vscode.Disposable {
  private current: PromptCommand[];
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Problems already reported, so a refresh does not repeat them. */
  private readonly reported = new Set<string>();
  /** Counts refreshes, so an older one that ends late does not overwrite a newer one's list. */
  private generation = 0;
  /** Fires when the list changed. */
  readonly onDidChange = this.changed.event;
  /** Settles when the newest reading of the setting and the files is in force. */
  private ready: Promise<void>;

  constructor(private readonly warn: (message: string) => void) {
    this.current = this.builtins();
    const refresh = () => void this.refresh();
    // Everything under `.rill`, folders included: files created together with their folder (a
    // checkout, `mkdir -p` and a write) can come before the watch of the new folder, so only the
    // folder's event is seen. A refresh reads the whole prompt folder again.
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${PROMPT_DIR[0]}/**`);
    this.disposables.push(
      watcher,
      watcher.onDidCreate(refresh),
      watcher.onDidChange(refresh),
      watcher.onDidDelete(refresh),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('rill.prompts') && refresh()),
      vscode.workspace.onDidGrantWorkspaceTrust(refresh),
      vscode.workspace.onDidChangeWorkspaceFolders(refresh),
    );
    this.ready = this.load();
  }

  private builtins(): BuiltinCommand[] {
    return BUILTIN_COMMANDS.map((name) => ({ name, description: builtinDescription(name), source: 'builtin' }));
  }

  /** The commands in force, in the completion list's order. */
  list(): readonly PromptCommand[] {
    return this.current;
  }

  /** The commands as the webview shows them (names and descriptions, no templates). */
  infos(): SlashCommandInfo[] {
    return this.current.map(({ name, description, source }) => ({ name, description, source }));
  }

  /** The command named `name` (ignoring case). */
  find(name: string): PromptCommand | undefined {
    return findCommand(this.current, name);
  }

  /** Reads the setting and the prompt files again; settles once the newest reading is in force. */
  refresh(): Promise<void> {
    this.ready = this.load();
    return this.ready;
  }

  private async load(): Promise<void> {
    const generation = ++this.generation;
    const trusted = vscode.workspace.isTrusted;
    const read = trusted ? await readPromptFiles() : { files: [], problems: [] };
    // A newer reading started meanwhile: its result is the one to wait for.
    if (generation !== this.generation) return this.ready;
    const { commands, problems } = collectCommands({
      builtins: this.builtins(),
      setting: readPromptsSetting(),
      files: read.files,
      trusted,
    });
    const before = JSON.stringify(this.current);
    this.current = commands;
    this.report([...read.problems, ...problems]);
    if (JSON.stringify(commands) !== before) this.changed.fire();
  }

  private report(problems: PromptProblem[]): void {
    const fresh = problems.map(describeProblem).filter((m) => !this.reported.has(m));
    if (!fresh.length) return;
    for (const m of fresh) this.reported.add(m);
    this.warn(vscode.l10n.t('Some of your Rill prompts were not loaded: {0}.', fresh.join('; ')));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/**
 * The prompt files of every workspace folder: only from a prompt folder whose real path (links
 * resolved) is inside the workspace folder, plain files only (a symbolic link could reach outside
 * the workspace), the first {@link PROMPT_LIMITS}.files by name, none larger than the size limit,
 * none the file policy finds secret-looking (its text becomes a prompt that is sent).
 */
async function readPromptFiles(): Promise<{ files: { name: string; text: string }[]; problems: PromptProblem[] }> {
  const files: { name: string; text: string }[] = [];
  const problems: PromptProblem[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const dir = vscode.Uri.joinPath(folder.uri, ...PROMPT_DIR);
    if (!(await isRealFolderInside(dir))) {
      // No folder here, or a link that leads out: an existing link is reported, not followed.
      if (await existsAtAll(dir)) problems.push({ code: 'outside', name: '', source: 'workspace' });
      continue;
    }
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(dir);
    } catch {
      continue; // no prompt folder here
    }
    const chosen = choosePromptFiles(entries.filter(([, type]) => type === vscode.FileType.File).map(([n]) => n));
    problems.push(...chosen.problems);
    for (const name of chosen.read) {
      const uri = vscode.Uri.joinPath(dir, name);
      try {
        if ((await vscode.workspace.fs.stat(uri)).size > PROMPT_LIMITS.fileBytes) {
          problems.push({ code: 'tooLarge', name, source: 'workspace' });
          continue;
        }
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        const policy = decideFile({ path: [...PROMPT_DIR, name].join('/'), insideWorkspace: true, text }, 'auto');
        if (policy.ok !== true) {
          problems.push({ code: 'secret', name, source: 'workspace' });
          continue;
        }
        files.push({ name, text });
      } catch {
        // Deleted or unreadable since it was listed: it is simply not offered.
      }
    }
  }
  return { files, problems };
}

/** Whether anything exists at `uri` (here: a prompt folder that is not a real folder inside, so a link out). */
async function existsAtAll(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
