/**
 * The conversation model the host owns and persists, and the pure operations on it.
 * Plain data only, so it crosses `postMessage` and JSON files unchanged.
 */

import { fenceFor } from '../base';
import { type Attachment, messageWithAttachments } from '../context';
import { prettyArguments, SELECTION_TASKS } from '../editor';
import { type StepWording, shownCommand, stepLine, stepText } from '../tools';
import type { ChatMessage, ErrorKind, FinishReason } from '../types';

/** Where a turn stands. `interrupted`: it stopped early (error after text, stop, reload) and keeps its text. */
export type TurnStatus = 'streaming' | 'complete' | 'interrupted' | 'error';

/** A user-facing error attached to an assistant turn. */
export interface TurnError {
  kind: ErrorKind;
  message: string;
  status?: number;
}

/** Token counts as the server reported them. */
export interface TurnUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /**
   * US dollars: as the server reported it, or else computed from the prices the server's model
   * list states for the model (then `priced` is true); absent when neither is known, never guessed.
   */
  cost?: number;
  /** The cost was computed from the model list's prices, not reported by the server. */
  priced?: boolean;
}

/** A function call the model asked for, as it arrived (`arguments` is the model's JSON text, unchecked). */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

/**
 * One tool call of an answer, shown as a step inside it, in order with its text. Its result is
 * workspace text: hostile, shown as text only.
 */
export interface ToolStep {
  id: string;
  name: string;
  /** The arguments as the model wrote them (JSON text). */
  arguments: string;
  /** One line: "Reading src/a.ts" while it runs, then the result's "Read src/a.ts, lines 1-120". */
  title: string;
  /** `waiting`: a command waits for the user's Run or Skip (the step shows the buttons). */
  status: 'running' | 'waiting' | 'done' | 'refused';
  /** A command the model asked to run: the exact command line and the workspace-relative folder. */
  command?: { line: string; cwd: string };
  /** Where the step stands in the turn's `text` (its length when the call ran). */
  at: number;
  /** What the model got back. */
  result?: string;
  /** Files (and lines) the result points at, 1-based lines. */
  locations?: { path: string; line: number; column?: number }[];
}

/** How an assistant turn's request fitted the model's window: the meter and the "not sent" marker. */
export interface TurnContext {
  windowTokens: number;
  /** Rill's count of the prompt as sent. */
  promptTokens: number;
  /** How many of the earlier messages were left out (the oldest). */
  droppedMessages: number;
  /** With messages left out: the turn whose message was the first still sent (the "not sent" marker goes above it). */
  firstSentTurnId?: string;
  /** Attachments cut to fit. */
  cutAttachments?: number;
  /** Earlier tool results cut to a one-line note to fit. */
  cutToolResults?: number;
  /** The server refused the first request as too long, and a trimmed one followed. */
  retried?: boolean;
  /** The server refused the request as too long and no retry could help: offer a new chat or a summary. */
  overflow?: 'conversation' | 'question';
  /** The server cut the prompt without saying so. */
  warning?: string;
}

/** Every {@link TurnTask}: a question in the chat, or one of the editor commands on a selection. */
export const TURN_TASKS = ['chat', ...SELECTION_TASKS] as const;

/** What a request asked for: a question in the chat, or one of the editor commands on a selection. */
export type TurnTask = (typeof TURN_TASKS)[number];

/**
 * How an answer was asked for, kept on the assistant turn so that Regenerate, Continue and Edit and
 * resend ask the same way again. The model is the turn's own `model`; the endpoint and the model
 * of the moment are used on a new request (the status bar shows which), and the configured system
 * prompt applies unless the request carried its own.
 */
export interface TurnRequest {
  task: TurnTask;
  /** The system prompt the request carried instead of the configured one (the editor commands' rules). */
  systemPrompt?: string;
  /**
   * Asked on its own: the request carries the question and its attachments, none of the earlier
   * turns (an editor command about a selection, which the panel's other chat has nothing to do with).
   */
  alone?: boolean;
  /**
   * What else the request carried (attachments and the like), as plain data. Open on purpose:
   * readers ignore what they do not know, so newer chats still open in older code.
   */
  context?: Readonly<Record<string, unknown>>;
}

