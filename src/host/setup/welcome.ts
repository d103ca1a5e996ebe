/**
 * The empty chat's welcome: setting up a provider, or example questions once one is set up.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fenceFor } from '../../core/editor';
import {
  type FoundServer,
  localServerCandidates,
  parsePortOverrides,
  probeLocalServers,
  profileEntryFromPreset,
  uniqueProfileName,
} from '../../core/providers';
import type { OfferedServer, Welcome } from '../../shared/protocol';
import { userProfilesSetting } from '../commands/selectProvider';
import type { SetupPort } from '../chat/chatController';
import type { ModelsFn } from '../services';
import { readProfiles } from '../settings';
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
  private readonly disposables: vscode.Disposable[] = [];

  /**
   * @param changed called when what the welcome shows changed (a probe ended, another file became active)
   */
  constructor(
    private readonly listModels: ModelsFn,
    private readonly changed: () => void,
  ) {
    this.disposables.push(vscode.window.onDidChangeActiveTextEditor(() => this.changed()));
  }

  /** The welcome as the webviews show it; starts the first probe when nothing is set up. */
  state(): Welcome {
    const { profile, model } = activeSetup();
    if (profile) {
      const file = this.activeFile();
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
   * file is open (the example is then not shown either).
   */
  exampleMessage(index: number): string | undefined {
    const doc = this.activeFile();
    const example = EXAMPLES[index];
    if (!doc || !example) return undefined;
    const name = vscode.workspace.asRelativePath(doc.uri);
    const full = doc.getText();
    const text = full.length > MAX_FILE_CHARS ? full.slice(0, MAX_FILE_CHARS) : full;
    const fence = fenceFor(text);
    const lang = doc.languageId === 'plaintext' ? '' : doc.languageId;
    const cut =
      text.length < full.length ? `\n\n${t('(The file was cut off after {0} characters.)', MAX_FILE_CHARS)}` : '';
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
