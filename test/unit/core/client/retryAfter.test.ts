/** Reading Retry-After in its three forms. */
import * as assert from 'node:assert/strict';
import { describeWait, retryAfterMs } from '../../../../src/core/client/retryAfter';

const now = Date.UTC(2025, 5, 1, 10, 0, 0);
const h = (o: Record<string, string>) => new Headers(o);

describe('retryAfterMs', () => {
  it('reads seconds, fractional seconds, an HTTP date and retry-after-ms (which wins)', () => {
    assert.equal(retryAfterMs(h({ 'retry-after': '20' }), now), 20_000);
    assert.equal(retryAfterMs(h({ 'retry-after': '0.5' }), now), 500);
    assert.equal(retryAfterMs(h({ 'retry-after': new Date(now + 30_000).toUTCString() }), now), 30_000);
    assert.equal(retryAfterMs(h({ 'retry-after-ms': '250', 'retry-after': '9' }), now), 250);
  });

  it('treats past dates as no wait and ignores what it cannot read', () => {
    assert.equal(retryAfterMs(h({ 'retry-after': new Date(now - 5000).toUTCString() }), now), 0);
    assert.equal(retryAfterMs(h({ 'retry-after': 'soon' }), now), undefined);
    assert.equal(retryAfterMs(h({}), now), undefined);
  });

  it('says waits in words', () => {
    assert.equal(describeWait(1500), '1.5 s');
    assert.equal(describeWait(20_000), '20 s');
    assert.equal(describeWait(300_000), '5 min');
  });
});
