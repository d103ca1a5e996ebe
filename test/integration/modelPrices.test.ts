import * as assert from 'node:assert';
import { sseReply } from '../helpers/mockServer';
import { configure, services, withTestServer } from './helpers';

/**
 * The cost of an answer from the prices the server's model list states, when its usage reports none.
 * Each test uses a model name of its own: model lists are read once per endpoint and model.
 */
describe('Cost from the model list prices', function () {
  this.timeout(30_000);
  const bench = withTestServer();

  /** A gateway profile (the `custom` preset) on the test server, using `model`. */
  async function gateway(model: string): Promise<void> {
    await configure({
      profiles: [{ name: 'Gateway', preset: 'custom', baseUrl: bench.server.baseUrl, model }],
      activeProfile: 'Gateway',
    });
  }

  it('computes the cost from listed prices when the usage has none, and marks it as computed', async () => {
    const s = await services();
    bench.server.models = ['priced-model'];
    bench.server.prices = { 'priced-model': { prompt: '0.000003', completion: '0.000015' } };
    await gateway('priced-model');
    bench.server.enqueue(sseReply(['one ', 'two ', 'three'], { usage: true, promptTokens: 1000 }));
    const turn = await s.session.ask('How much?');
    assert.deepStrictEqual(
      { ...turn.usage, cost: undefined },
      { promptTokens: 1000, completionTokens: 3, totalTokens: 1003, cost: undefined, priced: true },
    );
    assert.ok(Math.abs((turn.usage?.cost ?? 0) - (1000 * 0.000003 + 3 * 0.000015)) < 1e-12, String(turn.usage?.cost));
    assert.ok(
      bench.server.requests.some((r) => r.method === 'GET' && r.path.endsWith('/models')),
      'the model list was read',
    );
  });

  it("keeps the server's own cost over the listed prices", async () => {
    const s = await services();
    bench.server.models = ['reported-model'];
    bench.server.prices = { 'reported-model': { prompt: '0.000003', completion: '0.000015' } };
    await gateway('reported-model');
    bench.server.enqueue(sseReply(['ok'], { usage: true, cost: 0.00042 }));
    const turn = await s.session.ask('Reported?');
    assert.strictEqual(turn.usage?.cost, 0.00042);
    assert.strictEqual(turn.usage?.priced, undefined);
  });

  it('shows tokens only when neither the usage nor the list gives a cost (nothing invented)', async () => {
    const s = await services();
    bench.server.models = ['unpriced-model', 'odd-model'];
    bench.server.prices = { 'odd-model': { prompt: '-1', completion: 'n/a' } };
    for (const model of ['unpriced-model', 'odd-model']) {
      await gateway(model);
      bench.server.enqueue(sseReply(['ok'], { usage: true }));
      const turn = await s.session.ask(`Free of charge, ${model}?`);
      assert.strictEqual(turn.usage?.totalTokens, 13);
      assert.strictEqual(turn.usage?.cost, undefined, model);
    }
  });

  it('does not take prices from the model list of a local server', async () => {
    const s = await services();
    // The list may be read for the window it states; its prices must still not make a cost.
    bench.server.models = ['local-model'];
    bench.server.prices = { 'local-model': { prompt: '0.000003', completion: '0.000015' } };
    await configure({
      profiles: [{ name: 'Local', preset: 'ollama', baseUrl: bench.server.baseUrl, model: 'local-model' }],
      activeProfile: 'Local',
    });
    bench.server.enqueue(sseReply(['ok'], { usage: true }));
    const turn = await s.session.ask('Local?');
    assert.strictEqual(turn.usage?.cost, undefined, 'a local server lists no real prices');
    assert.strictEqual(turn.usage?.priced, undefined);
  });
});
