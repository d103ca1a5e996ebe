import * as assert from 'node:assert';
import {
  costAtPrices,
  pricePerToken,
  pricesFromModelEntry,
  pricesFromModelList,
} from '../../../../src/core/client/modelPrices';

describe('model prices', () => {
  it('reads a price per token from a number or a decimal string', () => {
    assert.strictEqual(pricePerToken('0.0000025'), 0.0000025);
    assert.strictEqual(pricePerToken('2.5e-6'), 0.0000025);
    assert.strictEqual(pricePerToken(' 0.000001 '), 0.000001);
    assert.strictEqual(pricePerToken('.5e-6'), 0.0000005);
    assert.strictEqual(pricePerToken(0.00003), 0.00003);
    assert.strictEqual(pricePerToken('0'), 0, 'a free model costs nothing, which is known');
    assert.strictEqual(pricePerToken(0), 0);
  });

  it('refuses what is not a believable price: missing, negative, not a number, huge', () => {
    for (const v of [
      undefined,
      null,
      '',
      '  ',
      '-1', // OpenRouter's "depends on the route"
      -0.000001,
      'abc',
      '0x10',
      '1,5',
      '$0.01',
      'NaN',
      'Infinity',
      Number.NaN,
      Number.POSITIVE_INFINITY,
      '1e308',
      '1e400',
      '0.02', // $20,000 per million tokens
      5,
      true,
      {},
      ['0.000001'],
    ])
      assert.strictEqual(pricePerToken(v), undefined, JSON.stringify(v));
  });

  it("reads OpenRouter's pricing and LiteLLM's cost fields; both prices or none", () => {
    assert.deepStrictEqual(pricesFromModelEntry({ pricing: { prompt: '0.000003', completion: '0.000015' } }), {
      prompt: 0.000003,
      completion: 0.000015,
    });
    assert.deepStrictEqual(pricesFromModelEntry({ input_cost_per_token: 1e-6, output_cost_per_token: 2e-6 }), {
      prompt: 1e-6,
      completion: 2e-6,
    });
    assert.deepStrictEqual(
      pricesFromModelEntry({ model_info: { input_cost_per_token: 1e-6, output_cost_per_token: 0 } }),
      { prompt: 1e-6, completion: 0 },
    );
    assert.strictEqual(pricesFromModelEntry({ pricing: { prompt: '0.000003' } }), undefined, 'one price only');
    assert.strictEqual(pricesFromModelEntry({ pricing: { prompt: '-1', completion: '-1' } }), undefined);
    assert.strictEqual(pricesFromModelEntry({ pricing: 'cheap' }), undefined);
    assert.strictEqual(pricesFromModelEntry({ id: 'm' }), undefined);
    assert.strictEqual(pricesFromModelEntry(null), undefined);
    assert.strictEqual(pricesFromModelEntry('m'), undefined);
  });

  it('finds the model in the list shapes servers use', () => {
    const entry = { id: 'a/b', pricing: { prompt: '0.000001', completion: '0.000002' } };
    const want = { prompt: 0.000001, completion: 0.000002 };
    assert.deepStrictEqual(pricesFromModelList({ data: [{ id: 'other' }, entry] }, 'a/b'), want);
    assert.deepStrictEqual(pricesFromModelList({ models: [{ ...entry, id: undefined, name: 'a/b' }] }, 'a/b'), want);
    assert.deepStrictEqual(pricesFromModelList([entry], 'a/b'), want);
    assert.strictEqual(pricesFromModelList({ data: [entry] }, 'missing'), undefined);
    for (const payload of [undefined, null, 'text', 42, { data: 'x' }, { data: [null, 1, 'a/b'] }])
      assert.strictEqual(pricesFromModelList(payload, 'a/b'), undefined, JSON.stringify(payload));
  });

  it('costs the prompt and completion tokens at their prices', () => {
    const prices = { prompt: 0.000003, completion: 0.000015 };
    const cost = costAtPrices({ promptTokens: 1000, completionTokens: 200 }, prices);
    assert.ok(cost !== undefined && Math.abs(cost - 0.006) < 1e-12, String(cost));
    assert.strictEqual(costAtPrices({ promptTokens: 0, completionTokens: 0 }, prices), 0);
    assert.strictEqual(costAtPrices({ promptTokens: -1, completionTokens: 2 }, prices), undefined);
    assert.strictEqual(costAtPrices({ promptTokens: 1.5, completionTokens: 2 }, prices), undefined);
    assert.strictEqual(costAtPrices({ promptTokens: Number.NaN, completionTokens: 2 }, prices), undefined);
  });
});
