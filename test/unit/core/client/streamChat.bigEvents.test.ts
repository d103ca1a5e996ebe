/**
 * One event of several megabytes is parsed; one past the cap (no less than 16 MB) ends the stream
 * with a clean `protocol` error instead of exhausting memory.
 */
import * as assert from 'node:assert/strict';
import { ChatStreamDecoder, DEFAULT_MAX_EVENT_CHARS } from '../../../../src/core/client/decode/chatStreamDecoder';
import { streamChat } from '../../../../src/core/client/streamChat';
import type { StreamEvent } from '../../../../src/core/types';
import { collect, randomSplit, responseFrom, scriptedFetch, utf8 } from '../../../helpers/streamHarness';

const endpoint = { baseUrl: 'http://127.0.0.1:9999/v1' };
const request = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] };

function bigBody(content: string): Uint8Array {
  return utf8(
    `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\ndata: {"choices":[{"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n`,
  );
}

async function viaStream(chunks: Uint8Array[], maxEventChars?: number): Promise<StreamEvent[]> {
  return collect(
    streamChat(endpoint, request, { fetch: scriptedFetch(responseFrom(chunks)), idleTimeoutMs: 0, maxEventChars }),
  );
}

function viaDecoderByteByByte(body: Uint8Array, maxEventChars?: number): StreamEvent[] {
  const decoder = new ChatStreamDecoder({ maxEventChars });
  const out: StreamEvent[] = [];
  for (let i = 0; i < body.length && !decoder.done; i++) out.push(...decoder.push(body.subarray(i, i + 1)));
  out.push(...decoder.end());
  return out;
}

describe('events of several megabytes', function () {
  this.timeout(60_000);
  // 3 MiB of mixed-width characters: ASCII, 2-, 3- and 4-byte UTF-8.
  const content = `Big answer: ${'abcé€🌊'.repeat(300_000)}`;
  const body = bigBody(content);
  const expected: StreamEvent[] = [
    { type: 'text', text: content },
    { type: 'finish', reason: 'stop' },
  ];

  it('parses one multi-megabyte event fed whole', async () => {
    assert.ok(body.length > 3 * 1024 * 1024);
    assert.deepEqual(await viaStream([body]), expected);
  });

  it('parses it at random split points (through the stream)', async () => {
    for (const seed of [11, 12])
      assert.deepEqual(await viaStream(randomSplit(body, seed, 4096)), expected, `seed ${seed}`);
  });

  it('parses it byte by byte (through the decoder the stream uses)', () => {
    assert.deepEqual(viaDecoderByteByByte(body), expected);
  });
});

describe('the event size cap', function () {
  this.timeout(60_000);

  it('is at least 16 MB by default', () => {
    assert.ok(DEFAULT_MAX_EVENT_CHARS >= 16_000_000);
  });

  it('stops an event past the default cap with a protocol error, fed whole and in pieces', async () => {
    const body = bigBody('y'.repeat(DEFAULT_MAX_EVENT_CHARS + 1000));
    for (const chunks of [[body], randomSplit(body, 5, 65_536)]) {
      const events = await viaStream(chunks);
      assert.equal(events.length, 1);
      const e = events[0];
      assert.equal(e.type, 'error');
      if (e.type === 'error') {
        assert.equal(e.kind, 'protocol');
        assert.equal(e.interrupted, false);
        assert.match(e.message, /larger than 16 MB/);
      }
    }
  });

  it('keeps earlier text and marks the error interrupted (small cap, whole, byte by byte, random)', async () => {
    const body = utf8(
      `data: ${JSON.stringify({ choices: [{ delta: { content: 'kept' } }] })}\n\n` +
        bigBody('z'.repeat(5000)).reduce((s, b) => s + String.fromCharCode(b), ''),
    );
    const expected = (events: StreamEvent[]) => {
      assert.deepEqual(events.slice(0, 1), [{ type: 'text', text: 'kept' }]);
      assert.equal(events.length, 2);
      const e = events[1];
      assert.ok(e.type === 'error' && e.kind === 'protocol' && e.interrupted);
    };
    const whole = await viaStream([body], 4096);
    expected(whole);
    expected(viaDecoderByteByByte(body, 4096));
    assert.deepEqual(
      await viaStream(
        Array.from({ length: body.length }, (_, i) => body.subarray(i, i + 1)),
        4096,
      ),
      whole,
    );
    assert.deepEqual(await viaStream(randomSplit(body, 3), 4096), whole);
  });

  it('caps a whole JSON answer too', async () => {
    const json = utf8(
      JSON.stringify({ choices: [{ message: { content: 'w'.repeat(10_000) }, finish_reason: 'stop' }] }),
    );
    const events = await collect(
      streamChat(endpoint, request, {
        fetch: scriptedFetch(responseFrom([json], { headers: { 'content-type': 'application/json' } })),
        idleTimeoutMs: 0,
        maxEventChars: 4096,
      }),
    );
    assert.equal(events.length, 1);
    assert.ok(events[0].type === 'error' && events[0].kind === 'protocol');
  });
});
