/**
 * What a model costs, from the server's `/models` list, for the cost of an answer when the server's
 * usage does not report one. Model lists are server text: every price is checked, and a model whose
 * prices are missing, negative, not numbers or beyond belief has none (no cost is shown, never a guess).
 */

/** A model's list prices in US dollars per token. */
export interface ModelPrices {
  prompt: number;
  completion: number;
}

/**
 * The dearest a token may be to be believed: $10,000 per million tokens, ten times the dearest
 * model listed anywhere today. Beyond it a price is a unit mix-up or garbage.
 */
export const MAX_USD_PER_TOKEN = 0.01;

/** A decimal number as JSON or a price string carries it ("0.000003", "3e-6", "0"). */
const DECIMAL = /^\s*\d+(\.\d*)?([eE][-+]?\d+)?\s*$|^\s*\.\d+([eE][-+]?\d+)?\s*$/;

function field(o: unknown, key: string): unknown {
  return o && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined;
}

/**
 * One price in US dollars per token: a number or a decimal string, zero or more, finite, within
 * belief. OpenRouter marks a price that depends on the route (its `openrouter/auto`) as "-1": unknown.
 */
export function pricePerToken(v: unknown): number | undefined {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && DECIMAL.test(v)) n = Number(v);
  else return undefined;
  return Number.isFinite(n) && n >= 0 && n <= MAX_USD_PER_TOKEN ? n : undefined;
}

/** The entries of a `/models` payload: `{data: […]}`, `{models: […]}` or a bare array. */
function entries(payload: unknown): unknown[] {
  if (Array.isArray(payload)) return payload;
  const data = field(payload, 'data') ?? field(payload, 'models');
  return Array.isArray(data) ? data : [];
}

/** The entry of a `/models` payload for `model` (matched by `id`, `model` or `name`), if any. */
export function modelListEntry(payload: unknown, model: string): unknown {
  return entries(payload).find((e) => [field(e, 'id'), field(e, 'model'), field(e, 'name')].includes(model));
}

/**
 * The prices one entry of a `/models` list states, in the shapes gateways use:
 * - OpenRouter: `pricing: {prompt, completion}`, US dollars per token as strings;
 * - LiteLLM's proxy: `input_cost_per_token` and `output_cost_per_token` (also under `model_info`).
 * Both prices must be known; a model with one of them only has none.
 */
export function pricesFromModelEntry(entry: unknown): ModelPrices | undefined {
  const pricing = field(entry, 'pricing');
  const info = field(entry, 'model_info') ?? entry;
  const candidates: [unknown, unknown][] = [
    [field(pricing, 'prompt'), field(pricing, 'completion')],
    [field(entry, 'input_cost_per_token'), field(entry, 'output_cost_per_token')],
    [field(info, 'input_cost_per_token'), field(info, 'output_cost_per_token')],
  ];
  for (const [p, c] of candidates) {
    const prompt = pricePerToken(p);
    const completion = pricePerToken(c);
    if (prompt !== undefined && completion !== undefined) return { prompt, completion };
  }
  return undefined;
}

/** The prices a `/models` payload states for `model`, if it states both. */
export function pricesFromModelList(payload: unknown, model: string): ModelPrices | undefined {
  const entry = modelListEntry(payload, model);
  return entry === undefined ? undefined : pricesFromModelEntry(entry);
}

/**
 * The cost of an answer's tokens at `prices`, in US dollars; undefined when the token counts are
 * not whole non-negative numbers.
 */
export function costAtPrices(
  usage: { promptTokens: number; completionTokens: number },
  prices: ModelPrices,
): number | undefined {
  const ok = (n: number) => Number.isSafeInteger(n) && n >= 0;
  if (!ok(usage.promptTokens) || !ok(usage.completionTokens)) return undefined;
  return usage.promptTokens * prices.prompt + usage.completionTokens * prices.completion;
}
