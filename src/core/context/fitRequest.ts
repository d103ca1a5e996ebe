/**
 * The window budget: system prompt + history + question + attachments + this answer's tool
 * exchange + room for the answer must fit the model's window. What does not fit goes in this
 * order: older tool results are cut to a one-line note, then the oldest turns go (never the system
 * prompt, never the current question), then the attachments are cut.
 */
import type { ChatMessage } from '../types';
import { type Attachment, messageWithAttachments } from './attachment';
import type { TokenCounter } from './tokenCounter';
import { estimateTokens, MESSAGE_OVERHEAD_TOKENS, REQUEST_OVERHEAD_TOKENS } from './tokenEstimate';

/** Room kept for the answer when no `max_tokens` is set: a quarter of the window, at most this. */
export const ANSWER_RESERVE_TOKENS = 1024;

/** What to fit. Messages are request messages; keep the same objects between requests so counts are cached. */
export interface FitInput {
  system?: string;
  /** Earlier messages, oldest first. */
  history: readonly ChatMessage[];
  /** The current question as typed (or the continue prompt); its attachments follow it. */
  question: ChatMessage;
  attachments?: readonly Attachment[];
  /**
   * This answer's tool exchange so far (assistant messages with calls, then their results), sent
   * after the question. Its newest results are kept whole; older ones may be cut to a note.
   */
  exchange?: readonly ChatMessage[];
  windowTokens: number;
  /** The request's `max_tokens`, if set: the room kept for the answer. */
  maxTokens?: number;
  /** The model's calibration factor (1 when unknown). */
  factor: number;
}

/** The request that fits, and what was left out. */
export interface FitResult {
  messages: ChatMessage[];
  /** How many of the history's messages were left out (the oldest ones). */
  droppedMessages: number;
  /** How many tool results were cut to a one-line note to fit. */
  cutToolResults: number;
  /** The attachments as sent (some possibly cut). */
  attachments: Attachment[];
  /** Rill's calibrated count of the prompt as sent. */
  promptTokens: number;
  /** The same, uncalibrated: what the server's count is compared with. */
  rawTokens: number;
  /** The prompt budget: the window less the answer's room. */
  budgetTokens: number;
  /** False when even the system prompt and the question alone (attachments cut to nothing) do not fit. */
  fits: boolean;
}

/** The room kept for the answer in a window of `windowTokens`. */
export function answerReserve(windowTokens: number, maxTokens?: number): number {
  const reserve = maxTokens ?? Math.min(ANSWER_RESERVE_TOKENS, Math.floor(windowTokens / 4));
  // A max_tokens as large as the window would leave no room for any prompt: keep half for it.
  return Math.min(reserve, Math.floor(windowTokens / 2));
}

/**
 * `a` cut to the largest line count whose block fits in `rawBudget` raw tokens (none kept if none
 * fits). The text is split once and each line estimated once; the search runs over the running sums
 * (a line's estimate plus one for its line break never undercounts the joined text), so the cost is
 * one pass over the text however many steps the search takes. One estimate of the result checks it.
 */
function cutToLines(a: Attachment, rawBudget: number): Attachment {
  const lines = a.text.split('\n');
  const total = lines.length;
  const withLines = (kept: number): Attachment =>
    kept >= total ? a : { ...a, text: lines.slice(0, kept).join('\n'), cut: { keptLines: kept, totalLines: total } };
  // The heading (with its cut note at the widest) and the fences, without any of the text.
  const overhead = estimateTokens(
    messageWithAttachments('', [{ ...withLines(0), cut: { keptLines: total, totalLines: total } }]),
  );
  const sums = new Float64Array(total + 1);
  for (let i = 0; i < total; i++) sums[i + 1] = sums[i] + estimateTokens(lines[i]) + 1;
  let lo = 0;
  let hi = total;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (overhead + sums[mid] <= rawBudget) lo = mid;
    else hi = mid - 1;
  }
  // The running sums may overcount a little, never under; a last check guards the fence's width.
  let kept = lo;
  for (let tries = 0; tries < 4 && kept > 0; tries++) {
    const size = estimateTokens(messageWithAttachments('', [withLines(kept)]));
    if (size <= rawBudget) break;
    kept = Math.max(0, Math.floor((kept * rawBudget) / size) - 1);
  }
  return withLines(kept);
}

/**
 * Cuts attachments so their blocks take at most `rawBudget` raw tokens together: each gets an equal
 * share, and what a small one does not use goes to the larger ones.
 */
function cutToFit(attachments: readonly Attachment[], rawBudget: number, counter: TokenCounter): Attachment[] {
  const sizes = attachments.map((a) => counter.count(messageWithAttachments('', [a])));
  const order = attachments.map((_, i) => i).sort((x, y) => sizes[x] - sizes[y]);
  const out = [...attachments];
  let left = Math.max(0, rawBudget);
  order.forEach((i, k) => {
    const share = Math.floor(left / (order.length - k));
    if (sizes[i] <= share) {
      left -= sizes[i];
      return;
    }
    out[i] = cutToLines(attachments[i], share);
    left -= counter.count(messageWithAttachments('', [out[i]]));
  });
  return out;
}

