import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { STEP_TEXT } from '../../../src/core/tools';
import { REPO, tsSources } from '../../helpers/sources';

const LOCALES = ['zh-tw', 'zh-cn'];

/**
 * Every literal message passed to `vscode.l10n.t` (or to `t`, the alias the host code uses for it)
 * in the host sources, and the tool step lines' templates (core's catalogue, which the host passes
 * to `vscode.l10n.t`): the keys the translation bundles must hold.
 */
function l10nMessages(): Set<string> {
  const found = new Set<string>(Object.values(STEP_TEXT));
  for (const file of tsSources(path.join(REPO, 'src/host'))) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression.getText(sf);
        const first = node.arguments[0];
        if (
          (callee === 'vscode.l10n.t' || callee === 't') &&
          first &&
          (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))
        ) {
          found.add(first.text);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

const readJson = (p: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(REPO, p), 'utf8'));
const placeholders = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort().join();

describe('localisation', () => {
  const messages = l10nMessages();

  it("finds the host's messages (the scan works)", () => {
    assert.ok(messages.size > 100, `${messages.size} messages`);
    assert.ok(messages.has('Ask Rill'));
    assert.ok(messages.has('Insert Anyway'));
    assert.ok(messages.has('Searched `{0}`: {1} in {2}'), 'the tool step lines');
  });

  for (const locale of LOCALES) {
    it(`l10n/bundle.l10n.${locale}.json translates every host and webview message, keeping placeholders`, () => {
      const bundle = readJson(`l10n/bundle.l10n.${locale}.json`);
      const missing = [...messages].filter((m) => !(m in bundle));
      assert.deepStrictEqual(missing, []);
      const unused = Object.keys(bundle).filter((k) => !messages.has(k));
      assert.deepStrictEqual(unused, [], 'no stale entries');
      for (const [k, v] of Object.entries(bundle)) {
        assert.ok(v.trim() && v !== k, `"${k}" is translated`);
        assert.strictEqual(placeholders(v), placeholders(k), `placeholders of "${k}"`);
      }
    });

    it(`package.nls.${locale}.json translates every contribution string`, () => {
      const base = readJson('package.nls.json');
      const local = readJson(`package.nls.${locale}.json`);
      assert.deepStrictEqual(Object.keys(local).sort(), Object.keys(base).sort());
      for (const [k, v] of Object.entries(local)) assert.ok(v.trim() && v !== base[k], `${k} is translated`);
    });
  }

  it('package.json names only keys that package.nls.json defines, and declares the l10n folder', () => {
    const pkg = fs.readFileSync(path.join(REPO, 'package.json'), 'utf8');
    const base = readJson('package.nls.json');
    const used = [...pkg.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(used.length > 40);
    assert.deepStrictEqual(
      used.filter((k) => !(k in base)),
      [],
    );
    assert.deepStrictEqual(
      Object.keys(base).filter((k) => !used.includes(k)),
      [],
      'no unused keys',
    );
    assert.strictEqual(JSON.parse(pkg).l10n, './l10n');
  });
});
