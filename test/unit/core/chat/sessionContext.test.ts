import * as assert from 'node:assert';
import { ChatSession, type RequestTarget, type StreamFn, SUMMARY_PROMPT } from '../../../../src/core/chat';
import type { Attachment } from '../../../../src/core/context';
import type { ChatRequest, StreamEvent } from '../../../../src/core/types';

/** A server with a window: refuses (vLLM's words) a request whose messages are longer than `chars` characters. */
function windowed(chars: number, reply = 'fine') {
  const requests: ChatRequest[] = [];
  const fn: StreamFn = async function* (_e, request) {
    requests.push(request);
    const size = request.messages.reduce((n, m) => n + m.content.length, 0);
    if (size > chars) {
      yield {
        type: 'error',
        kind: 'api',
        status: 400,
        message: `The server rejected the request (400 Bad Request): This model's maximum context length is ${Math.floor(chars / 4)} tokens. However, you requested ${Math.ceil(size / 4)} tokens (${Math.ceil(size / 4)} in the messages, 0 in the completion).`,
        interrupted: false,
      } satisfies StreamEvent;
      return;
    }
    yield { type: 'text', text: reply };
    yield { type: 'finish', reason: 'stop' };
  };
  return { fn, requests };
}

const target = (extra: Partial<RequestTarget> = {}): (() => Promise<RequestTarget>) => {
  return async () => ({ endpoint: { baseUrl: 'http://x/v1' }, model: 'm', systemPrompt: 'sys', ...extra });
};
const long = (i: number) => `message ${i}: ${'the quick brown fox jumps over the lazy dog. '.repeat(20)}`;

describe('ChatSession and the context window', () => {
  it('keeps answering a long chat: sends only what fits, records the marker and meter figures', async () => {
    const server = windowed(100_000);
    const session = new ChatSession(server.fn, target({ contextTokens: 3000 }));
    for (let i = 0; i < 50; i++) {
      const turn = await session.ask(long(i));
      assert.strictEqual(turn.status, 'complete', `turn ${i}: ${turn.error?.message}`);
    }
    const last = session.chat.turns.at(-1)!;
    assert.ok(last.context, 'the turn carries its context figures');
    assert.strictEqual(last.context.windowTokens, 3000);
    assert.ok(last.context.droppedMessages > 50, `${last.context.droppedMessages} dropped`);
    assert.ok(last.context.promptTokens <= 3000);
    const sent = server.requests.at(-1)!.messages;
    assert.strictEqual(sent[0].content, 'sys');
    assert.strictEqual(sent.at(-1)?.content, long(49));
    assert.strictEqual(sent.length, 1 + 99 - last.context.droppedMessages);
  });

  it('recovers from an overflow with one trimmed retry, and the next request plans with the learned window', async () => {
    const server = windowed(6000);
    const session = new ChatSession(server.fn, target());
    for (let i = 0; i < 10; i++) await session.ask(long(i));
    const retried = session.chat.turns.find((t) => t.context?.retried);
    assert.ok(retried, 'one turn needed a trimmed retry');
    assert.strictEqual(retried.status, 'complete');
    assert.ok(session.chat.turns.every((t) => t.role === 'user' || t.status === 'complete'));
    const refusals = server.requests.filter((r) => r.messages.reduce((n, m) => n + m.content.length, 0) > 6000);
    assert.strictEqual(refusals.length, 1, 'only the first overflow: then the window is known');
  });

  it('after a failed retry, marks the turn so the panel offers a new chat or a summary', async () => {
    const server = windowed(300);
    const session = new ChatSession(server.fn, target());
    const turn = await session.ask('word '.repeat(400));
    assert.strictEqual(turn.status, 'error');
    assert.strictEqual(turn.context?.overflow, 'question');
    assert.strictEqual(server.requests.length, 1, 'no retry can help a question that alone does not fit');
  });

  it('sends attachments in delimited blocks after the question, and keeps them on the turn', async () => {
    const server = windowed(100_000);
    const session = new ChatSession(server.fn, target());
    const file: Attachment = {
      kind: 'file',
      label: 'a.ts',
      path: 'src/a.ts',
      uri: 'file:///w/src/a.ts',
      language: 'typescript',
      text: 'export const a = 1;',
    };
    await session.ask('what is a?', { attachments: [file] });
    await session.ask('and then?');
    assert.deepStrictEqual(session.chat.turns[0].attachments, [file]);
    assert.strictEqual(session.chat.turns[0].text, 'what is a?');
    assert.strictEqual(
      server.requests[0].messages[1].content,
      'what is a?\n\nFile: src/a.ts (typescript)\n```typescript\nexport const a = 1;\n```',
    );
    assert.strictEqual(server.requests[1].messages[1].content, server.requests[0].messages[1].content);
  });

  it('summarise and continue: a summary turn, then the question again from it', async () => {
    const server = windowed(100_000, 'the summary');
    const session = new ChatSession(server.fn, target());
    for (let i = 0; i < 4; i++) await session.ask(long(i));
    await session.summariseAndContinue();
    const turns = session.chat.turns;
    const summary = turns.find((t) => t.summary);
    assert.ok(summary);
    assert.strictEqual(summary.text, 'the summary');
    assert.strictEqual(server.requests[4].messages.at(-1)?.content, SUMMARY_PROMPT);
    const after = server.requests[5].messages;
    assert.deepStrictEqual(
      after.map((m) => m.content),
      ['sys', 'A summary of our conversation so far:\n\nthe summary', long(3)],
    );
    assert.strictEqual(turns.at(-2)?.text, long(3));
  });
});
