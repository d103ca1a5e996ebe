import * as assert from 'node:assert';
import { answerUsageText, chatUsage, tokensPerSecond, usageText } from '../../../src/webview/usage';

const strings = { tokens: '{0} tokens' };
const usage = (totalTokens: number, cost?: number, priced?: boolean) => ({
  usage: {
    promptTokens: 0,
    completionTokens: totalTokens,
    totalTokens,
    ...(cost === undefined ? {} : { cost }),
    ...(priced ? { priced } : {}),
  },
});

describe('usage figures', () => {
  it('adds up tokens, and the cost only when every answer with usage has one', () => {
    assert.deepStrictEqual(chatUsage([usage(10, 0.001), {}, usage(5, 0.002)]), { totalTokens: 15, cost: 0.003 });
    assert.deepStrictEqual(chatUsage([usage(10, 0.001), usage(5)]), { totalTokens: 15 });
    assert.deepStrictEqual(chatUsage([]), { totalTokens: 0 });
  });

  it('marks the chat cost as computed from list prices when any part of it was', () => {
    assert.deepStrictEqual(chatUsage([usage(10, 0.001), usage(5, 0.002, true)]), {
      totalTokens: 15,
      cost: 0.003,
      priced: true,
    });
  });

  it('shows tokens only without a cost, the amount when reported, and ≈ when computed from prices', () => {
    assert.strictEqual(usageText(strings, { totalTokens: 1200 }), `${(1200).toLocaleString()} tokens`);
    assert.match(usageText(strings, { totalTokens: 12, cost: 0.00042 }), /^12 tokens · \$0\.00042$/);
    assert.match(usageText(strings, { totalTokens: 12, cost: 0.006, priced: true }), /^12 tokens · ≈\$0\.006$/);
    assert.match(usageText(strings, { totalTokens: 12, cost: 0, priced: true }), /^12 tokens · ≈\$0(\.00)?$/);
  });
  it('computes tokens per second from usage and timings', () => {
    assert.strictEqual(
      tokensPerSecond({
        usage: { promptTokens: 1, completionTokens: 50, totalTokens: 51 },
        firstTokenAt: 1000,
        endedAt: 3000,
      }),
      25,
    );
    assert.strictEqual(tokensPerSecond({}), undefined);
  });
});

describe("an answer's figure", () => {
  it("names the answer's tokens first and the prompt's apart, then the cost", () => {
    const strings = { answerTokens: '{0} answer tokens · {1} prompt tokens', tokens: '{0} tokens' };
    const usage = { promptTokens: 1415, completionTokens: 150, totalTokens: 1565 };
    assert.strictEqual(answerUsageText(strings, usage), `150 answer tokens · ${(1415).toLocaleString()} prompt tokens`);
    assert.match(answerUsageText(strings, { ...usage, cost: 0.00042 }), / prompt tokens · \$0\.00042$/);
  });
});
