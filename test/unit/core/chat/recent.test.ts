import * as assert from 'node:assert';
import { rememberRecent } from '../../../../src/core/chat/recent';

describe('rememberRecent', () => {
  it('puts the newest first without duplicates, bounded, ignoring blanks', () => {
    assert.deepStrictEqual(rememberRecent(['a', 'b', 'c'], ' b '), ['b', 'a', 'c']);
    assert.deepStrictEqual(rememberRecent(['a', 'b'], 'z', 2), ['z', 'a']);
    assert.deepStrictEqual(rememberRecent(['a'], '   '), ['a']);
  });
});
