import * as assert from 'node:assert';
import { resolveEndpoint } from '../../../../src/core/client/endpoint';
import { PRESETS, presetById, servedByOllama } from '../../../../src/core/providers/presets';
import {
  DEFAULT_PROFILE_NAME,
  type ProfileSettings,
  profileBaseUrl,
  profileEndpoint,
  profileEntryFromPreset,
  profileModel,
  profileNeedsKey,
  resolveProfiles,
  uniqueProfileName,
  withProfileFields,
} from '../../../../src/core/providers/profiles';

const settings = (over: Partial<ProfileSettings> = {}): ProfileSettings => ({
  profiles: [],
  activeProfile: '',
  baseUrl: '',
  model: '',
  env: {},
  ...over,
});

describe('provider presets', () => {
  it('cover the tested providers, each with a usable base URL and unique id', () => {
    const ids = PRESETS.map((p) => p.id);
    assert.deepStrictEqual(ids, [
      'openai',
      'azure',
      'openrouter',
      'ollama',
      'lmstudio',
      'llamacpp',
      'vllm',
      'lemondata',
      'custom',
    ]);
    assert.strictEqual(new Set(ids).size, ids.length);
    assert.strictEqual(presetById('lemondata')?.baseUrl, 'https://api.lemondata.cc/v1');
    assert.strictEqual(presetById('ollama')?.needsKey, false);
    assert.strictEqual(presetById('nope'), undefined);
  });
});

describe('resolveProfiles', () => {
  it('has no profile and no active one when nothing is set', () => {
    const r = resolveProfiles(settings());
    assert.deepStrictEqual(r.profiles, []);
    assert.strictEqual(r.active, undefined);
    assert.deepStrictEqual(r.problems, []);
  });

  it('makes the Default profile from rill.baseUrl / rill.model, and from the environment when those are empty', () => {
    const a = resolveProfiles(settings({ baseUrl: ' http://localhost:11434/v1 ', model: 'llama3.1' }));
    assert.deepStrictEqual(a.active, {
      name: DEFAULT_PROFILE_NAME,
      baseUrl: 'http://localhost:11434/v1',
      model: 'llama3.1',
      source: 'default',
    });
    const b = resolveProfiles(settings({ env: { OPENAI_BASE_URL: 'https://api.example.com/v1', OPENAI_MODEL: 'm1' } }));
    assert.strictEqual(b.active?.baseUrl, 'https://api.example.com/v1');
    assert.strictEqual(b.active?.model, 'm1');
    const c = resolveProfiles(
      settings({
        baseUrl: 'https://a/v1',
        model: 'mine',
        env: { OPENAI_BASE_URL: 'https://b/v1', OPENAI_MODEL: 'env' },
      }),
    );
    assert.strictEqual(c.active?.baseUrl, 'https://a/v1', 'settings win over the environment');
    assert.strictEqual(c.active?.model, 'mine');
  });

  it('fills profile fields from the preset, the profile winning', () => {
    const r = resolveProfiles(
      settings({ profiles: [{ name: 'Work', preset: 'openrouter', model: 'anthropic/claude-3.5-sonnet' }] }),
    );
    const p = r.active!;
    assert.strictEqual(p.baseUrl, 'https://openrouter.ai/api/v1');
    assert.strictEqual(p.model, 'anthropic/claude-3.5-sonnet');
    assert.strictEqual(p.auth, 'bearer');
    assert.deepStrictEqual(p.headers, { 'X-Title': 'Rill for VS Code' });
    assert.strictEqual(p.source, 'profiles');
  });

  it('picks rill.activeProfile by name; an unknown name is a problem and falls back to the first', () => {
    const profiles = [
      { name: 'A', baseUrl: 'http://a:1/v1', model: 'x' },
      { name: 'B', baseUrl: 'http://b:1/v1', model: 'y' },
    ];
    assert.strictEqual(resolveProfiles(settings({ profiles, activeProfile: 'B' })).active?.name, 'B');
    const r = resolveProfiles(settings({ profiles, activeProfile: 'C' }));
    assert.strictEqual(r.active?.name, 'A');
    assert.deepStrictEqual(r.problems, [{ code: 'unknownActive', profile: 'C' }]);
  });

  it('reports unusable entries and skips them, keeping the rest', () => {
    const r = resolveProfiles(
      settings({
        baseUrl: 'http://localhost:1234/v1',
        profiles: [
          'oops',
          { baseUrl: 'http://x/v1' },
          { name: 'default', baseUrl: 'http://y/v1' },
          { name: 'Ok', baseUrl: 'http://z/v1' },
        ],
      }),
    );
    assert.deepStrictEqual(
      r.profiles.map((p) => p.name),
      [DEFAULT_PROFILE_NAME, 'Ok'],
    );
    assert.deepStrictEqual(
      r.problems.map((p) => `${p.code}:${p.profile}`),
      ['notObject:#1', 'missingName:#2', 'duplicateName:default'],
    );
  });

  it('flags bad base URLs, bad field types, and keys put in headers (dropping those headers)', () => {
    const r = resolveProfiles(
      settings({
        profiles: [
          {
            name: 'Bad',
            baseUrl: 'ftp://x',
            auth: 'basic',
            headers: { Authorization: 'Bearer sk-secret', 'X-Org': 'o', 'X-N': 5 },
            extraBody: [1],
          },
        ],
      }),
    );
    const p = r.profiles[0];
    assert.deepStrictEqual(p.headers, { 'X-Org': 'o' });
    assert.strictEqual(p.auth, undefined);
    assert.strictEqual(p.extraBody, undefined);
    assert.deepStrictEqual(
      r.problems.map((x) => `${x.code}:${x.field}`).sort(),
      [
        'badBaseUrl:baseUrl',
        'badField:auth',
        'badField:extraBody',
        'badField:headers.X-N',
        'keyInHeader:Authorization',
      ].sort(),
    );
    assert.ok(!JSON.stringify(r).includes('sk-secret'), 'the key is not carried anywhere');
  });

  it('accepts a base URL without a scheme', () => {
    const r = resolveProfiles(settings({ profiles: [{ name: 'L', baseUrl: 'localhost:11434/v1' }] }));
    assert.deepStrictEqual(r.problems, []);
  });
});

