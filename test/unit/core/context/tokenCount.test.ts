import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
// A reference tokenizer (OpenAI's o200k vocabulary), used by this test only: Rill ships the estimate.
import { encode } from 'gpt-tokenizer/cjs/encoding/o200k_base';
import { Calibration, estimateTokens, TokenCounter } from '../../../../src/core/context';
import { corpusTexts } from '../../../helpers/tokenCorpus';

const root = path.resolve(__dirname, '../../../../..');

describe('token estimate', () => {
  it('is within 10% of a reference BPE tokenizer on a mixed code/prose/Chinese corpus', () => {
    let estimated = 0;
    let reference = 0;
    for (const text of corpusTexts()) {
      estimated += estimateTokens(text);
      reference += encode(text).length;
    }
    const ratio = estimated / reference;
    assert.ok(Math.abs(ratio - 1) <= 0.1, `estimate ${estimated} vs reference ${reference} (×${ratio.toFixed(3)})`);
  });

  it('counts the kinds of text sensibly', () => {
    assert.strictEqual(estimateTokens(''), 0);
    assert.strictEqual(estimateTokens('hello'), 1);
    assert.ok(estimateTokens('hello world') === 2);
    assert.ok(estimateTokens('你好世界，这是一个测试') >= 8);
    assert.ok(estimateTokens('😀😀😀') >= 3);
    assert.ok(estimateTokens('x'.repeat(1000)) > 150, 'a long run is not one token');
    assert.ok(estimateTokens('1234567890') >= 3);
  });

  it('grows linearly: twice the text, twice the count', () => {
    const text = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const one = estimateTokens(text);
    const two = estimateTokens(text + text);
    assert.ok(Math.abs(two - 2 * one) <= 2, `${one} then ${two}`);
  });

  it('caches per text: a second count does not rescan', () => {
    const counter = new TokenCounter();
    const big = 'word '.repeat(200_000);
    const t0 = process.hrtime.bigint();
    const first = counter.count(big);
    const t1 = process.hrtime.bigint();
    for (let i = 0; i < 100; i++) assert.strictEqual(counter.count(big), first);
    const t2 = process.hrtime.bigint();
    // 100 cached look-ups take less than one scan: each is a hash look-up on the same string.
    assert.ok(t2 - t1 < t1 - t0, `first ${t1 - t0} ns, 100 cached ${t2 - t1} ns`);
  });
});

describe('calibration from the server’s counts', () => {
  it('learns a byte-level model that counts about one token per byte', () => {
    const c = new Calibration();
    const text = fs.readFileSync(path.join(root, 'src/core/chat/session.ts'), 'utf8');
    const raw = estimateTokens(text);
    const bytes = Buffer.byteLength(text);
    assert.strictEqual(c.observe('byte-model', raw, bytes).type, 'calibrated');
    assert.ok(Math.abs(c.scale('byte-model', raw) - bytes) / bytes < 0.02);
    assert.strictEqual(c.factor('other-model'), 1);
  });

  it('follows the newest count and ignores tiny requests', () => {
    const c = new Calibration();
    c.observe('m', 1000, 1200);
    c.observe('m', 1000, 1200);
    assert.ok(Math.abs(c.factor('m') - 1.2) < 0.01);
    assert.strictEqual(c.observe('m', 10, 5000).type, 'ignored');
    assert.ok(Math.abs(c.factor('m') - 1.2) < 0.01);
  });

  it('calls a count far below what was sent a silent truncation, and does not learn from it', () => {
    const c = new Calibration();
    const seen = c.observe('llama3', 10_000, 2048);
    assert.deepStrictEqual(seen, { type: 'silentTruncation', sentTokens: 10_000, serverTokens: 2048 });
    assert.strictEqual(c.factor('llama3'), 1);
  });

  it('lets the next usage count replace an overflow error’s outlier, not mistaking it for a cut prompt', () => {
    const c = new Calibration();
    c.learnExact('m', 600, 1500);
    assert.strictEqual(c.factor('m'), 2.5);
    // The server then counts the accepted request at about the estimate: that wins.
    assert.deepStrictEqual(c.observe('m', 600, 620), { type: 'calibrated', factor: 620 / 600 });
    assert.strictEqual(c.scale('m', 1500), Math.ceil(1500 * (620 / 600)));
    // A real cut is still one: far below what accepted requests taught.
    assert.strictEqual(c.observe('m', 4000, 1000).type, 'silentTruncation');
  });

  it('calls a count that stopped growing while the request grew a silent truncation (a chat growing past the window)', () => {
    const c = new Calibration();
    assert.strictEqual(c.observe('m', 700, 720).type, 'calibrated');
    assert.strictEqual(c.observe('m', 780, 800).type, 'calibrated');
    const seen = c.observe('m', 900, 800);
    assert.deepStrictEqual(seen, {
      type: 'silentTruncation',
      sentTokens: Math.ceil(900 * (800 / 780)),
      serverTokens: 800,
    });
    assert.strictEqual(c.factor('m'), 800 / 780, 'the cut count taught nothing');
    // Trimmed by Rill (a smaller request), a lower count is no cut.
    assert.strictEqual(c.observe('m', 600, 610).type, 'calibrated');
  });

  it('takes an overflow error’s count as exact', () => {
    const c = new Calibration();
    c.learnExact('m', 1000, 2500);
    assert.strictEqual(c.scale('m', 1000), 2500);
  });
});