/** One message of a chat. Assistant turns carry the stream's outcome. */
export interface ChatTurn {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  /** Model reasoning, shown collapsed and never copied with the answer. */
  reasoning?: string;
  /** Tool calls in the answer, shown collapsed with their arguments. */
  toolCalls?: ToolCall[];
  /** The tool calls Rill ran for this answer, as steps in order with its text. */
  steps?: ToolStep[];
  /**
   * The messages of the answer's tool rounds (each assistant message with its calls, then the
   * results), sent again before the answer's last text so later requests see what was looked at.
   */
  exchange?: ChatMessage[];
  /** Why the tools loop stopped before the model finished (round limit, repeated call). */
  toolStop?: string;
  status: TurnStatus;
  finishReason?: FinishReason;
  /**
   * A line shown under the answer that is not the model's text (never copied, inserted or sent back):
   * why the answer ended as it did, e.g. a tool call that was not run.
   */
  notice?: string;
  error?: TurnError;
  model?: string;
  /** For an assistant turn: how it was asked for. Absent in chats saved before it was kept: a plain question. */
  request?: TurnRequest;
  usage?: TurnUsage;
  /** A user turn's editor context (files, selection, problems…), sent after its text. */
  attachments?: Attachment[];
  /** An assistant turn's window figures. */
  context?: TurnContext;
  /**
   * An assistant turn that summarises the conversation before it: requests start from it, and the
   * turns before it are no longer sent.
   */
  summary?: boolean;
  /** Epoch ms: request sent, first token, end. */
  startedAt?: number;
  firstTokenAt?: number;
  endedAt?: number;
}

/** A whole conversation. */
export interface Chat {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  turns: ChatTurn[];
  /**
   * The chat's tools switch, when the user turned it: `true` on, `false` off. Absent: the default
   * (on, unless `rill.tools` is `off` or the workspace is not trusted).
   */
  tools?: boolean;
}

/** What the history list shows of a chat. */
export interface ChatSummary {
  id: string;
  title: string;
  updatedAt: number;
  turnCount: number;
}

/** A random id, unique enough for chats and turns (not a secret). */
export function newId(): string {
  return Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
}

/** An empty chat. */
export function createChat(now: number): Chat {
  return { id: newId(), title: '', createdAt: now, updatedAt: now, turns: [] };
}

/** Title for a chat without one: the first user message's first line, shortened. */
export function deriveTitle(chat: Chat): string {
  if (chat.title) return chat.title;
  const first = chat.turns.find((t) => t.role === 'user');
  if (!first) return 'New chat';
  const line = first.text.trim().split('\n')[0].replace(/\s+/g, ' ');
  return line.length > 60 ? `${line.slice(0, 57)}…` : line || 'New chat';
}

/** The history-list view of a chat. */
export function summarize(chat: Chat): ChatSummary {
  return { id: chat.id, title: deriveTitle(chat), updatedAt: chat.updatedAt, turnCount: chat.turns.length };
}

/**
 * Turns left `streaming` by a window that closed mid-reply become `interrupted`, keeping their
 * text. Returns true when anything changed. `wording` words the line of a command left waiting
 * for the user's Run (English by default; the extension passes its translation).
 */
export function markUnfinishedInterrupted(chat: Chat, wording?: StepWording): boolean {
  let changed = false;
  for (const t of chat.turns) {
    if (t.status === 'streaming') {
      t.status = 'interrupted';
      changed = true;
    }
    // A call that never got its result (the window closed under it) shows as not run, not as running;
    // a command that waited for the user's Run says it was not run.
    for (const st of t.steps ?? [])
      if (st.status === 'running' || st.status === 'waiting') {
        if (st.status === 'waiting' && st.command)
          st.title = stepText(stepLine('notRun', shownCommand(st.command.line)), wording);
        st.status = 'refused';
        changed = true;
      }
  }
  return changed;
}

/** Whether `v` is a well-formed {@link TurnRequest} (saved chats are read as untrusted input). */
export function isTurnRequest(v: unknown): v is TurnRequest {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return (
    typeof r.task === 'string' &&
    (TURN_TASKS as readonly string[]).includes(r.task) &&
    (r.systemPrompt === undefined || typeof r.systemPrompt === 'string') &&
    (r.alone === undefined || typeof r.alone === 'boolean') &&
    (r.context === undefined || (typeof r.context === 'object' && r.context !== null && !Array.isArray(r.context)))
  );
}

/** The chat as Markdown, for export: headings per speaker, reasoning left out. */
export function chatToMarkdown(chat: Chat): string {
  const parts = [`# ${deriveTitle(chat)}`, ''];
  for (const t of chat.turns) {
    parts.push(
      t.role === 'user'
        ? '## You'
        : t.summary
          ? '## Summary of the conversation so far'
          : `## Assistant${t.model ? ` (${t.model})` : ''}`,
      '',
      t.role === 'user' ? messageWithAttachments(t.text.trimEnd(), t.attachments) : t.text.trimEnd(),
      '',
    );
    for (const step of t.steps ?? []) {
      parts.push(`> Tool: ${step.title}`, '');
      if (step.command) {
        const fence = fenceFor(step.command.line);
        parts.push(`${fence}sh`, step.command.line, fence, '');
      }
    }
    if (t.toolStop) parts.push(`> ${t.toolStop}`, '');
    for (const c of t.toolCalls ?? []) {
      const args = prettyArguments(c.arguments);
      const fence = fenceFor(args);
      parts.push(`Tool call ${c.name}:`, '', `${fence}json`, args, fence, '');
    }
    if (t.status === 'interrupted') parts.push('_(interrupted)_', '');
    if (t.error) parts.push(`> Error: ${t.error.message}`, '');
  }
  return parts.join('\n');
}
