/**
 * Bounded memory: whitespace before the body's first character is capped like any event, and one
 * answer's text, reasoning and tool-call arguments together are capped, counted after
 * decompression (a small gzip body can inflate to hundreds of megabytes). Past a cap the stream
 * ends with a clear error, the text before it kept.
 */
import * as assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { streamChat } from '../../../../src/core/client/streamChat';
import type { StreamEvent } from '../../../../src/core/types';
import { MockServer } from '../../../helpers/mockServer';
import { chunk, collect, merged, responseFrom, scriptedFetch, utf8 } from '../../../helpers/streamHarness';

const endpoint = { baseUrl: 'http://127.0.0.1:9999/v1' };
const request = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] };

describe('answer and body caps', function () {
  this.timeout(60_000);

  it('64 MiB of whitespace is stopped at the event cap, not buffered whole', async () => {
    const piece = utf8(' '.repeat(64 * 1024));
    const total = 1024; // 64 MiB in all
    let pulled = 0;
    function* body(): Generator<Uint8Array> {
      for (let i = 0; i < total; i++) {
        pulled++;
        yield piece;
      }
    }
    const events = await collect(
      streamChat(endpoint, request, {
        fetch: scriptedFetch(responseFrom(body())),
        idleTimeoutMs: 0,
        maxEventChars: 1024 * 1024,
      }),
    );
    assert.equal(events.length, 1, JSON.stringify(events).slice(0, 300));
    const error = events[0];
    assert.ok(error.type === 'error' && error.kind === 'protocol', JSON.stringify(error));
    assert.match(error.message, /larger than/);
    assert.ok(pulled < 40, `stopped reading early (read ${pulled} of ${total} chunks)`);
  });

  it('caps text, reasoning and tool-call arguments together; the text before the cap stays', async () => {
    const parts = [
      chunk({ content: 'a'.repeat(400) }),
      chunk({ reasoning_content: 'r'.repeat(400) }),
      chunk({ tool_calls: [{ index: 0, id: 'c', function: { name: 'f', arguments: 'x'.repeat(400) } }] }),
      chunk({ content: 'never shown' }),
      chunk({}, 'stop'),
      'data: [DONE]\n\n',
    ];
    const events = merged(
      await collect(
        streamChat(endpoint, request, {
          fetch: scriptedFetch(responseFrom(parts.map(utf8))),
          idleTimeoutMs: 0,
          maxAnswerChars: 1000,
        }),
      ),
    );
    assert.deepEqual(events.slice(0, 2), [
      { type: 'text', text: 'a'.repeat(400) },
      { type: 'reasoning', text: 'r'.repeat(400) },
    ]);
    const last = events[events.length - 1];
    assert.ok(last.type === 'error' && last.kind === 'protocol' && last.interrupted, JSON.stringify(last));
    assert.match(last.message, /grew past/);
    assert.ok(!events.some((e) => e.type === 'toolCall'));
  });

  it('counts decoded bytes, not wire bytes: a small gzip body that inflates past the cap is stopped', async () => {
    const server = await MockServer.start();
    try {
      const event = `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'z'.repeat(1000) } }] })}\n\n`;
      const inflated = event.repeat(20_000); // about 20 MB of events, 20 MB of answer text
      const wire = gzipSync(Buffer.from(inflated));
      assert.ok(wire.length < 200_000, `the wire body is small (${wire.length} bytes)`);
      server.enqueue({
        headers: { 'content-type': 'text/event-stream', 'content-encoding': 'gzip' },
        chunks: [new Uint8Array(wire)],
      });
      const events = await collect(
        streamChat({ baseUrl: server.baseUrl }, request, { idleTimeoutMs: 10_000, maxAnswerChars: 4 * 1024 * 1024 }),
      );
      const text = events.filter((e): e is StreamEvent & { type: 'text' } => e.type === 'text');
      const chars = text.reduce((n, e) => n + e.text.length, 0);
      assert.ok(chars > 0 && chars <= 4 * 1024 * 1024, `text kept up to the cap (${chars})`);
      const last = events[events.length - 1];
      assert.ok(last.type === 'error' && last.kind === 'protocol' && last.interrupted, JSON.stringify(last));
    } finally {
      await server.close();
    }
  });
});
