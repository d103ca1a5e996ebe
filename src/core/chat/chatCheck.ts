/**
 * Saved chats are read as hostile input: a file may be damaged, hand-edited, written by another
 * version or planted. Each field is checked on load. What a chat cannot be without (its id, which
 * must match the file's name, its times and turns with an id, a role and text) sends the file into
 * quarantine (kept aside, never dropped); any other malformed field is dropped, so the chat still
 * opens, exports and takes follow-up questions.
 */

import { isBelievableCost, isTokenCount } from '../client';
import { isAttachment } from '../context';
import type { ChatMessage, ErrorKind, FinishReason } from '../types';
import { type Chat, type ChatTurn, isTurnRequest, type ToolStep, type TurnStatus } from './transcript';

const STATUSES: readonly string[] = ['streaming', 'complete', 'interrupted', 'error'] satisfies TurnStatus[];
const FINISH_REASONS: readonly string[] = [
  'stop',
  'length',
  'tool_calls',
  'content_filter',
  'abort',
] satisfies FinishReason[];
const ERROR_KINDS: readonly string[] = [
  'http',
  'auth',
  'notFound',
  'rateLimited',
  'server',
  'network',
  'timeout',
  'protocol',
  'api',
  'config',
] satisfies ErrorKind[];

/** The outcome of {@link checkChat}: the chat with malformed fields dropped, or why the file must be kept aside. */
export type ChatCheck = { ok: true; chat: Chat; dropped: string[] } | { ok: false; reason: string };

type Fields = Record<string, unknown>;

const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isString = (v: unknown): v is string => typeof v === 'string';

function isToolCall(v: unknown): boolean {
  return isObject(v) && isString(v.id) && isString(v.name) && isString(v.arguments);
}

function isTurnError(v: unknown): boolean {
  return (
    isObject(v) &&
    isString(v.kind) &&
    ERROR_KINDS.includes(v.kind) &&
    isString(v.message) &&
    (v.status === undefined || (Number.isInteger(v.status) && (v.status as number) >= 100))
  );
}

function isTurnUsage(v: unknown): boolean {
  if (!isObject(v)) return false;
  if (!isTokenCount(v.promptTokens) || !isTokenCount(v.completionTokens) || !isTokenCount(v.totalTokens)) return false;
  return (
    (v.cost === undefined || isBelievableCost(v.cost, v.totalTokens)) &&
    (v.priced === undefined || typeof v.priced === 'boolean')
  );
}

function isTurnContext(v: unknown): boolean {
  return (
    isObject(v) &&
    isTokenCount(v.windowTokens) &&
    isTokenCount(v.promptTokens) &&
    isTokenCount(v.droppedMessages) &&
    (v.cutAttachments === undefined || isTokenCount(v.cutAttachments)) &&
    (v.cutToolResults === undefined || isTokenCount(v.cutToolResults)) &&
    (v.retried === undefined || typeof v.retried === 'boolean') &&
    (v.overflow === undefined || v.overflow === 'conversation' || v.overflow === 'question') &&
    (v.warning === undefined || isString(v.warning))
  );
}

const STEP_STATUSES: readonly string[] = ['running', 'waiting', 'done', 'refused'] satisfies ToolStep['status'][];

function isLocation(v: unknown): boolean {
  return isObject(v) && isString(v.path) && isTokenCount(v.line) && (v.column === undefined || isTokenCount(v.column));
}

function isToolStep(v: unknown): boolean {
  return (
    isObject(v) &&
    isToolCall(v) &&
    isString(v.title) &&
    isString(v.status) &&
    STEP_STATUSES.includes(v.status) &&
    isTokenCount(v.at) &&
    (v.result === undefined || isString(v.result)) &&
    (v.command === undefined || (isObject(v.command) && isString(v.command.line) && isString(v.command.cwd))) &&
    (v.locations === undefined || (Array.isArray(v.locations) && v.locations.every(isLocation)))
  );
}

