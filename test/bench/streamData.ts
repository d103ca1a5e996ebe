/**
 * The bytes every streaming benchmark runs over: an OpenAI-style stream of one-token events,
 * generated from a fixed seed so every run and every contender sees the same input.
 */
import { seededRandom } from '../helpers/random';

/** Tokens drawn at random: words, punctuation, code, and some non-ASCII text (2-, 3- and 4-byte UTF-8). */
const VOCABULARY = [
  ' the',
  ' stream',
  ' of',
  ' tokens',
  ' is',
  ' parsed',
  ' as',
  ' it',
  ' arrives',
  ',',
  '.',
  '\n',
  '\n\n',
  ' function',
  '(',
  ')',
  ' {',
  ' }',
  ' =>',
  ' const',
  ' x',
  ' =',
  ' 42',
  ';',
  ' "quoted"',
  ' back\\slash',
  ' café',
  ' naïve',
  ' über',
  ' 東京',
  ' 你好',
  ' 🌊',
  ' 🦀',
  ' —',
  ' “',
  '”',
  ' ½',
  '\t',
  ' **bold**',
  ' `code`',
];

/** A generated stream: its bytes, split per event, and what decoding it must give. */
export interface StreamFixture {
  /** One entry per SSE event (including the finish, usage and `[DONE]` events). */
  events: Uint8Array[];
  /** All the bytes. */
  bytes: Uint8Array;
  /** The answer's text. */
  text: string;
  /** Content events. */
  tokens: number;
}

/** `count` one-token events as OpenAI sends them, then a finish chunk, a usage chunk and `[DONE]`. */
export function generateStream(count: number, seed = 20250101): StreamFixture {
  const rnd = seededRandom(seed);
  const encoder = new TextEncoder();
  const head =
    '{"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion.chunk","created":1741570283,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_eb9dce56a8","choices":[{"index":0,"delta":{"content":';
  const tail = '},"logprobs":null,"finish_reason":null}]}';
  const events: Uint8Array[] = [];
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const token = VOCABULARY[Math.floor(rnd() * VOCABULARY.length)];
    parts.push(token);
    events.push(encoder.encode(`data: ${head}${JSON.stringify(token)}${tail}\n\n`));
  }
  events.push(
    encoder.encode(
      'data: {"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion.chunk","created":1741570283,"model":"gpt-4o-2024-08-06","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}\n\n',
    ),
  );
  events.push(
    encoder.encode(
      `data: {"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion.chunk","created":1741570283,"model":"gpt-4o-2024-08-06","choices":[],"usage":{"prompt_tokens":20,"completion_tokens":${count},"total_tokens":${count + 20}}}\n\n`,
    ),
  );
  events.push(encoder.encode('data: [DONE]\n\n'));
  const bytes = new Uint8Array(events.reduce((n, e) => n + e.length, 0));
  let at = 0;
  for (const e of events) {
    bytes.set(e, at);
    at += e.length;
  }
  return { events, bytes, text: parts.join(''), tokens: count };
}

/** The bytes cut into pieces of `size` (the last may be shorter), as a network delivers them. */
export function chunked(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

/** A `Response` whose body yields the chunks one per pull, like a socket. */
export function responseOf(chunks: Uint8Array[]): Response {
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]);
      else controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}
