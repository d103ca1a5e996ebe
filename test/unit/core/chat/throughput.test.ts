import * as assert from 'node:assert';
import { ThroughputMeter } from '../../../../src/core/chat/throughput';

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
