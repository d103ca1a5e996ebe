import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { PRESETS, type PresetId } from '../../src/core/providers';
import type { RecordedRequest } from '../helpers/mockServer';
import { configure, services, withTestServer } from './helpers';

const KEY = 'sk-rill-preset-0123456789';

/**
 * What one preset's profile sends. The hosted services are not called: each profile points its
 * base URL at the test server (on the path the service uses), keeping everything else the preset gives.
 */
interface PresetCase {
  preset: PresetId;
  /** What the profile says beyond `name` and `preset` (its base URL on the test server's origin). */
  profile: (origin: string) => Record<string, unknown>;
  /** Whether a key is stored for the profile before asking. */
  key: boolean;
  path: string;
  model: string;
  /** Headers the request must carry (lower-case names), and those it must not. */
  headers: Record<string, string>;
  noHeaders: string[];
  /** Body fields beyond model, messages and stream. */
  body?: Record<string, unknown>;
}

const CASES: PresetCase[] = [
  {
    preset: 'openai',
    profile: (o) => ({ baseUrl: `${o}/v1` }),
    key: true,
    path: '/v1/chat/completions',
    model: 'gpt-4o-mini',
    headers: { authorization: `Bearer ${KEY}` },
    noHeaders: ['api-key'],
  },
  {
    preset: 'azure',
    profile: (o) => ({ baseUrl: o, deployment: 'gpt4o-prod' }),
    key: true,
    path: '/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21',
    model: 'gpt4o-prod',
    headers: { 'api-key': KEY },
    noHeaders: ['authorization'],
  },
  {
    preset: 'azure',
    profile: (o) => ({ baseUrl: `${o}/openai/v1`, model: 'gpt4o-prod' }),
    key: true,
    path: '/openai/v1/chat/completions?api-version=2024-10-21',
    model: 'gpt4o-prod',
    headers: { 'api-key': KEY },
    noHeaders: ['authorization'],
  },
  {
    preset: 'openrouter',
    profile: (o) => ({ baseUrl: `${o}/api/v1` }),
    key: true,
    path: '/api/v1/chat/completions',
    model: 'openai/gpt-4o-mini',
    headers: { authorization: `Bearer ${KEY}`, 'x-title': 'Rill for VS Code' },
    noHeaders: ['api-key'],
  },
  {
    preset: 'ollama',
    profile: (o) => ({ baseUrl: `${o}/v1`, extraBody: { options: { num_ctx: 8192 } } }),
    // A key stored by mistake is still not sent to a server that takes none.
    key: true,
    path: '/v1/chat/completions',
    model: 'llama3.1',
    headers: {},
    noHeaders: ['authorization', 'api-key'],
    body: { options: { num_ctx: 8192 } },
  },
  {
    preset: 'lmstudio',
    profile: (o) => ({ baseUrl: `${o}/v1`, model: 'qwen2.5-7b-instruct' }),
    key: false,
    path: '/v1/chat/completions',
    model: 'qwen2.5-7b-instruct',
    headers: {},
    noHeaders: ['authorization', 'api-key'],
  },
  {
    preset: 'llamacpp',
    profile: (o) => ({ baseUrl: `${o}/v1`, model: 'local-gguf' }),
    key: false,
    path: '/v1/chat/completions',
    model: 'local-gguf',
    headers: {},
    noHeaders: ['authorization', 'api-key'],
  },
  {
    preset: 'vllm',
    profile: (o) => ({ baseUrl: `${o}/v1`, model: 'Qwen/Qwen2.5-7B' }),
    key: false,
    path: '/v1/chat/completions',
    model: 'Qwen/Qwen2.5-7B',
    headers: {},
    noHeaders: ['authorization', 'api-key'],
  },
  {
    preset: 'vllm',
    profile: (o) => ({ baseUrl: `${o}/v1`, model: 'Qwen/Qwen2.5-7B' }),
    key: true,
    path: '/v1/chat/completions',
    model: 'Qwen/Qwen2.5-7B',
    headers: { authorization: `Bearer ${KEY}` },
    noHeaders: ['api-key'],
  },
  {
    preset: 'lemondata',
    profile: (o) => ({ baseUrl: `${o}/v1` }),
    key: true,
    path: '/v1/chat/completions',
    model: 'gpt-4o',
    headers: { authorization: `Bearer ${KEY}` },
    noHeaders: ['api-key'],
  },
  {
    preset: 'custom',
    profile: (o) => ({ baseUrl: `${o}/v1`, model: 'any-model' }),
    key: true,
    path: '/v1/chat/completions',
    model: 'any-model',
    headers: { authorization: `Bearer ${KEY}` },
    noHeaders: ['api-key'],
  },
];

describe('The request each provider preset produces', function () {
  this.timeout(30_000);
  const names = CASES.map((c, i) => `${c.preset} ${i}`);
  const bench = withTestServer(names);

  it('covers every preset', () => {
    const tested = new Set(CASES.map((c) => c.preset));
    assert.deepStrictEqual(
      PRESETS.map((p) => p.id).filter((id) => !tested.has(id)),
      [],
    );
  });

  CASES.forEach((c, i) => {
    const name = names[i];
    it(`${c.preset}${c.key ? ' with a key' : ''}: ${c.path}`, async () => {
      const origin = new URL(bench.server.baseUrl).origin;
      await configure({
        baseUrl: undefined,
        model: undefined,
        profiles: [{ name, preset: c.preset, ...c.profile(origin) }],
        activeProfile: name,
      });
      if (c.key) {
        bench.ui.answer('input', KEY);
        assert.strictEqual(await vscode.commands.executeCommand('rill.setApiKey'), true);
      }
      const turn = await (await services()).session.ask('Which preset?');
      assert.strictEqual(turn.status, 'complete', turn.error?.message);
      const chats = bench.server.requests.filter((r: RecordedRequest) => r.method === 'POST');
      assert.strictEqual(chats.length, 1, JSON.stringify(bench.server.requests.map((r) => r.path)));
      const req = chats[0];
      assert.strictEqual(req.path, c.path);
      for (const [h, v] of Object.entries(c.headers)) assert.strictEqual(req.headers[h], v, `header ${h}`);
      for (const h of c.noHeaders) assert.strictEqual(req.headers[h], undefined, `no header ${h}`);
      assert.strictEqual(req.headers['content-type'], 'application/json');
      assert.strictEqual(req.body.model, c.model);
      assert.strictEqual(req.body.stream, true);
      assert.deepStrictEqual(req.body.messages.at(-1), { role: 'user', content: 'Which preset?' });
      for (const [k, v] of Object.entries(c.body ?? {})) assert.deepStrictEqual(req.body[k], v, `body field ${k}`);
      assert.deepStrictEqual(bench.ui.of('warn'), [], 'no warning or question on the way');
    });
  });
});
