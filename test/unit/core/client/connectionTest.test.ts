import * as assert from 'node:assert';
import type { StreamFn } from '../../../../src/core/chat/session';
import { TEST_PROMPT, testConnection } from '../../../../src/core/client/connectionTest';
import type { ChatRequest, StreamEvent } from '../../../../src/core/types';

function script(events: StreamEvent[]) {
  const seen: { request?: ChatRequest; aborted: boolean } = { aborted: false };
  const fn: StreamFn = async function* (_e, request, { signal }) {
    seen.request = request;
    try {
      for (const ev of events) yield ev;
    } finally {
      seen.aborted = signal.aborted;
    }
  };
  return { fn, seen };
}

describe('testConnection', () => {
  it('reports the time to the first token and stops the answer there', async () => {
    let t = 1000;
    const s = script([
      { type: 'retry', attempt: 1, delayMs: 1, kind: 'server', message: 'm' },
      { type: 'text', text: 'O' },
      { type: 'text', text: 'K' },
      { type: 'finish', reason: 'stop' },
    ]);
    const r = await testConnection(s.fn, { baseUrl: 'http://x' }, 'm1', { now: () => (t += 150) });
    assert.deepStrictEqual(r, { ok: true, latencyMs: 150, model: 'm1' });
    assert.strictEqual(s.seen.request?.messages[0].content, TEST_PROMPT);
    assert.strictEqual(s.seen.request?.model, 'm1');
  });

  it("reports the stream's error with its kind and status", async () => {
    const s = script([{ type: 'error', kind: 'auth', status: 401, message: 'Check the key.', interrupted: false }]);
    const r = await testConnection(s.fn, { baseUrl: 'http://x' }, 'm1');
    assert.strictEqual(r.ok, false);
    assert.ok(!r.ok && r.kind === 'auth' && r.status === 401 && r.message === 'Check the key.');
  });

  it('treats an answer with no event at all as a protocol problem, and a throw as an error', async () => {
    assert.strictEqual((await testConnection(script([]).fn, { baseUrl: 'http://x' }, 'm')).ok, false);
    const throwing: StreamFn = async function* () {
      throw new Error('no model set');
    };
    const r = await testConnection(throwing, { baseUrl: 'http://x' }, 'm');
    assert.ok(!r.ok && r.message === 'no model set');
  });
});
