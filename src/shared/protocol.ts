/**
 * The one message protocol between the extension host and the chat webview.
 * Each message is declared once; both sides `switch (msg.type)` and end in {@link assertNever}.
 * The host trusts nothing the webview sends: {@link parseWebviewMessage} checks every field.
 */
import type { Chat, ChatTurn, DeltaMessage } from '../core/chat';
import type { SlashCommandInfo } from '../core/prompts';
import type { FixCommand } from './errorFixes';
import type { WebviewStrings } from './webviewStrings';

export type { WebviewStringKey, WebviewStrings } from './webviewStrings';

/**
 * A turn's state without its text, which the webview already built from deltas; `text` and
 * `reasoning` are present only when they differ from that (a regenerated or corrected turn).
 */
export type TurnState = Omit<ChatTurn, 'text' | 'reasoning'> & { text?: string; reasoning?: string };

/** A local server found by the probe, as the welcome offers it. */
export interface OfferedServer {
  /** e.g. `Ollama`. */
  label: string;
  /** e.g. `localhost:11434`. */
  address: string;
  /** The model the one-click profile would use (the server's first). */
  model: string;
}

/** What an empty chat shows: how to set Rill up, or what it is set up with and questions to start from. */
export type Welcome =
  | { configured: false; probing: boolean; servers: OfferedServer[] }
  | { configured: true; provider: string; model: string; examples: string[] };

/** Setup steps a webview button may start (each runs the Rill command of that name, or probes for local servers). */
export type SetupAction = FixCommand | 'testConnection' | 'findLocalServers';
const SETUP_ACTIONS: readonly SetupAction[] = [
  'selectProvider',
  'selectModel',
  'setApiKey',
  'testConnection',
  'findLocalServers',
];

/**
 * UI state that is not part of the chat itself. Whether an answer is streaming is not here: the
 * webview derives it from the chat's streaming turn, so each fact has one owner.
 */
export interface HostStatus {
  /** The active model's name, for the footer. */
  model: string;
  welcome: Welcome;
  /**
   * A system prompt that the (trusted) workspace's settings put in force, shown in its own notice
   * so an instruction from a cloned repository is never invisible. Absent when the prompt is the user's.
   */
  workspaceSystemPrompt?: string;
  /** The `/` commands the message box completes (built-ins, then the user's). */
  commands?: SlashCommandInfo[];
  /**
   * The tools switch by the message box: absent when `rill.tools` is `off` (no switch); `on` is
   * whether this chat's next question offers the model its tools.
   */
  tools?: { on: boolean };
}

/** A piece of editor context waiting above the message box, to be sent with the next question. */
export interface ContextChip {
  /** `active` for the active editor's file or selection (attached by default); others are picks. */
  id: string;
  kind: 'file' | 'selection' | 'problems' | 'terminal';
  /** The file name, "Problems", … */
  label: string;
  /** The workspace-relative path and line range, for the tooltip. */
  detail: string;
  /**
   * Set when the file policy holds the file back ("held back: looks secret"): the chip is muted,
   * says why, and offers to add the file on purpose. Nothing of it is sent unless the user does.
   */
  held?: string;
  /** A note on what is sent, e.g. that the text was cut to the read cap. */
  note?: string;
}

/** One file of an answer's change set, as the panel lists it. */
export interface ChangeFileView {
  /** Workspace-relative path. */
  path: string;
  added: number;
  removed: number;
  status: 'pending' | 'accepted' | 'rejected';
  /** A file the change creates. */
  isNew: boolean;
}

/** An answer's change set: the summary under the answer and its files. */
export interface ChangeSetView {
  turnId: string;
  /** "3 files changed, +12 −4", translated by the host. */
  summary: string;
  counts: { files: number; added: number; removed: number };
  files: ChangeFileView[];
}

