import type { ChatTurn } from '../core/chat';
import { format } from './dom';

/** The answers' tokens added up, and their cost when every answer with usage reported one (never estimated). */
export function chatUsage(turns: readonly Pick<ChatTurn, 'usage'>[]): { totalTokens: number; cost?: number } {
  let totalTokens = 0;
  let cost = 0;
  let costKnown = true;
  for (const t of turns) {
    if (!t.usage) continue;
    totalTokens += t.usage.totalTokens;
    if (t.usage.cost === undefined) costKnown = false;
    else cost += t.usage.cost;
  }
  return costKnown && totalTokens > 0 ? { totalTokens, cost } : { totalTokens };
}

/** Tokens, and the cost when the server reported one (US dollars, with the decimals a small amount needs). */
export function usageText(s: Record<string, string>, tokens: number, cost?: number): string {
  const parts = [format(s.tokens, tokens.toLocaleString())];
  if (cost !== undefined) {
    const digits = cost > 0 && cost < 0.01 ? 6 : 4;
    parts.push(
      new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', maximumFractionDigits: digits }).format(
        cost,
      ),
    );
  }
  return parts.join(' · ');
}