describe('profile endpoints', () => {
  it("sends the key with the profile's auth style, never for auth none", () => {
    const [p] = resolveProfiles(settings({ profiles: [{ name: 'O', preset: 'openai' }] })).profiles;
    assert.deepStrictEqual(profileEndpoint(p, 'k'), {
      baseUrl: 'https://api.openai.com/v1',
      apiKey: 'k',
      auth: 'bearer',
    });
    const [l] = resolveProfiles(settings({ profiles: [{ name: 'L', preset: 'ollama' }] })).profiles;
    assert.deepStrictEqual(profileEndpoint(l, 'k'), { baseUrl: 'http://localhost:11434/v1', auth: 'none' });
  });

  it('builds Azure deployment URLs with api-version and routes by the deployment name', () => {
    const [p] = resolveProfiles(
      settings({
        profiles: [
          { name: 'Az', preset: 'azure', baseUrl: 'https://res.openai.azure.com/openai/', deployment: 'gpt4o prod' },
        ],
      }),
    ).profiles;
    assert.strictEqual(profileBaseUrl(p), 'https://res.openai.azure.com/openai/deployments/gpt4o%20prod');
    const e = profileEndpoint(p, 'k');
    assert.strictEqual(e.auth, 'azure');
    assert.strictEqual(e.apiVersion, '2024-10-21');
    assert.strictEqual(profileModel(p), 'gpt4o prod');
  });

  it('needs a key only where the preset says so', () => {
    const r = resolveProfiles(
      settings({
        baseUrl: 'http://h/v1',
        profiles: [
          { name: 'O', preset: 'openai' },
          { name: 'V', preset: 'vllm' },
          { name: 'C', baseUrl: 'https://c/v1' },
        ],
      }),
    );
    assert.deepStrictEqual(r.profiles.map(profileNeedsKey), [false, true, false, false]);
  });
});

