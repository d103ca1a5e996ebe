/**
 * Recognises "the request does not fit the model's context window" among a server's errors, and
 * reads the window and the prompt size when the server states them. The shapes, as real servers
 * send them:
 * - OpenAI, Azure OpenAI, Groq: `code: "context_length_exceeded"`, "This model's maximum context
 *   length is 128000 tokens. However, your messages resulted in 130123 tokens…" (newer: "Your input
 *   exceeds the context window of this model…");
 * - vLLM: 400 `{"object":"error","message":"This model's maximum context length is 4096 tokens. However,
 *   you requested 5000 tokens (4000 in the messages, 1000 in the completion)…"}`; newer releases: "…maximum
 *   context length is 4096 tokens and your request has 3500 input tokens…";
 * - llama.cpp: `type: "exceed_context_size_error"` with `n_prompt_tokens` and `n_ctx`, "request (369
 *   tokens) exceeds the available context size (256 tokens)…";
 * - LM Studio: "Trying to keep the first 15857 tokens when context the overflows. However, the model is
 *   loaded with context length of only 4096 tokens…", and llama.cpp's older "the number of tokens to keep
 *   from the initial prompt is greater than the context length (n_keep: 10247 >= n_ctx: 4096)";
 * - OpenRouter, DeepSeek: "This endpoint's maximum context length is 8192 tokens. However, you
 *   requested about 9000 tokens…";
 * - Ollama (when it refuses rather than silently cutting): "input length exceeds the context length";
 * - Anthropic-compatible gateways: "prompt is too long: 208310 tokens > 200000 maximum", "input length
 *   and `max_tokens` exceed context limit: 197626 + 8192 > 200000";
 * - Mistral: "Prompt contains 40000 tokens … too large for model with 32768 maximum context length";
 * - Gemini's OpenAI layer: "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576)".
 */

/** What is known about a failed request; `code` and `type` when the error carries the server's fields. */
export interface FailureFacts {
  status?: number;
  message: string;
  code?: string | number;
  type?: string;
  /** The server's error object, when kept: llama.cpp puts `n_ctx` and `n_prompt_tokens` there. */
  details?: unknown;
}

/** A recognised context overflow. */
export interface Overflow {
  /** The window the server stated, in tokens. */
  windowTokens?: number;
  /** The prompt size the server counted, in its own tokens. */
  promptTokens?: number;
}

const OVERFLOW_CODES = new Set(['context_length_exceeded', 'exceed_context_size_error', 'string_above_max_length']);

/** Phrases that say the context window was exceeded, in the servers' words (lower case). */
const OVERFLOW_TEXT =
  /context[ _-]?(length|window|size|limit)[^.]*(exceed|overflow)|exceed[a-z]*[^.]{0,40}context|maximum context length|context the overflows|prompt is too long|too large for model with|tokens to keep[^.]*greater than the context|n_keep\W{0,3}\d+\W{0,6}n_ctx|input token count[^.]*exceeds|reduce the length of the (messages|prompt|input)/i;

/** A positive whole number in text such as "4,096" or "4096". */
function int(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const n = Number(text.replace(/,/g, ''));
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function numberField(o: unknown, key: string): number | undefined {
  if (!o || typeof o !== 'object') return undefined;
  const rec = o as Record<string, unknown>;
  const inner = rec.error && typeof rec.error === 'object' ? (rec.error as Record<string, unknown>) : rec;
  const v = inner[key] ?? rec[key];
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
}

const N = '(\\d[\\d,]*)';
/** Patterns for the window, first match wins. */
const WINDOW_PATTERNS = [
  new RegExp(`maximum context length (?:is|of) ${N}`, 'i'),
  new RegExp(`available context size \\(${N} tokens?\\)`, 'i'),
  new RegExp(`context length of only ${N}`, 'i'),
  new RegExp(`n_ctx\\W{0,3}${N}`, 'i'),
  new RegExp(`${N} maximum context length`, 'i'),
  new RegExp(`tokens > ${N} maximum`, 'i'),
  new RegExp(`> ${N}(?:\\b|,|$)`, 'i'),
  new RegExp(`maximum number of tokens allowed \\(${N}\\)`, 'i'),
  new RegExp(`context (?:length|window|size|limit)(?: is| of)? ${N}`, 'i'),
];
/** Patterns for the prompt's size, first match wins. */
const PROMPT_PATTERNS = [
  new RegExp(`messages resulted in ${N} tokens`, 'i'),
  new RegExp(`${N} in the messages`, 'i'),
  new RegExp(`request has ${N} input tokens`, 'i'),
  new RegExp(`request \\(${N} tokens?\\) exceeds`, 'i'),
  new RegExp(`keep the first ${N} tokens`, 'i'),
  new RegExp(`n_keep\\W{0,3}${N}`, 'i'),
  new RegExp(`prompt is too long: ${N} tokens`, 'i'),
  new RegExp(`limit: ${N} \\+`, 'i'),
  new RegExp(`prompt contains ${N} tokens`, 'i'),
  new RegExp(`input token count \\(${N}\\)`, 'i'),
  new RegExp(`about ${N} tokens \\(${N} of text input`, 'i'),
];

function firstMatch(patterns: readonly RegExp[], text: string, group = 1): number | undefined {
  for (const p of patterns) {
    const m = p.exec(text);
    if (m) {
      // OpenRouter's "about N tokens (M of text input…)": M is the prompt.
      const n = int(m[m.length > 2 ? 2 : group]);
      if (n !== undefined) return n;
    }
  }
  return undefined;
}

/**
 * Whether a failure is a context overflow, and what the server said about sizes. Undefined for
 * every other failure. Never throws, whatever the text.
 */
export function recogniseOverflow(failure: FailureFacts): Overflow | undefined {
  // A refused request (400, 413, 422; some servers answer 500); never an auth, rate-limit or not-found failure.
  if (failure.status !== undefined && ![400, 413, 422, 500].includes(failure.status)) return undefined;
  const text = typeof failure.message === 'string' ? failure.message.slice(0, 4000) : '';
  const code = String(failure.code ?? '').toLowerCase();
  const type = String(failure.type ?? '').toLowerCase();
  if (!OVERFLOW_CODES.has(code) && !OVERFLOW_CODES.has(type) && !OVERFLOW_TEXT.test(text)) return undefined;
  const result: Overflow = {};
  const windowTokens = numberField(failure.details, 'n_ctx') ?? firstMatch(WINDOW_PATTERNS, text);
  const promptTokens = numberField(failure.details, 'n_prompt_tokens') ?? firstMatch(PROMPT_PATTERNS, text);
  if (windowTokens !== undefined) result.windowTokens = windowTokens;
  if (promptTokens !== undefined && promptTokens !== windowTokens) result.promptTokens = promptTokens;
  return result;
}