/** What a change set's buttons ask for: the whole set, or one file (`path`). */
export type ChangeSetAction = 'review' | 'acceptAll' | 'rejectAll' | 'open' | 'accept' | 'reject';
const CHANGE_SET_ACTIONS: readonly ChangeSetAction[] = ['review', 'acceptAll', 'rejectAll', 'open', 'accept', 'reject'];

/** Messages from the host to the webview. */
export type HostToWebview =
  /** The whole state; sent after `ready` and when a hidden view is shown again. */
  | {
      type: 'snapshot';
      chat: Chat;
      status: HostStatus;
      strings: WebviewStrings;
      /** Last delta seq already in `chat` for each turn that had deltas (absent: 0). */
      seqs: Record<string, number>;
      /** The editor context chips waiting for the next question. */
      chips?: ContextChip[];
      /** The answers' change sets. */
      changeSets?: ChangeSetView[];
    }
  /** An answer's change set was proposed or decided on. */
  | { type: 'changeSet'; view: ChangeSetView }
  /** A turn was added (a user message, or an assistant reply that starts streaming). */
  | { type: 'turnAdded'; turn: ChatTurn }
  /**
   * Coalesced text for a streaming turn, posted as the batcher built it. `seq` counts deltas per
   * turn from 1 so the webview can detect a gap (and ask for a snapshot) instead of showing text
   * out of order; the webview answers with `drawn` once a frame has shown it.
   */
  | DeltaMessage
  /** A turn's final or changed state (status, error, usage, full text). */
  | { type: 'turnUpdated'; turn: TurnState }
  /** Turns from `fromIndex` on were removed (regenerate, edit and resend). */
  | { type: 'truncated'; fromIndex: number }
  | { type: 'status'; status: HostStatus }
  /** The request waits before an automatic retry (rate limit or a failed connection). */
  | { type: 'retryWait'; turnId: string; until: number; attempt: number; message: string }
  /** Focus the message box (after New Chat from the palette). */
  | { type: 'focusInput' }
  /** The context chips above the message box changed; `mention` when a `#` mention was just answered. */
  | { type: 'contextChips'; chips: ContextChip[]; mention?: boolean }
  /** A `/` command could not run (or left text over): put `text` back into an empty message box. */
  | { type: 'restoreInput'; text: string }
  /** A history search opened this chat: scroll message `turnId` into view and mark the words of `query` in it. */
  | { type: 'revealMatch'; turnId: string; query: string };

/** Where to insert a code block; `apply` proposes it in place of code, shown as a diff first. */
export type InsertTarget = 'cursor' | 'newFile' | 'apply';

