/**
 * How many tokens a model's context window holds: what the server's `/models` list says, else the
 * profile's `contextTokens` setting, else {@link DEFAULT_CONTEXT_TOKENS}; a window learned from an
 * overflow error outranks them all, because it is what the running server enforces.
 */

import { modelListEntry } from '../client';

/**
 * The window assumed when nothing tells: small enough for the local servers' usual defaults
 * (llama.cpp and LM Studio load many models at 4,096 to 8,192 tokens) to be caught by one trimmed
 * retry, large enough not to cut hosted models' chats needlessly short.
 */
export const DEFAULT_CONTEXT_TOKENS = 8192;

/** Where a window figure came from, most trusted first. */
export type WindowSource = 'learned' | 'server' | 'setting' | 'default';

/** A model's window and where the figure came from. */
export interface ModelWindow {
  tokens: number;
  source: WindowSource;
}

/** A positive whole number of tokens, or undefined. */
function tokenCount(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 && n < 1e9 ? n : undefined;
}

function field(o: unknown, key: string): unknown {
  return o && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined;
}

/**
 * The context window one entry of a `/models` list states, in the fields real servers use:
 * - vLLM: `max_model_len`;
 * - OpenRouter: `context_length` (and `top_provider.context_length`), as Together and others do;
 * - LM Studio (`/api/v0/models`): `loaded_context_length`, else `max_context_length`;
 * - llama.cpp's server: `meta.n_ctx` when present, else `meta.n_ctx_train` (the model's trained
 *   window; the server may run with less, which an overflow error then teaches);
 * - Groq: `context_window`; Mistral: `max_context_length`;
 * - LiteLLM (a proxy often in front of the others): `max_input_tokens`, at the top or under
 *   `model_info` (its `max_tokens` is not used: LiteLLM fills it with the output limit for some models).
 * Ollama's and OpenAI's lists state none.
 */
export function windowFromModelEntry(entry: unknown): number | undefined {
  const candidates = [
    field(entry, 'loaded_context_length'),
    field(entry, 'max_model_len'),
    field(entry, 'context_length'),
    field(field(entry, 'top_provider'), 'context_length'),
    field(field(entry, 'meta'), 'n_ctx'),
    field(field(entry, 'meta'), 'n_ctx_train'),
    field(entry, 'context_window'),
    field(entry, 'max_context_length'),
    field(entry, 'max_input_tokens'),
    field(field(entry, 'model_info'), 'max_input_tokens'),
  ];
  for (const c of candidates) {
    const n = tokenCount(c);
    if (n !== undefined) return n;
  }
  return undefined;
}

/** The window a `/models` payload states for `model` (matched by `id`, `model` or `name`), if any. */
export function windowFromModelList(payload: unknown, model: string): number | undefined {
  const entry = modelListEntry(payload, model);
  return entry === undefined ? undefined : windowFromModelEntry(entry);
}

/** Everything known about a model's window; each part optional. */
export interface WindowFacts {
  /** From an overflow error of this endpoint and model. */
  learned?: number;
  /** From the server's model list. */
  server?: number;
  /** The profile's `contextTokens` setting (or the CLI's `--context-tokens`). */
  setting?: number;
}

/**
 * Picks the window to plan with. A learned window wins; then the user's own setting, since a user
 * who set one knows how the server was started (a local server often runs with less than the
 * model's trained window that `/models` states); then the server's figure; then the default.
 */
export function resolveWindow(facts: WindowFacts): ModelWindow {
  const learned = tokenCount(facts.learned);
  if (learned) return { tokens: learned, source: 'learned' };
  const setting = tokenCount(facts.setting);
  if (setting) return { tokens: setting, source: 'setting' };
  const server = tokenCount(facts.server);
  if (server) return { tokens: server, source: 'server' };
  return { tokens: DEFAULT_CONTEXT_TOKENS, source: 'default' };
}

/**
 * Windows learned from overflow errors, per endpoint and model. Serialisable (`toJSON` /
 * constructor) so the host can keep it across sessions.
 */
export class WindowMemory {
  private readonly windows: Map<string, number>;

  constructor(saved: Record<string, number> = {}) {
    this.windows = new Map(Object.entries(saved).filter(([, n]) => tokenCount(n) !== undefined));
  }

  private static key(endpoint: string, model: string): string {
    return `${endpoint}\u0000${model}`;
  }

  /** The learned window of `model` at `endpoint` (a base URL without credentials). */
  get(endpoint: string, model: string): number | undefined {
    return this.windows.get(WindowMemory.key(endpoint, model));
  }

  /** Remembers a window; returns true when it changed what was known. */
  remember(endpoint: string, model: string, tokens: number): boolean {
    const n = tokenCount(tokens);
    const key = WindowMemory.key(endpoint, model);
    if (n === undefined || this.windows.get(key) === n) return false;
    this.windows.set(key, n);
    return true;
  }

  /** Plain data to save. */
  toJSON(): Record<string, number> {
    return Object.fromEntries(this.windows);
  }
}
