/**
 * What the feature modules share, built once by `createRill`, and the types of command tables.
 */
import type * as vscode from 'vscode';
import type { ChatSession, StreamFn } from '../core/chat';
import type { ModelCache } from '../core/providers';
import type { ChatController } from './chat/chatController';
import type { ChatViewProvider } from './chat/chatViewProvider';
import type { EditorChats } from './chat/editorChats';
import type { AskedRanges } from './edit/askedRanges';
import type { ChangeSets } from './edit/changeSets';
import type { Reviews } from './edit/reviews';
import type { ApiKeys } from './setup/apiKeys';
import type { ModelsFn } from './setup/client';
import type { StatusBar } from './setup/statusBar';
import type { WalkthroughSteps } from './setup/walkthroughSteps';
import type { Ui } from './ui';

/** Command handlers by command id; `extension.ts` registers every contributed command and calls these. */
export type Commands = Record<string, (...args: unknown[]) => unknown>;

/** What the feature modules share. Built once in `activate`; `ui` may be swapped by tests. */
export interface Services {
  context: vscode.ExtensionContext;
  /** The side panel's conversation (also what "Open Chat in Editor" and the editor commands use). */
  session: ChatSession;
  controller: ChatController;
  view: ChatViewProvider;
  /** The chat editors, each a conversation of its own. */
  editorChats: EditorChats;
  keys: ApiKeys;
  /** The streaming client with the user's timeouts and proxy applied (what the session uses). */
  stream: StreamFn;
  listModels: ModelsFn;
  models: ModelCache;
  status: StatusBar;
  ui: Ui;
  /** Changes waiting for Accept or Reject in a diff. */
  reviews: Reviews;
  /** The answers' change sets across files, reviewed before anything is written. */
  changes: ChangeSets;
  /** The ranges the selection commands asked about, by answer, for a code block's Apply. */
  askedRanges: AskedRanges;
  /** The context keys that tick the walkthrough's steps. */
  walkthrough: WalkthroughSteps;
  /** Settles when the last session's chat has been restored. */
  restored: Promise<void>;
}
