/**
 * The empty chat's welcome: setting up a provider, or example questions once one is set up.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fenceFor } from '../../core/base';
import {
  type FoundServer,
  localServerCandidates,
  parsePortOverrides,
  probeLocalServers,
  profileEntryFromPreset,
  uniqueProfileName,
} from '../../core/providers';
import type { OfferedServer, Welcome } from '../../shared/protocol';
import type { SetupPort } from '../chat/chatController';
import { workspacePath } from '../context/fileNames';
import { checkFile } from '../context/filePolicy';
import { readProfiles, userProfilesSetting } from '../settings';
import type { ModelsFn } from './client';
import { activeSetup } from './target';

const t = vscode.l10n.t;

/** The example questions about the current file, given its name. */
const EXAMPLES = [
  (file: string) => t('Explain what {0} does', file),
  (file: string) => t('Find bugs in {0}', file),
  (file: string) => t('Write unit tests for {0}', file),
];

/** The most of a file an example question sends: enough for a source file, not a log of megabytes. */
const MAX_FILE_CHARS = 60_000;

/** The file policy's verdict on the active file, for whether the examples are offered at all. */
interface ActiveVerdict {
  uri: string;
  version: number;
  ok: boolean;
}

/**
 * What an empty chat shows. Unconfigured: a welcome whose buttons set Rill up, with the local
 * servers that answered on their default ports as one-click profiles (probed when the chat first
 * opens unconfigured, and again when the user asks; never otherwise). Configured: the active
 * provider and model, and example questions about the file in the active editor.
 */
export class WelcomeState implements SetupPort, vscode.Disposable {
  private found: FoundServer[] = [];
  private probing: Promise<void> | undefined;
  private probed = false;
  private verdict: ActiveVerdict | undefined;
  private typing: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  /**
   * @param changed called when what the welcome shows changed (a probe ended, another file became active)
   */
  constructor(
    private readonly listModels: ModelsFn,
    private readonly changed: () => void,
  ) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => {
        this.changed();
        this.recheck();
      }),
      // A key pasted into the open file takes the examples away once the typing pauses.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document !== this.activeFile()) return;
        clearTimeout(this.typing);
        this.typing = setTimeout(() => this.recheck(), 300);
      }),
      { dispose: () => clearTimeout(this.typing) },
    );
    // The controller that `changed` reaches is built after this: tell it only once the check is back.
    this.recheck();
  }

  /**
   * Runs the file policy on the active file ('auto': inside the workspace, not secret-looking by
   * name or text), then shows or hides the examples. A held file gets no examples: they would send it.
   */
  private recheck(): void {
    const doc = this.activeFile();
    if (!doc) return;
    void checkFile(doc.uri, 'auto', { document: doc, activeEditor: true }).then((check) => {
      const ok = check.decision.ok === true;
      const before = this.verdict;
      this.verdict = { uri: doc.uri.toString(), version: doc.version, ok };
      if (before?.uri !== this.verdict.uri || before.ok !== ok) this.changed();
    });
  }

  /** The active file when the policy lets examples send it (its last verdict; none yet means not). */
  private allowedFile(): vscode.TextDocument | undefined {
    const doc = this.activeFile();
    return doc && this.verdict?.uri === doc.uri.toString() && this.verdict.ok ? doc : undefined;
  }

  /** The welcome as the webviews show it; starts the first probe when nothing is set up. */
  state(): Welcome {
    const { profile, model } = activeSetup();
    if (profile) {
      const file = this.allowedFile();
      return {
        configured: true,
        provider: profile.name,
        model,
        examples: file ? EXAMPLES.map((e) => e(path.basename(file.fileName))) : [],
      };
    }
    if (!this.probed) void this.probe();
    return { configured: false, probing: !!this.probing, servers: this.found.map(offer) };
  }

  /** Asks the local servers' default ports for their models (once at a time) and tells the webviews. */
  probe(): Promise<void> {
    this.probed = true;
    this.probing ??= (async () => {
      this.changed();
      try {
        // RILL_LOCAL_SERVER_PORTS moves a preset to another port (tests run beside a real server).
        const candidates = localServerCandidates(parsePortOverrides(process.env.RILL_LOCAL_SERVER_PORTS));
        this.found = await probeLocalServers((endpoint, o) => this.listModels(endpoint, o), candidates);
      } finally {
        this.probing = undefined;
        this.changed();
      }
    })();
    return this.probing;
  }

  /** Makes the `index`-th found server the active profile, with its first model. */
  async use(index: number): Promise<void> {
    const server = this.found[index];
    if (!server) return;
    const name = uniqueProfileName(
      server.label,
      readProfiles().profiles.map((p) => p.name),
    );
    const entry = profileEntryFromPreset(server.preset, name, { baseUrl: server.baseUrl, model: server.models[0] });
    // The preset's model may not be on this server: always store the one the server listed.
    entry.model = server.models[0];
    const config = vscode.workspace.getConfiguration('rill');
    await config.update('profiles', [...userProfilesSetting(), entry], vscode.ConfigurationTarget.Global);
    await config.update('activeProfile', name, vscode.ConfigurationTarget.Global);
  }

  /**
   * The `index`-th example question with the active file's text, ready to send; undefined when no
   * file is open or the file policy holds it back (checked again now, on the text as it is).
   */
  async exampleMessage(index: number): Promise<string | undefined> {
    const doc = this.activeFile();
    const example = EXAMPLES[index];
    if (!doc || !example) return undefined;
    const check = await checkFile(doc.uri, 'auto', { document: doc, activeEditor: true });
    if (check.decision.ok !== true || check.text === undefined) {
      this.verdict = { uri: doc.uri.toString(), version: doc.version, ok: false };
      this.changed();
      return undefined;
    }
    const name = workspacePath(doc.uri);
    const full = check.text;
    const text = full.length > MAX_FILE_CHARS ? full.slice(0, MAX_FILE_CHARS) : full;
    const fence = fenceFor(text);
    const lang = doc.languageId === 'plaintext' ? '' : doc.languageId;
    const cut =
      text.length < full.length || check.cutFrom !== undefined
        ? `\n\n${t('(The file was cut off after {0} characters.)', text.length)}`
        : '';
    return `${example(path.basename(doc.fileName))}\n\n${name}:\n\n${fence}${lang}\n${text}${text.endsWith('\n') ? '' : '\n'}${fence}${cut}`;
  }

  private activeFile(): vscode.TextDocument | undefined {
    const doc = vscode.window.activeTextEditor?.document;
    return doc && (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled' || doc.uri.scheme === 'vscode-remote')
      ? doc
      : undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function offer(s: FoundServer): OfferedServer {
  return { label: s.label, address: `localhost:${s.port}`, model: s.models[0] };
}