const ROLES: readonly string[] = ['system', 'user', 'assistant', 'tool'] satisfies ChatMessage['role'][];

/** A message of a turn's tool exchange, as it is sent again. */
function isExchangeMessage(v: unknown): boolean {
  return (
    isObject(v) &&
    isString(v.role) &&
    ROLES.includes(v.role) &&
    isString(v.content) &&
    (v.toolCalls === undefined || (Array.isArray(v.toolCalls) && v.toolCalls.every(isToolCall))) &&
    (v.toolCallId === undefined || isString(v.toolCallId)) &&
    (v.toolResultOf === undefined || isString(v.toolResultOf))
  );
}

/** Each optional field of a turn and the test it must pass to be kept. */
const OPTIONAL: Record<string, (v: unknown) => boolean> = {
  reasoning: isString,
  finishReason: (v) => isString(v) && FINISH_REASONS.includes(v),
  error: isTurnError,
  model: isString,
  request: isTurnRequest,
  usage: isTurnUsage,
  context: isTurnContext,
  summary: (v) => typeof v === 'boolean',
  toolStop: isString,
  // An exchange is kept whole or not at all: a message missing from it would break the calls' pairing.
  exchange: (v) => Array.isArray(v) && v.every(isExchangeMessage),
  startedAt: isTime,
  firstTokenAt: isTime,
  endedAt: isTime,
};

/** Lists whose entries are checked one by one: a malformed entry is dropped, the others kept. */
const LISTS: Record<string, (v: unknown) => boolean> = {
  toolCalls: isToolCall,
  attachments: isAttachment,
  steps: isToolStep,
};

/** Checks one turn in place; `undefined` when it lacks what a turn cannot be without. */
function checkTurn(v: unknown, where: string, dropped: string[]): ChatTurn | undefined {
  if (!isObject(v) || !isString(v.id) || !isString(v.text) || (v.role !== 'user' && v.role !== 'assistant'))
    return undefined;
  if (!isString(v.status) || !STATUSES.includes(v.status)) {
    // A turn of unknown state keeps its text, shown as not finished.
    if (v.status !== undefined) dropped.push(`${where}.status`);
    v.status = v.role === 'user' ? 'complete' : 'interrupted';
  }
  for (const [field, ok] of Object.entries(OPTIONAL)) {
    if (v[field] !== undefined && !ok(v[field])) {
      delete v[field];
      dropped.push(`${where}.${field}`);
    }
  }
  for (const [field, ok] of Object.entries(LISTS)) {
    const list = v[field];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      delete v[field];
      dropped.push(`${where}.${field}`);
      continue;
    }
    const kept = list.filter(ok);
    if (kept.length !== list.length) {
      v[field] = kept;
      dropped.push(`${where}.${field}`);
    }
  }
  return v as unknown as ChatTurn;
}

/**
 * Checks a chat read from the file of chat `id`, field by field, dropping (in place) the optional
 * fields that are malformed and listing them in `dropped`. Not ok (the file is to be quarantined)
 * when the chat's id differs from `id`, or its title, times or any turn's id, role or text are not
 * what they must be.
 */
export function checkChat(v: unknown, id: string): ChatCheck {
  if (!isObject(v)) return { ok: false, reason: 'not a chat' };
  if (v.id !== id) return { ok: false, reason: 'the chat’s id does not match its file name' };
  if (!isString(v.title) || !isTime(v.createdAt) || !isTime(v.updatedAt))
    return { ok: false, reason: 'the chat’s title or times are malformed' };
  if (!Array.isArray(v.turns)) return { ok: false, reason: 'the chat has no list of turns' };
  const dropped: string[] = [];
  for (let i = 0; i < v.turns.length; i++) {
    if (!checkTurn(v.turns[i], `turns[${i}]`, dropped)) return { ok: false, reason: `turn ${i} is malformed` };
  }
  return { ok: true, chat: v as unknown as Chat, dropped };
}
