import * as assert from 'node:assert';
import {
  fileBlocks,
  looksLikePath,
  pathFromComment,
  pathFromInfo,
  pathFromLineBefore,
} from '../../../../src/core/editor';

describe('code block paths', () => {
  it('info strings: language and path, path alone, lang:path, line citations, attributes, brackets', () => {
    const cases: [string, string | undefined][] = [
      ['python src/main.py', 'src/main.py'],
      ['ts src/a.ts', 'src/a.ts'],
      ['src/a.ts', 'src/a.ts'],
      ['main.go', 'main.go'],
      ['ts:src/a.ts', 'src/a.ts'],
      ['12:30:src/app/page.tsx', 'src/app/page.tsx'],
      ['ts title="src/a.ts"', 'src/a.ts'],
      ["js path='lib/x.js'", 'lib/x.js'],
      ['py file=tools/run.py', 'tools/run.py'],
      ['make filename=Makefile', 'Makefile'],
      ['make Makefile', 'Makefile'],
      ['ts [src/config.ts]', 'src/config.ts'],
      ['js {1,3} src/b.js', 'src/b.js'],
      ['ts ./src/c.ts', 'src/c.ts'],
      ['cs src\\Program.cs', 'src/Program.cs'],
      // Not paths.
      ['typescript', undefined],
      ['c++', undefined],
      ['python', undefined],
      ['', undefined],
      ['js {1,3}', undefined],
      ['sh https://example.com/install.sh', undefined],
      ['python 3.12', undefined],
      ['Dockerfile', 'Dockerfile'],
    ];
    assert.deepStrictEqual(
      cases.map(([info]) => [info, pathFromInfo(info)]),
      cases,
    );
  });

  it('first-line comments: filepath labels, bare paths, block comments; not shebangs or prose', () => {
    const cases: [string, string | undefined][] = [
      ['// filepath: src/a.ts', 'src/a.ts'],
      ['// src/a.ts', 'src/a.ts'],
      ['# file: x.py', 'x.py'],
      ['# tools/x.py', 'tools/x.py'],
      ['/* styles/site.css */', 'styles/site.css'],
      ['<!-- public/index.html -->', 'public/index.html'],
      ['-- db/schema.sql', 'db/schema.sql'],
      ['// File: Makefile', 'Makefile'],
      ['// filepath: c:\\proj\\app\\main.ts', 'c:/proj/app/main.ts'],
      ['#!/usr/bin/env python', undefined],
      ['#include <stdio.h>', undefined],
      ['// compute the total', undefined],
      ['# Usage: run.py', undefined],
      ['const a = 1;', undefined],
      ['// TODO', undefined],
    ];
    assert.deepStrictEqual(
      cases.map(([line]) => [line, pathFromComment(line)]),
      cases,
    );
  });

  it('the line before a fence holding only a path', () => {
    const cases: [string, string | undefined][] = [
      ['src/a.ts', 'src/a.ts'],
      ['`src/a.ts`:', 'src/a.ts'],
      ['**src/a.ts**', 'src/a.ts'],
      ['### src/a.ts', 'src/a.ts'],
      ['- `lib/b.py`', 'lib/b.py'],
      ['File: `go.mod`', 'go.mod'],
      ['Here is the fix for src/a.ts:', undefined],
      ['Update it like this:', undefined],
      ['', undefined],
    ];
    assert.deepStrictEqual(
      cases.map(([line]) => [line, pathFromLineBefore(line)]),
      cases,
    );
  });

  it('looksLikePath: strict needs a folder or an extension, loose takes plain names', () => {
    assert.ok(looksLikePath('a/b'));
    assert.ok(looksLikePath('.gitignore'));
    assert.ok(!looksLikePath('README'));
    assert.ok(looksLikePath('README', true));
    assert.ok(!looksLikePath('1.2.3'));
    assert.ok(!looksLikePath('a b.ts'));
    assert.ok(!looksLikePath('..'));
  });

  it('fileBlocks: every block that names a file, the comment line taken out, elided blocks marked', () => {
    const md = [
      'Change these two files:',
      '',
      '```ts src/a.ts',
      'export const a = 1;',
      '```',
      '',
      '```python',
      '# filepath: tools/b.py',
      'print(1)',
      '# ... existing code ...',
      '```',
      '',
      '```sh',
      'npm test',
      '```',
      '',
      '**docs/c.md**',
      '```md',
      '# C',
      '```',
    ].join('\n');
    assert.deepStrictEqual(fileBlocks(md), [
      {
        path: 'src/a.ts',
        source: 'info',
        code: 'export const a = 1;',
        lang: 'ts',
        closed: true,
        partial: false,
        index: 0,
      },
      {
        path: 'tools/b.py',
        source: 'comment',
        code: 'print(1)\n# ... existing code ...',
        headerLine: '# filepath: tools/b.py',
        lang: 'python',
        closed: true,
        partial: true,
        index: 1,
      },
      { path: 'docs/c.md', source: 'lineBefore', code: '# C', lang: 'md', closed: true, partial: false, index: 3 },
    ]);
  });
});
