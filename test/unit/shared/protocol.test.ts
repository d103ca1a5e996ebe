import * as assert from 'node:assert';
import { parseWebviewMessage } from '../../../src/shared/protocol';

describe('protocol guard', () => {
  it('accepts well-formed messages', () => {
    assert.deepStrictEqual(parseWebviewMessage({ type: 'send', text: 'hi' }), { type: 'send', text: 'hi' });
    assert.deepStrictEqual(parseWebviewMessage({ type: 'insertCode', code: 'x', language: 'ts', target: 'newFile' }), {
      type: 'insertCode',
      code: 'x',
      language: 'ts',
      target: 'newFile',
    });
    assert.deepStrictEqual(parseWebviewMessage({ type: 'insertCode', code: 'x', language: '', target: 'apply' }), {
      type: 'insertCode',
      code: 'x',
      language: '',
      target: 'apply',
    });
    assert.deepStrictEqual(parseWebviewMessage({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.deepStrictEqual(parseWebviewMessage({ type: 'drawn', turnId: 't1', seq: 3 }), {
      type: 'drawn',
      turnId: 't1',
      seq: 3,
    });
  });

  it('Apply carries the answer’s turn id and the block number; malformed ones are left out, not trusted', () => {
    const base = { type: 'insertCode', code: 'x', language: 'ts', target: 'apply' };
    assert.deepStrictEqual(parseWebviewMessage({ ...base, turnId: 't1', block: 2 }), {
      ...base,
      turnId: 't1',
      block: 2,
    });
    assert.deepStrictEqual(parseWebviewMessage({ ...base, turnId: '../x', block: -1 }), base);
    assert.deepStrictEqual(parseWebviewMessage({ ...base, turnId: 7, block: 1.5 }), base);
  });

  it('rejects unknown types, wrong field types, bad ids and oversized fields', () => {
    for (const bad of [
      null,
      'send',
      42,
      {},
      { type: 'eval', code: '1' },
      { type: 'send' },
      { type: 'send', text: 5 },
      { type: 'regenerate', turnId: '../../x' },
      { type: 'insertCode', code: 'x', language: 'ts', target: 'run' },
      { type: 'openChat', chatId: '../../x' },
      { type: 'insertCode', code: 'x', language: 'ts', target: 'disk' },
      { type: 'insertCode', code: 'x', language: 'x'.repeat(65), target: 'cursor' },
      { type: 'send', text: 'x'.repeat(1_000_001) },
      { type: 'drawn', turnId: 't1', seq: 1.5 },
      { type: 'drawn', turnId: 't1', seq: -1 },
      { type: 'drawn', turnId: 't1', seq: '2' },
      { type: 'drawn', seq: 2 },
    ]) {
      assert.strictEqual(parseWebviewMessage(bad), undefined, JSON.stringify(bad)?.slice(0, 80));
    }
  });
});
