/** Close model names for "model not found" messages. */
import * as assert from 'node:assert/strict';
import { closeNames, editDistance } from '../../../../src/core/client/closeNames';

describe('closeNames', () => {
  const models = [
    'gpt-4o',
    'gpt-4o-mini',
    'o3-mini',
    'llama3.1:8b',
    'llama3.1:70b',
    'llama2:7b',
    'qwen2.5-coder:7b',
    'text-embedding-3-small',
  ];

  it('finds a typo by edit distance', () => {
    assert.deepEqual(closeNames('gpt-4o-mni', models), ['gpt-4o-mini', 'gpt-4o']);
    assert.deepEqual(closeNames('o3-mnii', models), ['o3-mini']);
  });

  it('finds a model whose tag was left out, before near typos', () => {
    assert.deepEqual(closeNames('llama3.1', models), ['llama3.1:8b', 'llama3.1:70b']);
    assert.deepEqual(closeNames('qwen2.5-coder', models), ['qwen2.5-coder:7b']);
  });

  it('ignores case and punctuation', () => {
    assert.deepEqual(closeNames('GPT_4O', models), ['gpt-4o', 'gpt-4o-mini']);
  });

  it('returns nothing for unrelated names, and at most `max` names', () => {
    assert.deepEqual(closeNames('claude-sonnet', models), []);
    assert.deepEqual(closeNames('', models), []);
    assert.equal(closeNames('llama', models, 2).length, 2);
  });

  it('computes edit distances, stopping past a limit', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('same', 'same'), 0);
    assert.equal(editDistance('abcdef', 'uvwxyz', 2), 3);
  });
});
