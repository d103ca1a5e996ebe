import * as assert from 'node:assert';
import {
  type ListModels,
  localServerCandidates,
  parsePortOverrides,
  probeLocalServers,
} from '../../../../src/core/providers/localServers';

describe('local server probe', () => {
  it('knows the default ports of Ollama, LM Studio, llama.cpp server and vLLM, on localhost only', () => {
    assert.deepStrictEqual(
      localServerCandidates().map((c) => [c.preset, c.baseUrl, c.port]),
      [
        ['ollama', 'http://localhost:11434/v1', 11434],
        ['lmstudio', 'http://localhost:1234/v1', 1234],
        ['llamacpp', 'http://localhost:8080/v1', 8080],
        ['vllm', 'http://localhost:8000/v1', 8000],
      ],
    );
  });

  it('moves a preset to another port when told, and ignores nonsense', () => {
    const ports = parsePortOverrides('ollama=12345, vllm = 9000, openai=1, lmstudio=99999, llamacpp=x');
    assert.deepStrictEqual(ports, { ollama: 12345, vllm: 9000 });
    const c = localServerCandidates(ports);
    assert.strictEqual(c[0].baseUrl, 'http://localhost:12345/v1');
    assert.strictEqual(c[3].baseUrl, 'http://localhost:9000/v1');
    assert.deepStrictEqual(parsePortOverrides(undefined), {});
  });

  it('offers the servers that list models; refusals, time-outs and empty lists are left out', async () => {
    const asked: string[] = [];
    const list: ListModels = (endpoint, { signal }) => {
      asked.push(endpoint.baseUrl);
      assert.strictEqual(endpoint.apiKey, undefined, 'no key is ever sent to a probed port');
      if (endpoint.baseUrl.includes(':11434')) return Promise.resolve(['llama3.2', 'qwen2.5-coder']);
      if (endpoint.baseUrl.includes(':1234')) return Promise.reject(new Error('ECONNREFUSED'));
      if (endpoint.baseUrl.includes(':8080')) return Promise.resolve([]);
      // vLLM hangs: only the time limit ends it.
      return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    };
    const t0 = Date.now();
    const found = await probeLocalServers(list, localServerCandidates(), { timeoutMs: 200 });
    assert.ok(Date.now() - t0 < 2000, 'the slow server did not hold the probe up');
    assert.strictEqual(asked.length, 4, 'all asked at once');
    assert.deepStrictEqual(
      found.map((f) => [f.preset, f.models]),
      [['ollama', ['llama3.2', 'qwen2.5-coder']]],
    );
  });

  it('stops at once when cancelled', async () => {
    const ac = new AbortController();
    const hang: ListModels = (_e, { signal }) =>
      new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    const probe = probeLocalServers(hang, localServerCandidates(), { timeoutMs: 60_000, signal: ac.signal });
    ac.abort();
    assert.deepStrictEqual(await probe, []);
  });
});
