/** The step lines' catalogue: English by default, every key's placeholders used, counts by number. */
import * as assert from 'node:assert/strict';
import { countLine, STEP_TEXT, stepLine, stepText } from '../../../../src/core/tools';

describe('tool step lines', () => {
  it('word in English by default, nested counts first, one and many apart', () => {
    assert.equal(
      stepText(stepLine('searched', 'retryDelay', countLine(12, 'result'), countLine(4, 'file'))),
      'Searched `retryDelay`: 12 results in 4 files',
    );
    assert.equal(
      stepText(stepLine('searched', 'x', countLine(1, 'result'), countLine(1, 'file'))),
      'Searched `x`: 1 result in 1 file',
    );
    assert.equal(
      stepText(stepLine('found', countLine(50, 'file', true), '**/*.ts')),
      'Found over 50 files for **/*.ts',
    );
    assert.equal(stepText(stepLine('read', 'src/a.ts', 1, 120)), 'Read src/a.ts, lines 1-120');
    assert.equal(stepText('search_text'), 'search_text', 'a bare name stays as it is');
  });

  it('every template numbers its placeholders from {0} without gaps (translations keep them)', () => {
    for (const [key, template] of Object.entries(STEP_TEXT)) {
      const used = [...new Set([...template.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1])))].sort();
      assert.deepEqual(
        used,
        used.map((_n, i) => i),
        key,
      );
    }
  });
});
