/**
 * Usage as the server reports it is server text like any other: a token count may arrive negative,
 * fractional, as a string or beyond any real answer, a cost as garbage or in the wrong unit. Counts
 * and cost are checked here, and what fails is dropped, never shown or added up (the model list's
 * prices get the same treatment in `modelPrices.ts`).
 */
import { MAX_USD_PER_TOKEN } from '../modelPrices';

/** A token count to believe: a safe, non-negative whole number. */
export function isTokenCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/**
 * The most one answer of `tokens` tokens may cost to be believed, in US dollars: every token at
 * the dearest believable price, plus a dollar for per-request fees (web search and the like).
 */
export function maxBelievableCost(tokens: number): number {
  return 1 + tokens * MAX_USD_PER_TOKEN;
}

/** A cost to believe: a finite, non-negative number of US dollars within {@link maxBelievableCost}. */
export function isBelievableCost(v: unknown, tokens: number): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= maxBelievableCost(tokens);
}

/** Checked usage: token counts, and a cost when the server reported a believable one. */
export interface CheckedUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  cost?: number;
}

/**
 * The usage a server's `usage` object states, or `undefined` when a token count is there but not
 * a count (the whole report is then doubtful). A missing count is 0, a missing total the sum; a
 * total below the sum is not believed either. A cost beyond belief is dropped, the counts kept.
 */
export function checkedUsage(raw: {
  prompt_tokens?: unknown;
  completion_tokens?: unknown;
  total_tokens?: unknown;
  cost?: unknown;
}): CheckedUsage | undefined {
  const counts = [raw.prompt_tokens, raw.completion_tokens, raw.total_tokens];
  if (!counts.every((c) => c === undefined || c === null || isTokenCount(c))) return undefined;
  const promptTokens = (raw.prompt_tokens as number | undefined) ?? 0;
  const completionTokens = (raw.completion_tokens as number | undefined) ?? 0;
  const sum = promptTokens + completionTokens;
  if (!Number.isSafeInteger(sum)) return undefined;
  const stated = raw.total_tokens as number | undefined | null;
  const totalTokens = stated ? stated : sum;
  if (totalTokens < sum) return undefined;
  const usage: CheckedUsage = { promptTokens, completionTokens, totalTokens };
  if (isBelievableCost(raw.cost, totalTokens)) usage.cost = raw.cost;
  return usage;
}
