/**
 * Usage from the server is believed only when it is believable: token counts that are safe,
 * non-negative whole numbers, and a cost within a bound. Anything else is dropped (never shown or
 * added up), through the real stream decoder with an injected `fetch`.
 */
import * as assert from 'node:assert/strict';
import { checkedUsage, maxBelievableCost } from '../../../../src/core/client/decode/usage';
import { streamChat } from '../../../../src/core/client/streamChat';
import type { StreamEvent } from '../../../../src/core/types';
import { chunk, collect, data, responseFrom, scriptedFetch, utf8 } from '../../../helpers/streamHarness';

const endpoint = { baseUrl: 'http://127.0.0.1:9999/v1' };
const request = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] };

/** The usage event of an answer whose last chunk reports `usage`, if any. */
async function usageOf(usage: unknown): Promise<StreamEvent | undefined> {
  // A count written as '1e400' goes into the JSON text raw: JSON.parse reads it as Infinity.
  const usageJson = JSON.stringify({ id: 'x', choices: [], usage }).replace('"1e400"', '1e400');
  const body = `${chunk({ content: 'ok' })}${data(usageJson)}${chunk({}, 'stop')}data: [DONE]\n\n`;
  const fetch = scriptedFetch(responseFrom([utf8(body)]));
  const events = await collect(streamChat(endpoint, request, { fetch }));
  assert.ok(
    events.some((e) => e.type === 'finish'),
    `the answer still finishes: ${JSON.stringify(events)}`,
  );
  return events.find((e) => e.type === 'usage');
}

describe('usage from the server', () => {
  it('passes well-formed counts and a believable cost', async () => {
    assert.deepEqual(await usageOf({ prompt_tokens: 5, completion_tokens: 2, total_tokens: 7, cost: 0.0001 }), {
      type: 'usage',
      promptTokens: 5,
      completionTokens: 2,
      totalTokens: 7,
      cost: 0.0001,
    });
    assert.deepEqual(await usageOf({ prompt_tokens: 5, completion_tokens: 2 }), {
      type: 'usage',
      promptTokens: 5,
      completionTokens: 2,
      totalTokens: 7,
    });
  });

  const bad: [string, unknown][] = [
    ['a negative count', -3],
    ['a fractional count', 2.5],
    ['a count beyond a safe integer', 2 ** 60],
    ['a count as a string', '12'],
    ['a count past JSON’s numbers (1e400 parses as Infinity)', '1e400'],
    ['an object', { n: 1 }],
  ];
  for (const [what, value] of bad) {
    for (const field of ['prompt_tokens', 'completion_tokens', 'total_tokens']) {
      it(`drops usage with ${what} as ${field}`, async () => {
        const usage = { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7, [field]: value };
        const event = await usageOf(usage);
        assert.equal(
          event,
          undefined,
          `promise broken: usage with ${what} as ${field} was believed: ${JSON.stringify(event)}`,
        );
      });
    }
  }

  it('drops a total below the sum of its parts', async () => {
    assert.equal(await usageOf({ prompt_tokens: 5, completion_tokens: 2, total_tokens: 3 }), undefined);
  });

  for (const [what, cost] of [
    ['negative', -0.01],
    ['not a number', '0.01'],
    ['infinite', '1e400'],
    ['beyond belief for its tokens', maxBelievableCost(7) * 2],
    ['in the millions', 3_000_000],
  ] as [string, unknown][]) {
    it(`drops a cost that is ${what}, keeping the counts`, async () => {
      const event = await usageOf({ prompt_tokens: 5, completion_tokens: 2, total_tokens: 7, cost });
      assert.ok(event?.type === 'usage' && event.totalTokens === 7, JSON.stringify(event));
      assert.equal(event.cost, undefined, `promise broken: a cost that is ${what} was believed: ${String(cost)}`);
    });
  }

  it('the bound scales with the tokens: a long answer may cost more than a short one', () => {
    assert.equal(checkedUsage({ prompt_tokens: 1_000_000, completion_tokens: 0, cost: 50 })?.cost, 50);
    assert.equal(checkedUsage({ prompt_tokens: 10, completion_tokens: 0, cost: 50 })?.cost, undefined);
  });
});
