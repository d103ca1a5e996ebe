/** Base URL normalisation, authentication headers and the request body. */
import * as assert from 'node:assert/strict';
import { DEFAULT_AZURE_API_VERSION, resolveEndpoint } from '../../../../src/core/client/endpoint';
import { EndpointError } from '../../../../src/core/client/errors';
import { buildChatBody, rejectsStreamOptions } from '../../../../src/core/client/requestBody';

describe('resolveEndpoint: base URL normalisation', () => {
  const cases: [string, string][] = [
    ['https://api.openai.com/v1', 'https://api.openai.com/v1/chat/completions'],
    ['https://api.openai.com/v1/', 'https://api.openai.com/v1/chat/completions'],
    ['https://api.openai.com/v1///', 'https://api.openai.com/v1/chat/completions'],
    ['https://api.openai.com', 'https://api.openai.com/v1/chat/completions'],
    ['https://api.openai.com/', 'https://api.openai.com/v1/chat/completions'],
    ['https://api.openai.com/v1/chat/completions', 'https://api.openai.com/v1/chat/completions'],
    ['https://api.openai.com/v1/chat/completions/', 'https://api.openai.com/v1/chat/completions'],
    ['https://api.openai.com/v1/models', 'https://api.openai.com/v1/chat/completions'],
    ['  http://localhost:11434/v1  ', 'http://localhost:11434/v1/chat/completions'],
    ['http://localhost:11434', 'http://localhost:11434/v1/chat/completions'],
    ['localhost:1234', 'http://localhost:1234/v1/chat/completions'],
    ['127.0.0.1:8080/v1', 'http://127.0.0.1:8080/v1/chat/completions'],
    ['api.groq.com/openai/v1', 'https://api.groq.com/openai/v1/chat/completions'],
    ['https://openrouter.ai/api/v1', 'https://openrouter.ai/api/v1/chat/completions'],
    [
      'https://generativelanguage.googleapis.com/v1beta/openai/',
      'https://generativelanguage.googleapis.com/v1beta/openai/chat/completions',
    ],
    ['http://proxy.local:4000/v1?team=a', 'http://proxy.local:4000/v1/chat/completions?team=a'],
  ];
  for (const [input, chat] of cases) {
    it(`${JSON.stringify(input)} → ${chat}`, () => {
      const r = resolveEndpoint({ baseUrl: input });
      assert.equal(r.chatUrl, chat);
      assert.equal(r.modelsUrl, chat.replace('/chat/completions', '/models'));
      assert.equal(r.displayUrl, chat.split('?')[0]);
    });
  }

  it('takes an Azure deployment URL with its api-version, and uses the api-key header', () => {
    const r = resolveEndpoint({
      baseUrl: 'https://contoso.openai.azure.com/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-06-01',
      apiKey: 'azure-secret-key',
    });
    assert.equal(
      r.chatUrl,
      'https://contoso.openai.azure.com/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-06-01',
    );
    assert.equal(r.modelsUrl, 'https://contoso.openai.azure.com/openai/models?api-version=2024-06-01');
    assert.equal(r.auth, 'azure');
    assert.deepEqual(r.headers, { 'api-key': 'azure-secret-key' });
  });

  it('adds the configured or default api-version to an Azure deployment URL', () => {
    const given = resolveEndpoint({
      baseUrl: 'https://contoso.openai.azure.com/openai/deployments/d1',
      apiVersion: '2025-01-01-preview',
      auth: 'azure',
      apiKey: 'k123',
    });
    assert.equal(
      given.chatUrl,
      'https://contoso.openai.azure.com/openai/deployments/d1/chat/completions?api-version=2025-01-01-preview',
    );
    const fallback = resolveEndpoint({ baseUrl: 'https://contoso.openai.azure.com/openai/deployments/d1/' });
    assert.equal(
      fallback.chatUrl,
      `https://contoso.openai.azure.com/openai/deployments/d1/chat/completions?api-version=${DEFAULT_AZURE_API_VERSION}`,
    );
  });

  it('sends an Azure resource root to its v1 API', () => {
    const r = resolveEndpoint({ baseUrl: 'https://contoso.openai.azure.com', apiKey: 'k123' });
    assert.equal(r.chatUrl, 'https://contoso.openai.azure.com/openai/v1/chat/completions');
    assert.equal(r.auth, 'azure');
  });

  it('uses Bearer auth with a key, none without, and merges extra headers', () => {
    assert.deepEqual(resolveEndpoint({ baseUrl: 'https://x.test/v1', apiKey: 'sk-abc' }).headers, {
      Authorization: 'Bearer sk-abc',
    });
    assert.deepEqual(resolveEndpoint({ baseUrl: 'http://localhost:1234/v1' }).headers, {});
    assert.deepEqual(
      resolveEndpoint({ baseUrl: 'http://localhost:1234/v1', apiKey: 'ignored', auth: 'none' }).headers,
      {},
    );
    assert.deepEqual(
      resolveEndpoint({
        baseUrl: 'https://x.test/v1',
        apiKey: 'sk-abc',
        headers: { 'HTTP-Referer': 'https://rill.test' },
      }).headers,
      {
        Authorization: 'Bearer sk-abc',
        'HTTP-Referer': 'https://rill.test',
      },
    );
  });

  it('rejects unusable base URLs with a config error that does not echo credentials', () => {
    for (const bad of ['', '   ', 'ftp://files.example.com', 'http://user:hunter2secret@host.test/v1', 'http://[::1']) {
      assert.throws(
        () => resolveEndpoint({ baseUrl: bad }),
        (e: unknown) => e instanceof EndpointError && e.kind === 'config' && !e.message.includes('hunter2secret'),
        bad,
      );
    }
  });
});

describe('buildChatBody', () => {
  const request = {
    model: 'gpt-4o',
    messages: [
      { role: 'system' as const, content: 'Be brief.' },
      { role: 'user' as const, content: 'Hi' },
    ],
  };

  it('asks for a stream with usage by default', () => {
    assert.deepEqual(buildChatBody(request, true), {
      model: 'gpt-4o',
      messages: request.messages,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('includes temperature, max_tokens and stop, leaves stream_options out when told, and merges extraBody last', () => {
    assert.deepEqual(
      buildChatBody(
        { ...request, temperature: 0, maxTokens: 64, stop: ['\n\n'], extraBody: { top_p: 0.5, temperature: 0.2 } },
        false,
      ),
      {
        model: 'gpt-4o',
        messages: request.messages,
        stream: true,
        temperature: 0.2,
        max_tokens: 64,
        stop: ['\n\n'],
        top_p: 0.5,
      },
    );
  });

  it('recognises a 400 that names stream_options', () => {
    assert.equal(
      rejectsStreamOptions(400, '{"error":{"message":"Unrecognized request argument supplied: stream_options"}}'),
      true,
    );
    assert.equal(rejectsStreamOptions(400, '{"detail":"extra fields not permitted: include_usage"}'), true);
    assert.equal(rejectsStreamOptions(400, '{"error":{"message":"messages is required"}}'), false);
    assert.equal(rejectsStreamOptions(500, 'stream_options'), false);
  });
});