describe('profile editing helpers', () => {
  it('stores only what differs from the preset', () => {
    assert.deepStrictEqual(
      profileEntryFromPreset('openai', 'OpenAI', { baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o' }),
      { name: 'OpenAI', preset: 'openai', model: 'gpt-4o' },
    );
    assert.deepStrictEqual(
      profileEntryFromPreset('azure', 'Az', { baseUrl: 'https://r.openai.azure.com', deployment: 'd' }),
      {
        name: 'Az',
        preset: 'azure',
        baseUrl: 'https://r.openai.azure.com',
        deployment: 'd',
      },
    );
  });

  it('finds a free name', () => {
    assert.strictEqual(uniqueProfileName('Ollama', []), 'Ollama');
    assert.strictEqual(uniqueProfileName('Ollama', ['ollama', 'Ollama 2']), 'Ollama 3');
  });

  it('changes one entry of rill.profiles and leaves the others as written', () => {
    const raw = [{ name: 'A', model: 'x', custom: 1 }, { name: 'B' }];
    assert.deepStrictEqual(withProfileFields(raw, 'A', { model: 'y' }), [
      { name: 'A', model: 'y', custom: 1 },
      { name: 'B' },
    ]);
    assert.deepStrictEqual(raw[0].model, 'x', 'the input is not changed');
    assert.strictEqual(withProfileFields(raw, 'Z', { model: 'y' }), undefined);
    assert.strictEqual(withProfileFields('nope', 'A', {}), undefined);
  });
});

describe('credential headers', () => {
  it('recognises credential-like header names broadly, and keeps other headers', () => {
    const credentials = [
      'Authorization',
      'Proxy-Authorization',
      'api-key',
      'X-API-Key',
      'Ocp-Apim-Subscription-Key',
      'x-goog-api-key',
      'X-Auth-Token',
      'Cookie',
      'CF-Access-Client-Secret',
      'X-Session-Id',
      'X-Amz-Security-Token',
      'X-Password',
      'X-Signature',
    ];
    const plain = ['X-Org', 'HTTP-Referer', 'X-Title', 'OpenAI-Organization', 'CF-Access-Client-Id', 'User-Agent'];
    const headers = Object.fromEntries([...credentials, ...plain].map((h) => [h, `value-of-${h}`]));
    const r = resolveProfiles(settings({ profiles: [{ name: 'G', baseUrl: 'https://gw.example/v1', headers }] }));
    assert.deepStrictEqual(Object.keys(r.profiles[0].headers ?? {}).sort(), [...plain].sort());
    assert.deepStrictEqual(
      r.problems.map((p) => `${p.code}:${p.field}`).sort(),
      credentials.map((h) => `keyInHeader:${h}`).sort(),
    );
    for (const h of credentials) assert.ok(!JSON.stringify(r).includes(`value-of-${h}`), h);
  });

  it('keyHeader: the stored key goes in that header, not in Authorization', () => {
    const r = resolveProfiles(
      settings({
        profiles: [
          { name: 'APIM', baseUrl: 'https://gw.example/v1', keyHeader: 'Ocp-Apim-Subscription-Key' },
          { name: 'Bad', baseUrl: 'https://gw.example/v1', keyHeader: 'not a header:' },
        ],
      }),
    );
    const [apim, bad] = r.profiles;
    assert.strictEqual(bad.keyHeader, undefined);
    assert.deepStrictEqual(
      r.problems.map((p) => `${p.code}:${p.profile}:${p.field}`),
      ['badField:Bad:keyHeader'],
    );
    const endpoint = profileEndpoint(apim, 'sub-key-123');
    const resolved = resolveEndpoint(endpoint);
    assert.strictEqual(resolved.headers['Ocp-Apim-Subscription-Key'], 'sub-key-123');
    assert.strictEqual(resolved.headers.Authorization, undefined);
    assert.strictEqual(
      resolveEndpoint(profileEndpoint(apim, undefined)).headers['Ocp-Apim-Subscription-Key'],
      undefined,
    );
  });
});

describe('servedByOllama', () => {
  it('is the Ollama preset or a server on Ollama’s default port', () => {
    assert.strictEqual(servedByOllama('ollama', 'http://gpu-box:8080/v1'), true);
    assert.strictEqual(servedByOllama(undefined, 'http://localhost:11434/v1'), true);
    assert.strictEqual(servedByOllama('vllm', 'http://localhost:8000/v1'), false);
    assert.strictEqual(servedByOllama(undefined, 'not a url'), false);
  });
});
