import * as assert from 'assert';
import { ModelCache } from '../../../src/core/modelCache';
import { rememberRecent } from '../../../src/core/recent';
import { ThroughputMeter } from '../../../src/core/throughput';

describe('rememberRecent', () => {
  it('puts the newest first without duplicates, bounded, ignoring blanks', () => {
    assert.deepStrictEqual(rememberRecent(['a', 'b', 'c'], ' b '), ['b', 'a', 'c']);
    assert.deepStrictEqual(rememberRecent(['a', 'b'], 'z', 2), ['z', 'a']);
    assert.deepStrictEqual(rememberRecent(['a'], '   '), ['a']);
  });
});

describe('ThroughputMeter', () => {
  it('counts deltas as tokens until usage gives the real count, over the time since the first token', () => {
    const m = new ThroughputMeter();
    assert.strictEqual(m.rate(0), undefined);
    for (let i = 0; i <= 20; i++) m.delta(1000 + i * 50);
    assert.strictEqual(m.tokens, 21);
    assert.strictEqual(m.rate(), 20);
    m.usage(41);
    assert.strictEqual(m.rate(), 40);
    assert.strictEqual(m.rate(3000), 20);
  });

  it('has no rate for a single token or a too short interval', () => {
    const m = new ThroughputMeter();
    m.delta(0);
    assert.strictEqual(m.rate(5000), undefined);
    m.delta(50);
    assert.strictEqual(m.rate(50), undefined);
  });
});

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
