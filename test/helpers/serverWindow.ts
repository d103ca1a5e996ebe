/**
 * A context window for the test server, enforced the way real servers do: the prompt is counted
 * with a real BPE vocabulary (OpenAI's o200k, not Rill's estimate), and a request that does not fit
 * is refused with that server's own error shape, or (Ollama) silently cut to the window.
 */
import { encode } from 'gpt-tokenizer/cjs/encoding/o200k_base';

/** Whose overflow behaviour to imitate. */
export type OverflowShape =
  | 'openai'
  | 'vllm'
  | 'llamacpp'
  | 'lmstudio'
  | 'openrouter'
  | 'anthropic'
  | 'ollama'
  | 'ollama-silent';

/** The servers whose overflow errors Rill must recover from (all but the silent one). */
export const REFUSING_SHAPES: OverflowShape[] = [
  'openai',
  'vllm',
  'llamacpp',
  'lmstudio',
  'openrouter',
  'anthropic',
  'ollama',
];

/** The window a test server enforces. */
export interface ServerWindow {
  tokens: number;
  shape: OverflowShape;
  /** State the window in `GET /models` (as vLLM's `max_model_len`). */
  listed?: boolean;
  /**
   * The prompt size an overflow error states, as a multiple of the count the usage of accepted
   * requests reports (default 1): a server may count its template or the answer's room in it.
   */
  errorCountFactor?: number;
  /** How the list states it (default vLLM's): each shape a server or gateway is known to use. */
  listedAs?: WindowListing;
}

/** The `/models` entry fields that state a window, per server or gateway. */
export type WindowListing = 'vllm' | 'openrouter' | 'litellm' | 'litellm-info';

/** The fields one `/models` entry gets to state `tokens` the way `listing` does. */
export function listedWindowFields(listing: WindowListing, tokens: number): Record<string, unknown> {
  switch (listing) {
    case 'vllm':
      return { max_model_len: tokens };
    case 'openrouter':
      return { context_length: tokens };
    case 'litellm':
      return { max_input_tokens: tokens, max_output_tokens: 4096 };
    case 'litellm-info':
      return { model_info: { max_input_tokens: tokens, max_tokens: 4096, max_output_tokens: 4096 } };
  }
}

/** The server's own count of a request's prompt: each message's text plus the template's tokens. */
export function serverPromptTokens(body: any): number {
  const messages: any[] = Array.isArray(body?.messages) ? body.messages : [];
  let n = 3;
  for (const m of messages) n += 4 + encode(typeof m?.content === 'string' ? m.content : '').length;
  return n;
}

/** The status and JSON body each server answers a too-long prompt with. */
export function overflowReply(shape: OverflowShape, window: number, prompt: number, maxTokens: number): any {
  switch (shape) {
    case 'openai':
      return {
        error: {
          message: `This model's maximum context length is ${window} tokens. However, your messages resulted in ${prompt} tokens. Please reduce the length of the messages.`,
          type: 'invalid_request_error',
          param: 'messages',
          code: 'context_length_exceeded',
        },
      };
    case 'vllm':
      return {
        object: 'error',
        message: `This model's maximum context length is ${window} tokens. However, you requested ${prompt + maxTokens} tokens (${prompt} in the messages, ${maxTokens} in the completion). Please reduce the length of the messages or completion.`,
        type: 'BadRequestError',
        param: null,
        code: 400,
      };
    case 'llamacpp':
      return {
        error: {
          code: 400,
          message: `request (${prompt} tokens) exceeds the available context size (${window} tokens), try increasing it`,
          type: 'exceed_context_size_error',
          n_prompt_tokens: prompt,
          n_ctx: window,
        },
      };
    case 'lmstudio':
      return {
        error: `Trying to keep the first ${prompt} tokens when context the overflows. However, the model is loaded with context length of only ${window} tokens, which is not enough. Try to load the model with a larger context length, or provide a shorter input`,
      };
    case 'openrouter':
      return {
        error: {
          message: `This endpoint's maximum context length is ${window} tokens. However, you requested about ${prompt + maxTokens} tokens (${prompt} of text input, ${maxTokens} in the output). Please reduce the length of either one, or use the "middle-out" transform to compress your prompt automatically.`,
          code: 400,
        },
      };
    case 'anthropic':
      return {
        type: 'error',
        error: { type: 'invalid_request_error', message: `prompt is too long: ${prompt} tokens > ${window} maximum` },
      };
    case 'ollama':
      return { error: { message: 'input length exceeds the context length', type: 'invalid_request_error' } };
    case 'ollama-silent':
      return undefined;
  }
}
