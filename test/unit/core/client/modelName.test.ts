/**
 * Model names from a server's list (and so from a probed local server) are kept only when plain:
 * at most 200 characters, no control character, nothing that reorders or hides text. Others are
 * dropped whole before anything can show, save or log them.
 */
import * as assert from 'node:assert/strict';
import { listModels } from '../../../../src/core/client/listModels';
import { isPlainModelName, MAX_MODEL_NAME_CHARS } from '../../../../src/core/client/modelName';
import { localServerCandidates, probeLocalServers } from '../../../../src/core/providers/localServers';

const hostile: [string, string][] = [
  ['an ESC sequence', 'gpt-4o\u001b]52;c;ZXZpbA==\u0007'],
  ['a newline (a forged log line)', 'gpt-4o\nrill: key sk-123'],
  ['a tab', 'gpt\t4o'],
  ['DEL', 'gpt-4o\u007f'],
  ['a C1 CSI', 'gpt-4o\u009b2J'],
  ['a right-to-left override', 'gpt-4o\u202etxt.exe'],
  ['a left-to-right embedding', '\u202agpt-4o'],
  ['a first-strong isolate', 'gpt\u2068-4o\u2069'],
  ['a right-to-left mark', 'gpt-4o\u200f'],
  ['an Arabic letter mark', 'gpt\u061c-4o'],
  ['a line separator', 'gpt-4o\u2028x'],
  ['more than 200 characters', 'm'.repeat(MAX_MODEL_NAME_CHARS + 1)],
];

/** A `fetch` answering the model list with `payload`. */
const answering = (payload: unknown) => async () =>
  new Response(JSON.stringify(payload), { status: 200, headers: { 'content-type': 'application/json' } });

describe('model names from a server', () => {
  it('keeps plain names of every length up to 200, with any printable script', () => {
    for (const name of [
      'gpt-4o',
      'meta-llama/Llama-3.1-8B-Instruct:Q4_K_M',
      'qwen2.5 coder',
      'モデル',
      'm'.repeat(200),
    ])
      assert.equal(isPlainModelName(name), true, name);
    assert.equal(isPlainModelName(''), false);
  });

  for (const [what, name] of hostile) {
    it(`drops a name with ${what} from the model list, keeping the others`, async () => {
      for (const payload of [
        { data: [{ id: 'good-1' }, { id: name }, { id: 'good-2' }] },
        { models: [{ name: 'good-1' }, { name }, { name: 'good-2' }] },
        ['good-1', name, 'good-2'],
      ]) {
        const names = await listModels({ baseUrl: 'http://127.0.0.1:9/v1' }, { fetch: answering(payload) });
        assert.deepEqual(names, ['good-1', 'good-2'], `promise broken: a model name with ${what} was kept`);
      }
    });
  }

  it('a probed local server offers only plain names, and is left out when it has none', async () => {
    const [ollama, lmstudio] = localServerCandidates();
    const found = await probeLocalServers(
      (endpoint, options) =>
        listModels(endpoint, {
          ...options,
          fetch: answering(
            endpoint.baseUrl === ollama.baseUrl
              ? { models: [{ name: 'llama3.2' }, { name: 'evil\u001b[2J' }] }
              : { data: [{ id: 'x\u202eyz' }] },
          ),
        }),
      [ollama, lmstudio],
    );
    assert.deepEqual(
      found.map((f) => [f.preset, f.models]),
      [['ollama', ['llama3.2']]],
      'promise broken: a probed server showed a name that is not plain',
    );
  });
});