/** Messages from the webview to the host. */
export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'send'; text: string }
  | { type: 'stop' }
  | { type: 'regenerate'; turnId: string }
  | { type: 'editResend'; turnId: string; text: string }
  | { type: 'continue'; turnId: string }
  | { type: 'retry'; turnId: string }
  | { type: 'newChat' }
  | { type: 'copy'; text: string }
  | {
      type: 'insertCode';
      code: string;
      language: string;
      target: InsertTarget;
      /** The answer the block is in. */
      turnId?: string;
      /** The block's number among the answer's top-level code blocks; absent for one in a list item or a quote. */
      block?: number;
    }
  | { type: 'openLink'; href: string }
  /** The webview saw a gap in `seq` and wants the whole state again. */
  | { type: 'resync' }
  /** Make the `index`-th offered local server the active profile. */
  | { type: 'useLocalServer'; index: number }
  | { type: 'setupAction'; action: SetupAction }
  /** Ask the `index`-th example question of the welcome. */
  | { type: 'askExample'; index: number }
  /**
   * A frame has drawn the text up to `seq` of a streaming turn: the host may send the next delta.
   * Sent at most once per frame, so the host posts deltas no faster than the webview draws.
   */
  | { type: 'drawn'; turnId: string; seq: number }
  /** Leave a context chip out of the next question. */
  | { type: 'removeChip'; id: string }
  /** Add a held-back chip's file on purpose (the host asks to confirm a secret-looking one). */
  | { type: 'includeChip'; id: string }
  /** Pick context to add: the "add context" button, or a `#` typed in the message box (`mention`). */
  | { type: 'addContext'; mention: boolean }
  /** Open the file of a sent question's attachment at its lines. */
  | { type: 'openAttachment'; turnId: string; index: number }
  /**
   * Open the file (at its line) named by the `index`-th link of a tool step. The host looks the
   * link up in its own copy of the chat and opens only files inside the workspace folders.
   */
  | { type: 'openStepLink'; turnId: string; stepId: string; index: number }
  /** Turn the model's tools on or off for the chat this webview shows. */
  | { type: 'setTools'; on: boolean }
  /** Summarise the conversation so far and answer the last question again from the summary. */
  | { type: 'summariseAndContinue' }
  /** The `/` list opened: read the user's commands again (a file watcher can miss a new folder's files). */
  | { type: 'listCommands' }
  /**
   * Tab (or Shift+Tab) on the webview's last (first) control: move the focus to the next
   * (previous) workbench part, since the browser would leave it on the webview's invisible frame.
   */
  | { type: 'leaveWebview'; back: boolean }
  /**
   * Apply code blocks of an answer that name their files ("Apply to path", "Apply All") as one
   * change set: the host finds the blocks in the answer's own text by `indexes`.
   */
  | { type: 'applyBlocks'; turnId: string; indexes: number[] }
  /** A change set's Review / Accept All / Reject All, or one file's open / accept / reject. */
  | { type: 'changeSetAction'; turnId: string; action: ChangeSetAction; path?: string }
  /** The user's Run (`run` true) or Skip on a command step that waits for it. */
  | { type: 'commandDecision'; turnId: string; stepId: string; run: boolean };

/** Exhaustiveness check for `switch` over a union: a compile error when a case is missing. */
export function assertNever(x: never): never {
  throw new Error(`unexpected message: ${JSON.stringify(x)}`);
}

const MAX_TEXT = 1_000_000;

const isStr = (v: unknown, max = MAX_TEXT): v is string => typeof v === 'string' && v.length <= max;
const isIndex = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 100;
const isId = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(v);

/** The message of `WebviewToHost` whose type is `K`. */
type WebviewMessage<K extends WebviewToHost['type']> = Extract<WebviewToHost, { type: K }>;

/** Checks the fields of a message whose `type` is already known; `undefined` when one is malformed. */
type Validator<K extends WebviewToHost['type']> = (m: Record<string, unknown>) => WebviewMessage<K> | undefined;

const bare =
  <K extends WebviewToHost['type']>(type: K) =>
  (): WebviewMessage<K> =>
    ({ type }) as WebviewMessage<K>;
const turnOnly =
  <K extends 'regenerate' | 'continue' | 'retry'>(type: K) =>
  (m: Record<string, unknown>) =>
    isId(m.turnId) ? ({ type, turnId: m.turnId } as WebviewMessage<K>) : undefined;
const indexOnly =
  <K extends 'useLocalServer' | 'askExample'>(type: K) =>
  (m: Record<string, unknown>) =>
    isIndex(m.index) ? ({ type, index: m.index } as WebviewMessage<K>) : undefined;

/**
 * One validator per webview message type. The mapped type makes this record exhaustive: a new
 * member of {@link WebviewToHost} without a validator here is a compile error, and so is a
 * validator for a type that does not exist.
 */
