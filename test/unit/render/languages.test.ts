/** The grammar table the webview and the build share, checked against highlight.js itself. */
import * as assert from 'node:assert';
import type { LanguageFn } from 'highlight.js';
import hljs from 'highlight.js/lib/core';
import table from '../../../src/core/editor/languages.json';
import { extraAliases, grammarFor, grammarNames, requiredGrammars } from '../../../src/webview/render/languages';

function grammar(name: string): LanguageFn {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(`highlight.js/lib/languages/${name}`) as LanguageFn;
}

describe('shipped highlighting grammars (languages.json)', () => {
  const entries = Object.entries(
    table as Record<string, { aliases: string[]; extraAliases?: string[]; requires?: string[] }>,
  );

  for (const [name, entry] of entries) {
    it(`${name}: exists in highlight.js with exactly these aliases`, () => {
      assert.deepStrictEqual(entry.aliases, grammar(name)(hljs).aliases ?? []);
      for (const required of entry.requires ?? [])
        assert.ok(grammarNames().includes(required), `${name} requires ${required}`);
    });
  }

  it('no label selects two grammars', () => {
    const owner = new Map<string, string>();
    for (const [name, entry] of entries) {
      for (const label of [name, ...entry.aliases, ...(entry.extraAliases ?? [])]) {
        assert.ok(!owner.has(label), `${label} is claimed by ${owner.get(label)} and ${name}`);
        owner.set(label, name);
      }
    }
  });

  it('finds grammars by name, alias and extra alias, ignoring case', () => {
    assert.strictEqual(grammarFor('TypeScript'), 'typescript');
    assert.strictEqual(grammarFor('ts'), 'typescript');
    assert.strictEqual(grammarFor('C++'), 'cpp');
    assert.strictEqual(grammarFor('shell'), 'bash');
    assert.strictEqual(grammarFor('html'), 'xml');
    assert.strictEqual(grammarFor('cobol'), undefined);
    assert.strictEqual(grammarFor('constructor'), undefined, 'no prototype lookups');
    assert.deepStrictEqual(requiredGrammars('xml'), ['css', 'javascript']);
    assert.deepStrictEqual(extraAliases('python'), ['py3', 'python3']);
  });
});
