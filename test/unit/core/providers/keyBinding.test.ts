import * as assert from 'node:assert';
import {
  decideKey,
  endpointOrigin,
  envKeyOrigins,
  keyAfterAnswer,
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

describe('the key goes only to the origin it was entered for (every claim of the rule)', () => {
  const promise =
    'broken promise: a key goes only to the origin (scheme, host, port) it was entered for; anywhere else Rill asks first';
  const enteredFor = 'https://api.example.com/v1';
  const stored = { key: 'k-profile', origins: [endpointOrigin(enteredFor)!] };
  const decide = (baseUrl: string) => decideKey({ origin: endpointOrigin(baseUrl)!, stored, envOrigins: [] }).action;

  const same = [
    'https://api.example.com/v1',
    'https://API.Example.COM/v1/',
    'https://api.example.com:443/v1',
    'https://api.example.com/other/path',
    'api.example.com/v1',
  ];
  for (const url of same)
    it(`sends it without asking to ${url} (the same origin)`, () => assert.strictEqual(decide(url), 'send'));

  const other = [
    ['http://api.example.com/v1', 'another scheme (a downgrade to http)'],
    ['https://api.example.com:8443/v1', 'another port'],
    ['https://example.com/v1', 'the parent domain'],
    ['https://eu.api.example.com/v1', 'a subdomain'],
    ['https://api.example.com.evil.test/v1', 'a lookalike with the origin as a prefix'],
    ['https://evil.test/api.example.com/v1', 'the origin only in the path'],
    ['http://127.0.0.1:8080/v1', 'a local server'],
  ] as const;
  for (const [url, what] of other)
    it(`asks before sending it to ${what}: ${url}`, () => assert.strictEqual(decide(url), 'confirm', promise));

  it('a base URL with user info that names the origin is no usable address at all (nothing is sent)', () => {
    assert.strictEqual(endpointOrigin('https://api.example.com@evil.test/v1'), undefined, promise);
  });

  it('the environment key: OPENAI_BASE_URL or OpenAI without asking, anything else asks', () => {
    const env = (base: string | undefined, to: string) =>
      decideKey({ origin: endpointOrigin(to)!, envKey: 'k-env', envOrigins: envKeyOrigins(base, []) }).action;
    assert.strictEqual(env(undefined, 'https://api.openai.com/v1'), 'send');
    assert.strictEqual(env(undefined, 'https://gw.example/v1'), 'confirm', promise);
    assert.strictEqual(env('https://gw.example/v1', 'https://gw.example/v1'), 'send');
    assert.strictEqual(env('https://gw.example/v1', 'https://api.openai.com/v1'), 'confirm', promise);
  });
});

describe('keyAfterAnswer: what a yes or a no to the key question does', () => {
  const confirm = {
    action: 'confirm' as const,
    key: 'k-profile',
    source: 'profile' as const,
    approved: ['https://api.example.com'],
    origin: 'https://gw.example',
  };

  it('a no sends nothing and binds nothing', () => {
    assert.deepStrictEqual(
      keyAfterAnswer(confirm, false),
      { send: false },
      'broken promise: the key goes elsewhere only after the user says send',
    );
  });

  it("a yes sends it and binds the profile's key to that origin too, keeping the others", () => {
    assert.deepStrictEqual(keyAfterAnswer(confirm, true), {
      send: true,
      key: 'k-profile',
      remember: {
        kind: 'profile',
        stored: { key: 'k-profile', origins: ['https://api.example.com', 'https://gw.example'] },
      },
    });
  });

  it("a yes for the environment key adds only that origin to the environment key's approved list", () => {
    assert.deepStrictEqual(keyAfterAnswer({ ...confirm, source: 'env', key: 'k-env' }, true), {
      send: true,
      key: 'k-env',
      remember: { kind: 'env', origin: 'https://gw.example' },
    });
  });
});
