import * as assert from 'node:assert';
import { enabledGlobs, excludeMatcher } from '../../../../src/core/files';

describe('file policy: files.exclude and search.exclude globs', () => {
  const promise = 'broken promise: what the model finds by itself leaves out excluded files';

  it('matches VS Code default excludes and what lies below a matched folder', () => {
    const m = excludeMatcher(['**/.git', '**/node_modules', '**/dist/**', '**/*.log']);
    assert.ok(m('.git/config'), promise);
    assert.ok(m('packages/a/node_modules/x/index.js'), promise);
    assert.ok(m('dist/bundle.js'), promise);
    assert.ok(m('web/dist/app.js'), promise);
    assert.ok(m('logs/today.log'), promise);
    assert.strictEqual(m('src/app.ts'), false);
    assert.strictEqual(m('src/distance.ts'), false);
    assert.strictEqual(m('node_modules_notes.md'), false);
  });

  it('anchored patterns, `?`, `{a,b}` and `[...]`', () => {
    const m = excludeMatcher(['build', 'out/*.map', '**/*.{tmp,bak}', 'file?.txt', 'v[0-9].json', 'x[!a].md']);
    assert.ok(m('build/x.js'));
    assert.strictEqual(m('src/build/x.js'), false, 'a pattern without **/ is anchored at the folder');
    assert.ok(m('out/a.js.map'));
    assert.strictEqual(m('out/sub/a.js.map'), false, '* stays within one folder');
    assert.ok(m('a/b/c.tmp'));
    assert.ok(m('c.bak'));
    assert.ok(m('file1.txt'));
    assert.strictEqual(m('file12.txt'), false);
    assert.ok(m('v3.json'));
    assert.ok(m('xb.md'));
    assert.strictEqual(m('xa.md'), false);
  });

  it('dots and other regular-expression characters are literal', () => {
    const m = excludeMatcher(['a.b', '(x)+.txt']);
    assert.ok(m('a.b'));
    assert.strictEqual(m('aXb'), false);
    assert.ok(m('(x)+.txt'));
  });

  it('case: exact by default, either with ignoreCase', () => {
    assert.strictEqual(excludeMatcher(['**/Secret'])('secret/a'), false);
    assert.ok(excludeMatcher(['**/Secret'], true)('secret/a'));
  });

  it('no globs exclude nothing', () => {
    assert.strictEqual(excludeMatcher([])('a'), false);
    assert.strictEqual(excludeMatcher(['', '  '])('a'), false);
  });

  it('only globs switched on count', () => {
    assert.deepStrictEqual(enabledGlobs({ '**/.git': true, '**/off': false, '**/*.js': { when: '$(basename).ts' } }), [
      '**/.git',
    ]);
    assert.deepStrictEqual(enabledGlobs(undefined), []);
    assert.deepStrictEqual(enabledGlobs('x'), []);
  });
});
