import * as assert from 'node:assert';
import {
  DEFAULT_CONTEXT_TOKENS,
  resolveWindow,
  WindowMemory,
  windowFromModelEntry,
  windowFromModelList,
} from '../../../../src/core/context';

describe('model window', () => {
  it('reads the window from each server’s /models shape', () => {
    // vLLM /v1/models
    assert.strictEqual(
      windowFromModelEntry({ id: 'Qwen/Qwen2.5-7B', object: 'model', owned_by: 'vllm', max_model_len: 32768 }),
      32768,
    );
    // OpenRouter /api/v1/models
    assert.strictEqual(
      windowFromModelEntry({ id: 'openai/gpt-4o', context_length: 128000, top_provider: { context_length: 128000 } }),
      128000,
    );
    assert.strictEqual(windowFromModelEntry({ id: 'x', top_provider: { context_length: 64000 } }), 64000);
    // LM Studio /api/v0/models: the loaded window wins over the model's maximum
    assert.strictEqual(
      windowFromModelEntry({ id: 'qwen', state: 'loaded', max_context_length: 32768, loaded_context_length: 4096 }),
      4096,
    );
    // llama.cpp /v1/models
    assert.strictEqual(
      windowFromModelEntry({ id: 'm.gguf', owned_by: 'llamacpp', meta: { n_vocab: 151936, n_ctx_train: 40960 } }),
      40960,
    );
    assert.strictEqual(windowFromModelEntry({ id: 'm', meta: { n_ctx: 8192, n_ctx_train: 40960 } }), 8192);
    // Groq
    assert.strictEqual(windowFromModelEntry({ id: 'llama', context_window: 131072 }), 131072);
    // LiteLLM: `max_input_tokens`, at the top or under `model_info`; its `max_tokens` is not a window
    assert.strictEqual(windowFromModelEntry({ id: 'gw', max_input_tokens: 2048, max_output_tokens: 4096 }), 2048);
    assert.strictEqual(
      windowFromModelEntry({ id: 'gw', model_info: { max_input_tokens: 2048, max_tokens: 4096 } }),
      2048,
    );
    assert.strictEqual(windowFromModelEntry({ id: 'gw', model_info: { max_tokens: 4096 } }), undefined);
    // Ollama and OpenAI state none
    assert.strictEqual(
      windowFromModelEntry({ id: 'llama3.2:latest', object: 'model', owned_by: 'library' }),
      undefined,
    );
    assert.strictEqual(windowFromModelEntry({ id: 'x', context_length: -5 }), undefined);
    assert.strictEqual(windowFromModelEntry({ id: 'x', context_length: 'lots' }), undefined);
  });

  it('finds the model in the list', () => {
    const payload = {
      data: [
        { id: 'a', max_model_len: 1000 },
        { id: 'b', max_model_len: 2000 },
      ],
    };
    assert.strictEqual(windowFromModelList(payload, 'b'), 2000);
    assert.strictEqual(windowFromModelList(payload, 'c'), undefined);
    assert.strictEqual(windowFromModelList({ models: [{ name: 'n', context_length: 77 }] }, 'n'), 77);
    assert.strictEqual(windowFromModelList('garbage', 'n'), undefined);
  });

  it('prefers a learned window, then the setting, then the server, then the default', () => {
    assert.deepStrictEqual(resolveWindow({ learned: 100, setting: 200, server: 300 }), {
      tokens: 100,
      source: 'learned',
    });
    assert.deepStrictEqual(resolveWindow({ setting: 200, server: 300 }), { tokens: 200, source: 'setting' });
    assert.deepStrictEqual(resolveWindow({ server: 300 }), { tokens: 300, source: 'server' });
    assert.deepStrictEqual(resolveWindow({}), { tokens: DEFAULT_CONTEXT_TOKENS, source: 'default' });
    assert.deepStrictEqual(resolveWindow({ setting: 0 }), { tokens: DEFAULT_CONTEXT_TOKENS, source: 'default' });
  });

  it('remembers learned windows per endpoint and model, and survives a save', () => {
    const m = new WindowMemory();
    assert.ok(m.remember('http://a/v1', 'x', 4096));
    assert.ok(!m.remember('http://a/v1', 'x', 4096));
    assert.strictEqual(m.get('http://a/v1', 'x'), 4096);
    assert.strictEqual(m.get('http://b/v1', 'x'), undefined);
    assert.strictEqual(m.get('http://a/v1', 'y'), undefined);
    const again = new WindowMemory(JSON.parse(JSON.stringify(m)));
    assert.strictEqual(again.get('http://a/v1', 'x'), 4096);
    assert.strictEqual(new WindowMemory({ bad: -1 } as Record<string, number>).get('bad', ''), undefined);
  });
});
