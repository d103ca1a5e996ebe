import * as assert from 'node:assert';
import { grammarFor, langMatches, languageIdForFence, languageIdsFor } from '../../../../src/core/editor/languages';

describe('languages (the one table for display and insertion)', () => {
  it('maps a fence label to the VS Code language ids it names, most likely first', () => {
    assert.deepStrictEqual(languageIdsFor('ts'), ['typescript', 'typescriptreact']);
    assert.deepStrictEqual(languageIdsFor('Shell'), ['shellscript']);
    assert.deepStrictEqual(languageIdsFor('html'), ['html', 'xml']);
    assert.deepStrictEqual(languageIdsFor('json'), ['json', 'jsonc']);
    assert.deepStrictEqual(languageIdsFor('f#'), ['fsharp'], 'a language without a shipped grammar');
    assert.deepStrictEqual(languageIdsFor('cobol'), []);
  });

  it('names a language the same way for the panel (grammar) and the editor (language id)', () => {
    for (const label of ['ts', 'tsx', 'js', 'node', 'py', 'sh', 'bash', 'c++', 'cs', 'rs', 'yml', 'md', 'htm']) {
      const grammar = grammarFor(label);
      assert.ok(grammar, `${label} has a grammar in the panel`);
      assert.ok(langMatches(label, languageIdForFence(label)), `${label} names ${languageIdForFence(label)}`);
      assert.ok(langMatches(grammar, languageIdForFence(label)), `${label} and ${grammar} name the same language`);
    }
  });

  it('matches labels to files as the insertion needs', () => {
    assert.ok(langMatches('tsx', 'typescriptreact'));
    assert.ok(langMatches('ts', 'typescriptreact'));
    assert.ok(langMatches('python', 'python'));
    assert.ok(langMatches('console', 'shellscript'));
    assert.ok(langMatches('haskell', 'haskell'), 'an unknown label still matches its own id');
    assert.ok(!langMatches('js', 'typescript'));
    assert.strictEqual(languageIdForFence('ts'), 'typescript');
    assert.strictEqual(languageIdForFence('Haskell'), 'haskell');
  });
});
