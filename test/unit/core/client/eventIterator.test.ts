/** Events from batches: order, empty batches, callers that do not wait, and early return. */
import * as assert from 'node:assert/strict';
import { EventIterator } from '../../../../src/core/client/eventIterator';
import type { StreamEvent } from '../../../../src/core/types';

const t = (text: string): StreamEvent => ({ type: 'text', text });

describe('EventIterator', () => {
  it('hands out every event of every batch in order, skipping empty batches', async () => {
    async function* source() {
      yield [t('a'), t('b')];
      yield [];
      yield [t('c')];
    }
    const out: StreamEvent[] = [];
    for await (const e of new EventIterator(source())) out.push(e);
    assert.deepEqual(out, [t('a'), t('b'), t('c')]);
  });

  it('keeps the order for a caller that asks again before an answer arrives', async () => {
    async function* source() {
      await new Promise((r) => setTimeout(r, 5));
      yield [t('1'), t('2')];
      await new Promise((r) => setTimeout(r, 5));
      yield [t('3')];
    }
    const it = new EventIterator(source());
    const results = await Promise.all([it.next(), it.next(), it.next(), it.next()]);
    assert.deepEqual(
      results.map((r) => (r.done ? 'done' : (r.value as { text: string }).text)),
      ['1', '2', '3', 'done'],
    );
  });

  it('return() ends the source, running its finally block', async () => {
    let cleaned = false;
    async function* source() {
      try {
        yield [t('x'), t('y')];
        yield [t('z')];
      } finally {
        cleaned = true;
      }
    }
    const seen: string[] = [];
    for await (const e of new EventIterator(source())) {
      seen.push((e as { text: string }).text);
      break;
    }
    assert.deepEqual(seen, ['x']);
    assert.equal(cleaned, true);
  });
});
