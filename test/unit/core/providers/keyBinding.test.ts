import * as assert from 'node:assert';
import {
  decideKey,
  endpointOrigin,
  envKeyOrigins,
  OPENAI_ORIGIN,
  parseStoredKey,
  serializeStoredKey,
} from '../../../../src/core/providers/keyBinding';

describe('endpointOrigin', () => {
  it('reads the origin the request goes to, lower case, with the scheme a missing one means', () => {
    assert.strictEqual(endpointOrigin('https://API.OpenAI.com/v1/'), 'https://api.openai.com');
    assert.strictEqual(endpointOrigin('localhost:11434/v1'), 'http://localhost:11434');
    assert.strictEqual(endpointOrigin('127.0.0.1:8080'), 'http://127.0.0.1:8080');
    assert.strictEqual(endpointOrigin('openrouter.ai/api/v1'), 'https://openrouter.ai');
    assert.strictEqual(endpointOrigin('https://example.com:443/v1'), 'https://example.com');
    assert.strictEqual(endpointOrigin('http://example.com:8443/v1'), 'http://example.com:8443');
  });

  it('treats a different scheme, port or host as a different origin', () => {
    const o = endpointOrigin('https://api.openai.com/v1');
    for (const other of [
      'http://api.openai.com/v1',
      'https://api.openai.com:8443/v1',
      'https://api.openai.com.evil.example/v1',
    ]) {
      assert.notStrictEqual(endpointOrigin(other), o, other);
    }
  });

  it('is undefined for anything that is not an http(s) URL', () => {
    for (const bad of ['', '   ', 'ftp://x', 'file:///etc/passwd', 'http://'])
      assert.strictEqual(endpointOrigin(bad), undefined, bad);
  });
});

describe('stored keys', () => {
  it('round-trips and rejects anything malformed', () => {
    const k = { key: 'sk-1', origins: ['https://a'] };
    assert.deepStrictEqual(parseStoredKey(serializeStoredKey(k)), k);
    for (const bad of [undefined, '', 'sk-plain', '{"key":""}', '{"key":"x"}', '[]'])
      assert.strictEqual(parseStoredKey(bad), undefined, String(bad));
  });
});

describe('decideKey', () => {
  const stored = { key: 'sk-profile', origins: ['https://api.openai.com'] };

  it('sends a stored key to the origin it was entered for', () => {
    assert.deepStrictEqual(decideKey({ origin: 'https://api.openai.com', stored, envOrigins: [] }), {
      action: 'send',
      key: 'sk-profile',
      source: 'profile',
    });
  });

  it('asks before sending a stored key anywhere else', () => {
    const d = decideKey({
      origin: 'https://evil.example',
      stored,
      envKey: 'sk-env',
      envOrigins: ['https://evil.example'],
    });
    assert.deepStrictEqual(d, {
      action: 'confirm',
      key: 'sk-profile',
      source: 'profile',
      approved: ['https://api.openai.com'],
      origin: 'https://evil.example',
    });
  });

  it('falls back to OPENAI_API_KEY, bound to OPENAI_BASE_URL or OpenAI, plus approved origins', () => {
    assert.deepStrictEqual(envKeyOrigins(undefined, []), [OPENAI_ORIGIN]);
    assert.deepStrictEqual(envKeyOrigins('http://localhost:4000/v1', ['https://x']), [
      'http://localhost:4000',
      'https://x',
    ]);
    const origins = envKeyOrigins('https://gw.example/v1', []);
    assert.strictEqual(
      decideKey({ origin: 'https://gw.example', envKey: 'sk-env', envOrigins: origins }).action,
      'send',
    );
    assert.strictEqual(
      decideKey({ origin: 'https://other.example', envKey: 'sk-env', envOrigins: origins }).action,
      'confirm',
    );
  });

  it('has nothing to send without a key', () => {
    assert.deepStrictEqual(decideKey({ origin: 'http://localhost:11434', envOrigins: [] }), { action: 'none' });
  });
});
