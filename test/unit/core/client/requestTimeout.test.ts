import * as assert from 'node:assert';
import type { StreamFn } from '../../../../src/core/chat/session';
import { withRequestTimeout } from '../../../../src/core/client/requestTimeout';
import type { StreamEvent } from '../../../../src/core/types';

/**
 * A stream that sends two text deltas at once, then one every 10 ms until told to stop, then
 * finishes with `abort`. The first two need no timer, so a loaded machine still sees text before
 * any limit.
 */
const slow: StreamFn = async function* (_e, _r, { signal }) {
  for (let i = 0; i < 1000; i++) {
    if (i >= 2) await new Promise((r) => setTimeout(r, 10));
    if (signal.aborted) {
      yield { type: 'finish', reason: 'abort' };
      return;
    }
    yield { type: 'text', text: `${i} ` };
  }
  yield { type: 'finish', reason: 'stop' };
};

async function collect(fn: StreamFn, signal = new AbortController().signal): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const ev of fn({ baseUrl: 'http://x' }, { model: 'm', messages: [] }, { signal })) out.push(ev);
  return out;
}

describe('withRequestTimeout', () => {
  it('ends a too long answer with a timeout error that keeps it interrupted, not a user stop', async () => {
    const events = await collect(withRequestTimeout(slow, () => 250));
    const last = events[events.length - 1];
    assert.strictEqual(last.type, 'error');
    assert.ok(
      last.type === 'error' &&
        last.kind === 'timeout' &&
        last.interrupted &&
        /rill\.requestTimeoutSeconds/.test(last.message),
    );
    assert.ok(events.filter((e) => e.type === 'text').length >= 2);
    assert.strictEqual(events.filter((e) => e.type === 'finish' || e.type === 'error').length, 1);
  });

  it("leaves the user's own stop as a stop", async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 40);
    const events = await collect(
      withRequestTimeout(slow, () => 10_000),
      ac.signal,
    );
    assert.deepStrictEqual(events[events.length - 1], { type: 'finish', reason: 'abort' });
  });

  it('does nothing with no limit, and reads the limit per request', async () => {
    let limit = 0;
    const quick: StreamFn = async function* () {
      yield { type: 'text', text: 'x' };
      yield { type: 'finish', reason: 'stop' };
    };
    const wrapped = withRequestTimeout(quick, () => limit);
    assert.deepStrictEqual(
      (await collect(wrapped)).map((e) => e.type),
      ['text', 'finish'],
    );
    limit = 5000;
    assert.deepStrictEqual(
      (await collect(wrapped)).map((e) => e.type),
      ['text', 'finish'],
    );
  });
});
