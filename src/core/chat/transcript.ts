/**
 * The conversation model the host owns and persists, and the pure operations on it.
 * Plain data only, so it crosses `postMessage` and JSON files unchanged.
 */

import { fenceFor } from '../base';
import { type Attachment, messageWithAttachments } from '../context';
import { prettyArguments, SELECTION_TASKS } from '../editor';
import type { ErrorKind, FinishReason } from '../types';

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

/** How an assistant turn's request fitted the model's window: the meter and the "not sent" marker. */
export interface TurnContext {
  windowTokens: number;
  /** Rill's count of the prompt as sent. */
  promptTokens: number;
  /** How many of the earlier messages were left out (the oldest). */
  droppedMessages: number;
  /** Attachments cut to fit. */
  cutAttachments?: number;
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
  status: TurnStatus;
  finishReason?: FinishReason;
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
 * text. Returns true when anything changed.
 */
export function markUnfinishedInterrupted(chat: Chat): boolean {
  let changed = false;
  for (const t of chat.turns) {
    if (t.status === 'streaming') {
      t.status = 'interrupted';
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

/** Tokens per second of a finished assistant turn, from its usage and timings; undefined when unknown. */
export function tokensPerSecond(turn: ChatTurn): number | undefined {
  if (!turn.usage || !turn.firstTokenAt || !turn.endedAt) return undefined;
  const seconds = (turn.endedAt - turn.firstTokenAt) / 1000;
  if (seconds <= 0) return undefined;
  return turn.usage.completionTokens / seconds;
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