const validators: { readonly [K in WebviewToHost['type']]: Validator<K> } = {
  ready: bare('ready'),
  stop: bare('stop'),
  newChat: bare('newChat'),
  resync: bare('resync'),
  send: (m) => (isStr(m.text) ? { type: 'send', text: m.text } : undefined),
  regenerate: turnOnly('regenerate'),
  continue: turnOnly('continue'),
  retry: turnOnly('retry'),
  editResend: (m) =>
    isId(m.turnId) && isStr(m.text) ? { type: 'editResend', turnId: m.turnId, text: m.text } : undefined,
  copy: (m) => (isStr(m.text) ? { type: 'copy', text: m.text } : undefined),
  insertCode: (m) =>
    isStr(m.code) && isStr(m.language, 64) && (m.target === 'cursor' || m.target === 'newFile' || m.target === 'apply')
      ? {
          type: 'insertCode',
          code: m.code,
          language: m.language,
          target: m.target,
          ...(isId(m.turnId) ? { turnId: m.turnId } : {}),
          ...(Number.isSafeInteger(m.block) && (m.block as number) >= 0 ? { block: m.block as number } : {}),
        }
      : undefined,
  openLink: (m) => (isStr(m.href, 8192) ? { type: 'openLink', href: m.href } : undefined),
  summariseAndContinue: bare('summariseAndContinue'),
  listCommands: bare('listCommands'),
  leaveWebview: (m) => ({ type: 'leaveWebview', back: m.back === true }),
  removeChip: (m) => (isId(m.id) ? { type: 'removeChip', id: m.id } : undefined),
  includeChip: (m) => (isId(m.id) ? { type: 'includeChip', id: m.id } : undefined),
  addContext: (m) => ({ type: 'addContext', mention: m.mention === true }),
  openAttachment: (m) =>
    isId(m.turnId) && Number.isInteger(m.index) && (m.index as number) >= 0 && (m.index as number) < 1000
      ? { type: 'openAttachment', turnId: m.turnId, index: m.index as number }
      : undefined,
  openStepLink: (m) =>
    isId(m.turnId) &&
    isStr(m.stepId, 256) &&
    Number.isInteger(m.index) &&
    (m.index as number) >= 0 &&
    (m.index as number) < 1000
      ? { type: 'openStepLink', turnId: m.turnId, stepId: m.stepId, index: m.index as number }
      : undefined,
  setTools: (m) => (typeof m.on === 'boolean' ? { type: 'setTools', on: m.on } : undefined),
  drawn: (m) =>
    isId(m.turnId) && Number.isSafeInteger(m.seq) && (m.seq as number) >= 0
      ? { type: 'drawn', turnId: m.turnId, seq: m.seq as number }
      : undefined,
  useLocalServer: indexOnly('useLocalServer'),
  askExample: indexOnly('askExample'),
  applyBlocks: (m) =>
    isId(m.turnId) &&
    Array.isArray(m.indexes) &&
    m.indexes.length > 0 &&
    m.indexes.length <= 100 &&
    m.indexes.every((i) => Number.isInteger(i) && i >= 0 && i < 1000)
      ? { type: 'applyBlocks', turnId: m.turnId, indexes: [...(m.indexes as number[])] }
      : undefined,
  changeSetAction: (m) =>
    isId(m.turnId) &&
    CHANGE_SET_ACTIONS.includes(m.action as ChangeSetAction) &&
    (m.path === undefined || isStr(m.path, 4096))
      ? {
          type: 'changeSetAction',
          turnId: m.turnId,
          action: m.action as ChangeSetAction,
          ...(m.path === undefined ? {} : { path: m.path as string }),
        }
      : undefined,
  commandDecision: (m) =>
    isId(m.turnId) && isStr(m.stepId, 256) && typeof m.run === 'boolean'
      ? { type: 'commandDecision', turnId: m.turnId, stepId: m.stepId, run: m.run }
      : undefined,
  setupAction: (m) =>
    SETUP_ACTIONS.includes(m.action as SetupAction)
      ? { type: 'setupAction', action: m.action as SetupAction }
      : undefined,
};

const isType = (v: unknown): v is WebviewToHost['type'] => typeof v === 'string' && Object.hasOwn(validators, v);

/**
 * Validates a message from the webview. Returns it typed, or `undefined` for anything malformed
 * (unknown type, missing or oversized fields); the host ignores those.
 */
export function parseWebviewMessage(raw: unknown): WebviewToHost | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  if (!isType(m.type)) return undefined;
  return (validators[m.type] as Validator<WebviewToHost['type']>)(m);
}
