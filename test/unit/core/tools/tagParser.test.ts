/** The text protocol's streaming parser: calls found and hidden whatever the chunking, plain text untouched. */
import * as assert from 'node:assert/strict';
import { ChatStreamDecoder } from '../../../../src/core/client';
import { readCall, ToolTagParser } from '../../../../src/core/tools';

const ANSWER =
  'Let me look. <tool_call>{"name": "read_file", "arguments": {"path": "src/a.ts"}}</tool_call>\n' +
  'And search: <tool_call>\n{"name":"search_text","arguments":{"query":"x < y"}}\n</tool_call> done <b>ok</b> < tool_call';

function parseIn(pieces: string[]) {
  const p = new ToolTagParser('t');
  let shown = '';
  for (const piece of pieces) shown += p.push(piece);
  shown += p.end();
  return { shown, calls: p.calls, raw: p.rawText };
}

describe('ToolTagParser', () => {
  it('finds the calls, hides them, keeps the rest (including other tags and lone <)', () => {
    const r = parseIn([ANSWER]);
    assert.equal(r.shown, 'Let me look. \nAnd search:  done <b>ok</b> < tool_call');
    assert.deepEqual(r.calls, [
      { id: 't_1', name: 'read_file', arguments: '{"path":"src/a.ts"}' },
      { id: 't_2', name: 'search_text', arguments: '{"query":"x < y"}' },
    ]);
    assert.equal(r.raw, ANSWER);
  });

  it('gives the same result split in two at every position', () => {
    const whole = parseIn([ANSWER]);
    for (let i = 0; i <= ANSWER.length; i++) {
      const r = parseIn([ANSWER.slice(0, i), ANSWER.slice(i)]);
      assert.equal(r.shown, whole.shown, `split at ${i}`);
      assert.deepEqual(r.calls, whole.calls, `split at ${i}`);
    }
  });

  it('gives the same result one character at a time', () => {
    const r = parseIn([...ANSWER]);
    const whole = parseIn([ANSWER]);
    assert.equal(r.shown, whole.shown);
    assert.deepEqual(r.calls, whole.calls);
  });

  it('gives the same result split at every byte of the UTF-8 stream, through the decoder', () => {
    const text = 'Ünïcode 🙂 <tool_call>{"name":"list_dir","arguments":{"path":"ä/ö"}}</tool_call> fin';
    const sse = `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: text }, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`;
    const bytes = new TextEncoder().encode(sse);
    const expected = parseIn([text]);
    for (let i = 1; i < bytes.length; i += 3) {
      const d = new ChatStreamDecoder();
      const p = new ToolTagParser('t');
      let shown = '';
      for (const part of [bytes.slice(0, i), bytes.slice(i)])
        for (const e of d.push(part)) if (e.type === 'text') shown += p.push(e.text);
      for (const e of d.end()) if (e.type === 'text') shown += p.push(e.text);
      shown += p.end();
      assert.equal(shown, expected.shown, `byte ${i}`);
      assert.deepEqual(p.calls, expected.calls, `byte ${i}`);
    }
  });

  it('an answer without tags passes through unchanged, chunk for chunk', () => {
    const p = new ToolTagParser();
    assert.equal(p.push('plain '), 'plain ');
    assert.equal(p.push('answer'), 'answer');
    assert.equal(p.end(), '');
    assert.deepEqual(p.calls, []);
  });

  it('holds back only what may start a tag, and releases it at the end', () => {
    const p = new ToolTagParser();
    assert.equal(p.push('a <tool_c'), 'a ');
    assert.equal(p.end(), '<tool_c');
  });

  it('a call left open at the end is read when its JSON is complete, else shown as text', () => {
    assert.equal(parseIn(['x <tool_call>{"name":"list_dir","arguments":{"path":"."}}']).calls.length, 1);
    const broken = parseIn(['x <tool_call>{"name":"list_d']);
    assert.equal(broken.calls.length, 0);
    assert.equal(broken.shown, 'x <tool_call>{"name":"list_d');
  });

  it('a closed call with unreadable JSON becomes a call without a name (answered with an error, not dropped)', () => {
    const r = parseIn(['<tool_call>not json</tool_call>']);
    assert.deepEqual(r.calls, [{ id: 't_1', name: '', arguments: 'not json' }]);
  });

  it('readCall takes "parameters" and string arguments too', () => {
    assert.deepEqual(readCall('{"name":"a","parameters":{"x":1}}'), { name: 'a', arguments: '{"x":1}' });
    assert.deepEqual(readCall('{"name":"a","arguments":"{\\"x\\":1}"}'), { name: 'a', arguments: '{"x":1}' });
    assert.equal(readCall('{"arguments":{}}'), undefined);
  });
});
