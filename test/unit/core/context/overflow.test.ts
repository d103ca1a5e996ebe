import * as assert from 'node:assert';
import { recogniseOverflow } from '../../../../src/core/context';

/** Overflow errors as real servers word them (messages as the client quotes them). */
const CASES: { name: string; status?: number; message: string; code?: string; window?: number; prompt?: number }[] = [
  {
    name: 'OpenAI context_length_exceeded',
    status: 400,
    code: 'context_length_exceeded',
    message:
      "This model's maximum context length is 128000 tokens. However, your messages resulted in 130123 tokens. Please reduce the length of the messages.",
    window: 128000,
    prompt: 130123,
  },
  {
    name: 'OpenAI newer wording, code only',
    status: 400,
    code: 'context_length_exceeded',
    message: 'Your input exceeds the context window of this model. Please adjust your input and try again.',
  },
  {
    name: 'vLLM',
    status: 400,
    message:
      "This model's maximum context length is 4096 tokens. However, you requested 5000 tokens (4000 in the messages, 1000 in the completion). Please reduce the length of the messages or completion.",
    window: 4096,
    prompt: 4000,
  },
  {
    name: 'vLLM newer wording',
    status: 400,
    message:
      "'max_tokens' or 'max_completion_tokens' is too large: 1000. This model's maximum context length is 4096 tokens and your request has 3500 input tokens (1000 > 4096 - 3500).",
    window: 4096,
    prompt: 3500,
  },
  {
    name: 'llama.cpp exceed_context_size_error',
    status: 400,
    message:
      'The server rejected the request (400 Bad Request): request (369 tokens) exceeds the available context size (256 tokens), try increasing it.',
    window: 256,
    prompt: 369,
  },
  {
    name: 'LM Studio',
    status: 400,
    message:
      'Trying to keep the first 15857 tokens when context the overflows. However, the model is loaded with context length of only 4096 tokens, which is not enough. Try to load the model with a larger context length, or provide a shorter input',
    window: 4096,
    prompt: 15857,
  },
  {
    name: 'LM Studio / llama.cpp n_keep',
    status: 400,
    message:
      'The number of tokens to keep from the initial prompt is greater than the context length (n_keep: 10247 >= n_ctx: 4096). Try to load the model with a larger context length, or provide a shorter prompt.',
    window: 4096,
    prompt: 10247,
  },
  {
    name: 'LM Studio n_keep in parentheses',
    status: 400,
    message: 'Cannot truncate prompt with n_keep (15028) >= n_ctx (7424)',
    window: 7424,
    prompt: 15028,
  },
  {
    name: 'OpenRouter',
    status: 400,
    message:
      'This endpoint\'s maximum context length is 8192 tokens. However, you requested about 9000 tokens (8000 of text input, 1000 in the output). Please reduce the length of either one, or use the "middle-out" transform to compress your prompt automatically.',
    window: 8192,
    prompt: 8000,
  },
  { name: 'Ollama', status: 400, message: 'input length exceeds the context length' },
  {
    name: 'Anthropic-compatible: prompt is too long',
    status: 400,
    message: 'prompt is too long: 208310 tokens > 200000 maximum',
    window: 200000,
    prompt: 208310,
  },
  {
    name: 'Anthropic-compatible: input and max_tokens',
    status: 400,
    message:
      'input length and `max_tokens` exceed context limit: 197626 + 8192 > 200000, decrease input length or `max_tokens` and try again',
    window: 200000,
    prompt: 197626,
  },
  {
    name: 'Mistral',
    status: 400,
    message: 'Prompt contains 40000 tokens and 0 draft tokens, too large for model with 32768 maximum context length',
    window: 32768,
    prompt: 40000,
  },
  {
    name: 'Gemini OpenAI layer',
    status: 400,
    message: 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).',
    window: 1048576,
    prompt: 1200000,
  },
];

describe('context overflow recognition', () => {
  for (const c of CASES) {
    it(`recognises ${c.name}`, () => {
      const got = recogniseOverflow({ status: c.status, message: c.message, code: c.code });
      assert.ok(got, 'recognised');
      assert.strictEqual(got.windowTokens, c.window);
      assert.strictEqual(got.promptTokens, c.prompt);
    });
  }

  it('reads llama.cpp n_ctx and n_prompt_tokens from the error object when it is kept', () => {
    const details = { error: { code: 400, type: 'exceed_context_size_error', n_prompt_tokens: 369, n_ctx: 256 } };
    assert.deepStrictEqual(
      recogniseOverflow({ status: 400, message: 'x', type: 'exceed_context_size_error', details }),
      { windowTokens: 256, promptTokens: 369 },
    );
  });

  it('leaves other failures alone', () => {
    for (const f of [
      { status: 401, message: 'Incorrect API key provided' },
      { status: 429, message: 'Rate limit exceeded: maximum context length is irrelevant here' },
      { status: 503, message: 'maximum context length is 4096 tokens' },
      { status: 400, message: 'Invalid value for temperature' },
      { status: 404, message: 'The model `gpt-5` does not exist' },
      { message: 'fetch failed' },
    ])
      assert.strictEqual(recogniseOverflow(f), undefined, f.message);
  });

  it('never throws on hostile text', () => {
    const long = `${'maximum context length is '.repeat(5000)}9`.repeat(3);
    assert.ok(recogniseOverflow({ status: 400, message: long }));
    assert.ok(recogniseOverflow({ status: 400, message: '', code: 'context_length_exceeded' }));
  });
});
