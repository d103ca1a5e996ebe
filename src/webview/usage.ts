import type { ChatTurn } from '../core/chat';
import { format } from './dom';

/** What the footer and an answer show of usage: tokens, and the cost when it is known. */
export interface UsageFigures {
  totalTokens: number;
  cost?: number;
  /** Part of the cost was computed from the model list's prices rather than reported by the server. */
  priced?: boolean;
}

/**
 * The answers' tokens added up, and their cost when every answer with usage has one (reported by
 * the server, or computed from the model list's prices: then `priced`); never estimated otherwise.
 */
export function chatUsage(turns: readonly Pick<ChatTurn, 'usage'>[]): UsageFigures {
  let totalTokens = 0;
  let cost = 0;
  let costKnown = true;
  let priced = false;
  for (const t of turns) {
    if (!t.usage) continue;
    totalTokens += t.usage.totalTokens;
    if (t.usage.cost === undefined) costKnown = false;
    else cost += t.usage.cost;
    if (t.usage.priced) priced = true;
  }
  if (!costKnown || totalTokens === 0) return { totalTokens };
  return priced ? { totalTokens, cost, priced } : { totalTokens, cost };
}

/**
 * What one answer shows: its own tokens first, the prompt's apart (a total under a short answer
 * reads as its length), then the cost when known.
 */
export function answerUsageText(s: Record<string, string>, usage: NonNullable<ChatTurn['usage']>): string {
  const tokens = format(s.answerTokens, usage.completionTokens.toLocaleString(), usage.promptTokens.toLocaleString());
  return usage.cost === undefined ? tokens : `${tokens} · ${costText(usage.cost, usage.priced)}`;
}

/**
 * Tokens, and the cost when known (US dollars, with the decimals a small amount needs). A cost
 * computed from list prices is marked "≈": the server's bill may differ (cached tokens, fees).
 */
export function usageText(s: Record<string, string>, { totalTokens, cost, priced }: UsageFigures): string {
  const tokens = format(s.tokens, totalTokens.toLocaleString());
  return cost === undefined ? tokens : `${tokens} · ${costText(cost, priced)}`;
}

/** US dollars, with the decimals a small amount needs; "≈" when computed from list prices. */
function costText(cost: number, priced?: boolean): string {
  const digits = cost > 0 && cost < 0.01 ? 6 : 4;
  const amount = new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency: 'USD',
    maximumFractionDigits: digits,
  }).format(cost);
  return priced ? `≈${amount}` : amount;
}

/** Tokens per second of a finished assistant turn, from its usage and timings; undefined when unknown. */
export function tokensPerSecond(turn: Pick<ChatTurn, 'usage' | 'firstTokenAt' | 'endedAt'>): number | undefined {
  if (!turn.usage || !turn.firstTokenAt || !turn.endedAt) return undefined;
  const seconds = (turn.endedAt - turn.firstTokenAt) / 1000;
  if (seconds <= 0) return undefined;
  return turn.usage.completionTokens / seconds;
}