/** The one-line note a cut tool result becomes. */
export function cutToolResultNote(message: ChatMessage): string {
  return `[Earlier result of ${message.toolResultOf ?? 'a tool'} left out to fit the window; call the tool again if it is needed.]`;
}

/**
 * Cuts tool results of `messages` (oldest first, the last `keepLast` messages spared) to a one-line
 * note until `over` raw tokens are saved or none is left. Returns the new list (the same objects
 * where nothing was cut), the tokens saved and how many were cut.
 */
function cutToolResults(
  messages: readonly ChatMessage[],
  over: number,
  keepLast: number,
  counter: TokenCounter,
): { messages: ChatMessage[]; saved: number; cut: number } {
  const out = [...messages];
  let saved = 0;
  let cut = 0;
  for (let i = 0; i < out.length - keepLast && saved < over; i++) {
    const m = out[i];
    if (m.toolResultOf === undefined) continue;
    const note = cutToolResultNote(m);
    if (m.content === note) continue;
    const before = counter.countMessage(m);
    out[i] = { ...m, content: note };
    saved += before - counter.countMessage(out[i]);
    cut++;
  }
  return { messages: out, saved, cut };
}

/** How many messages at the end of `exchange` are its newest round's results (kept whole). */
function newestResults(exchange: readonly ChatMessage[]): number {
  let n = 0;
  while (n < exchange.length && exchange[exchange.length - 1 - n].toolResultOf !== undefined) n++;
  return n;
}

/**
 * Plans the messages of one request. Costs O(kept messages) with cached counts, plus the current
 * question's text; attachments are only rescanned when they must be cut.
 */
export function fitRequest(input: FitInput, counter: TokenCounter): FitResult {
  const factor = input.factor > 0 ? input.factor : 1;
  const budgetTokens = input.windowTokens - answerReserve(input.windowTokens, input.maxTokens);
  const rawBudget = Math.floor(budgetTokens / factor);
  const systemMessage: ChatMessage | undefined = input.system ? { role: 'system', content: input.system } : undefined;
  let attachments = [...(input.attachments ?? [])];
  let questionContent = messageWithAttachments(input.question.content, attachments);
  let fixed =
    REQUEST_OVERHEAD_TOKENS +
    (systemMessage ? counter.countMessage(systemMessage) : 0) +
    counter.count(questionContent) +
    MESSAGE_OVERHEAD_TOKENS;
  let fits = true;
  if (fixed > rawBudget && attachments.length > 0) {
    const bare = fixed - counter.count(questionContent) + counter.count(input.question.content);
    // The blocks are joined with blank lines: a couple of tokens each beyond their own count.
    attachments = cutToFit(attachments, rawBudget - bare - 2 * attachments.length, counter);
    questionContent = messageWithAttachments(input.question.content, attachments);
    fixed = bare - counter.count(input.question.content) + counter.count(questionContent);
  }
  // The exchange and the history together, oldest first: tool results are cut before turns go.
  let exchange: readonly ChatMessage[] = input.exchange ?? [];
  let history: readonly ChatMessage[] = input.history;
  let cutResults = 0;
  const sum = (ms: readonly ChatMessage[]) => ms.reduce((n, m) => n + counter.countMessage(m), 0);
  let exchangeTokens = sum(exchange);
  const historyTokens = sum(history);
  const over = fixed + exchangeTokens + historyTokens - rawBudget;
  if (over > 0) {
    const both = cutToolResults([...history, ...exchange], over, newestResults(exchange), counter);
    if (both.cut > 0) {
      history = both.messages.slice(0, history.length);
      exchange = both.messages.slice(history.length);
      exchangeTokens = sum(exchange);
      cutResults = both.cut;
    }
  }
  fixed += exchangeTokens;
  if (fixed > rawBudget) fits = false;
  // Keep the newest history that fits.
  let used = fixed;
  let keepFrom = history.length;
  while (keepFrom > 0) {
    const next = counter.countMessage(history[keepFrom - 1]);
    if (used + next > rawBudget) break;
    used += next;
    keepFrom--;
  }
  // Never start the kept history with an answer (or a tool result) whose question was dropped.
  while (keepFrom < history.length && keepFrom > 0 && history[keepFrom].role !== 'user') {
    used -= counter.countMessage(history[keepFrom]);
    keepFrom++;
  }
  // A text-protocol result is a user message: it cannot start the history either.
  while (keepFrom < history.length && keepFrom > 0 && history[keepFrom].toolResultOf !== undefined) {
    used -= counter.countMessage(history[keepFrom]);
    keepFrom++;
    while (keepFrom < history.length && history[keepFrom].role !== 'user') {
      used -= counter.countMessage(history[keepFrom]);
      keepFrom++;
    }
  }
  const question: ChatMessage =
    questionContent === input.question.content ? input.question : { ...input.question, content: questionContent };
  const messages = [...(systemMessage ? [systemMessage] : []), ...history.slice(keepFrom), question, ...exchange];
  return {
    messages,
    droppedMessages: keepFrom,
    cutToolResults: cutResults,
    attachments,
    promptTokens: Math.ceil(used * factor),
    rawTokens: used,
    budgetTokens,
    fits,
  };
}
