import * as assert from 'node:assert';
import { ModelCache } from '../../../../src/core/providers/modelCache';

describe('ModelCache', () => {
  it('keeps lists for the time to live, per key, and forgets on refresh', () => {
    let now = 0;
    const c = new ModelCache(1000, () => now);
    c.set('a', ['m1']);
    assert.deepStrictEqual(c.get('a'), ['m1']);
    assert.strictEqual(c.get('b'), undefined);
    now = 1001;
    assert.strictEqual(c.get('a'), undefined);
    c.set('a', ['m2']);
    c.invalidate('a');
    assert.strictEqual(c.get('a'), undefined);
  });
});
