/**
 * `--messages FILE`: a conversation in OpenAI chat format, read and checked as hostile input, and
 * the notes the context layer prints (left-out messages, a trimmed retry, a silently cut prompt).
 */
import * as fs from 'node:fs';
import type { ContextEvent } from '../core/context';
import type { ChatMessage } from '../core/types';
import { UsageError } from './args';
import { put, putNote, type Sink } from './output';

const ROLES = new Set(['system', 'user', 'assistant', 'tool']);
/** A conversation file larger than this is a mistake, not a chat. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** A message's text: a string, or the text parts of a content array. */
function contentText(content: unknown, where: string): string {
  if (typeof content === 'string') return content;
  if (content === null) return '';
  if (Array.isArray(content)) {
    return content
      .map((part, j) => {
        const p = part as { type?: unknown; text?: unknown } | null;
        if (p && p.type === 'text' && typeof p.text === 'string') return p.text;
        throw new UsageError(`${where}: content part ${j} is not a text part (only text is supported).`);
      })
      .join('');
  }
  throw new UsageError(`${where}: "content" must be a string or an array of text parts.`);
}

/** Reads and checks a conversation file: a JSON array of `{role, content}` messages. Throws {@link UsageError}. */
export function readConversation(file: string): ChatMessage[] {
  let text: string;
  try {
    if (fs.statSync(file).size > MAX_FILE_BYTES) throw new UsageError(`${file} is larger than 64 MiB.`);
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file} is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!Array.isArray(parsed)) throw new UsageError(`${file} must hold a JSON array of chat messages.`);
  return parsed.map((m, i) => {
    const where = `${file}: message ${i}`;
    const o = m as { role?: unknown; content?: unknown } | null;
    if (!o || typeof o !== 'object') throw new UsageError(`${where} is not an object.`);
    if (typeof o.role !== 'string' || !ROLES.has(o.role))
      throw new UsageError(`${where} has role ${JSON.stringify(o.role)}; use system, user, assistant or tool.`);
    return { role: o.role as ChatMessage['role'], content: contentText(o.content, where) };
  });
}

/** A conversation split for the context layer. */
export interface Conversation {
  system?: string;
  history: ChatMessage[];
  question: ChatMessage;
}

/**
 * Splits messages into system prompt (`--system`, then the file's leading system messages), history
 * and the question: `prompt` when given, else the file's last message, which must be the user's.
 */
export function splitConversation(messages: ChatMessage[], prompt: string | undefined, system?: string): Conversation {
  let start = 0;
  const systems = system ? [system] : [];
  while (start < messages.length && messages[start].role === 'system') systems.push(messages[start++].content);
  const rest = messages.slice(start);
  let question: ChatMessage;
  if (prompt !== undefined) question = { role: 'user', content: prompt };
  else {
    const last = rest.pop();
    if (last?.role !== 'user')
      throw new UsageError('No prompt given, and the conversation does not end with a user message to answer.');
    question = last;
  }
  const out: Conversation = { history: rest, question };
  if (systems.length > 0) out.system = systems.join('\n\n');
  return out;
}

/** Prints what the context layer tells: JSON lines with `--json`, notes on stderr otherwise. */
export async function printContextEvent(e: ContextEvent, json: boolean, out: Sink, err: Sink): Promise<void> {
  if (json) {
    const { plan: _plan, ...rest } = e as ContextEvent & { plan?: unknown };
    const line =
      e.type === 'context'
        ? {
            type: 'context',
            windowTokens: e.windowTokens,
            promptTokens: e.promptTokens,
            droppedMessages: e.droppedMessages,
            ...(e.retry ? { retry: true } : {}),
          }
        : rest;
    return put(out, `${JSON.stringify(line)}\n`);
  }
  switch (e.type) {
    case 'context':
      if (e.droppedMessages > 0)
        await putNote(
          err,
          `${e.droppedMessages} earlier message${e.droppedMessages === 1 ? '' : 's'} not sent: the conversation is longer than the model's window (${e.windowTokens} tokens).`,
        );
      if (e.cutAttachments > 0) await putNote(err, `${e.cutAttachments} attachment(s) cut to fit the window.`);
      return;
    case 'contextOverflow':
      return putNote(
        err,
        e.retrying
          ? `the server says the conversation does not fit its window (${e.windowTokens} tokens); retrying with less of it.`
          : e.questionTooLong
            ? `the prompt alone does not fit the model's window (${e.windowTokens} tokens); shorten it.`
            : `the conversation still does not fit the model's window (${e.windowTokens} tokens); set --context-tokens lower.`,
      );
    case 'contextWarning':
      return putNote(err, e.message);
  }
}
