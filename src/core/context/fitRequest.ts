/**
 * The window budget: system prompt + history + question + attachments + room for the answer must
 * fit the model's window. What does not fit goes in this order: the oldest turns first (never the
 * system prompt, never the current question), then the attachments are cut.
 */
import type { ChatMessage } from '../types';
import { type Attachment, cutAttachment, messageWithAttachments } from './attachment';
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

/** The largest line count of `a` whose block fits in `rawBudget` raw tokens (binary search; 0 if none). */
function linesThatFit(a: Attachment, rawBudget: number): number {
  const total = a.text.split('\n').length;
  let lo = 0;
  let hi = total;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (estimateTokens(messageWithAttachments('', [cutAttachment(a, mid)])) <= rawBudget) lo = mid;
    else hi = mid - 1;
  }
  return lo;
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
    out[i] = cutAttachment(attachments[i], linesThatFit(attachments[i], share));
    left -= counter.count(messageWithAttachments('', [out[i]]));
  });
  return out;
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
  if (fixed > rawBudget) fits = false;
  // Keep the newest history that fits.
  let used = fixed;
  let keepFrom = input.history.length;
  while (keepFrom > 0) {
    const next = counter.countMessage(input.history[keepFrom - 1]);
    if (used + next > rawBudget) break;
    used += next;
    keepFrom--;
  }
  // Never start the kept history with an answer whose question was dropped.
  while (keepFrom < input.history.length && input.history[keepFrom].role === 'assistant' && keepFrom > 0) {
    used -= counter.countMessage(input.history[keepFrom]);
    keepFrom++;
  }
  const question: ChatMessage =
    questionContent === input.question.content ? input.question : { ...input.question, content: questionContent };
  const messages = [...(systemMessage ? [systemMessage] : []), ...input.history.slice(keepFrom), question];
  return {
    messages,
    droppedMessages: keepFrom,
    attachments,
    promptTokens: Math.ceil(used * factor),
    rawTokens: used,
    budgetTokens,
    fits,
  };
}
