/**
 * Test support for the streaming core: `Response`s whose bodies come from generators, a scripted
 * `fetch`, a virtual clock, and the splittings every stream case is fed with (whole, byte by
 * byte, and at seeded random points, including inside multi-byte UTF-8 characters).
 */
import type { Clock } from '../../src/core/base/clock';
import type { FetchLike } from '../../src/core/client/attempt';
import type { StreamEvent } from '../../src/core/types';
import { seededRandom } from './random';

export { seededRandom };

const encoder = new TextEncoder();

/** UTF-8 bytes of a string. */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Joins byte arrays. */
export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Cuts bytes at random points (1 to `maxPiece` bytes per piece). */
export function randomSplit(bytes: Uint8Array, seed: number, maxPiece = 17): Uint8Array[] {
  const rnd = seededRandom(seed);
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; ) {
    const n = 1 + Math.floor(rnd() * maxPiece);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

/** One way of cutting a body into network chunks. */
export interface Splitting {
  name: string;
  split(bytes: Uint8Array): Uint8Array[];
}

/** Whole, byte by byte, and five seeded random splittings. */
export const SPLITTINGS: Splitting[] = [
  { name: 'whole', split: (b) => [b] },
  { name: 'byte by byte', split: (b) => Array.from({ length: b.length }, (_, i) => b.subarray(i, i + 1)) },
  ...[1, 2, 3, 4, 5].map((seed) => ({
    name: `random split #${seed}`,
    split: (b: Uint8Array) => randomSplit(b, seed * 7919),
  })),
];

/** A body stream that yields the chunks one per pull, from a generator (as openai-node's tests build them). */
export function bodyFrom(chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const it = (
    Symbol.asyncIterator in chunks
      ? chunks[Symbol.asyncIterator]()
      : (chunks as Iterable<Uint8Array>)[Symbol.iterator]()
  ) as AsyncIterator<Uint8Array> | Iterator<Uint8Array>;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await it.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await it.return?.();
    },
  });
}

/** A response whose body is the given chunks. */
export function responseFrom(
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return new Response(bodyFrom(chunks), {
    status: init.status ?? 200,
    headers: { 'content-type': 'text/event-stream', ...init.headers },
  });
}

/** What a scripted fetch saw. */
export interface FetchCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: any;
  signal: AbortSignal | undefined;
}

/** A step of a scripted fetch: a response, an error to throw, or a function of the call. */
export type FetchStep = Response | Error | ((call: FetchCall) => Response | Error | Promise<Response | Error>);

/** A `fetch` that answers each call with the next step; records every call. */
export function scriptedFetch(...steps: FetchStep[]): FetchLike & { calls: FetchCall[] } {
  const calls: FetchCall[] = [];
  const fn = async (url: string, init: RequestInit): Promise<Response> => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => (headers[k] = v));
    const call: FetchCall = {
      url,
      method: init.method ?? 'GET',
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      signal: init.signal ?? undefined,
    };
    calls.push(call);
    const step = steps.shift();
    if (step === undefined) throw new Error(`scriptedFetch: unexpected call ${call.method} ${url}`);
    const result = typeof step === 'function' ? await step(call) : step;
    if (result instanceof Error) throw result;
    return result;
  };
  return Object.assign(fn, { calls });
}

/** Collects every event of a stream. */
export async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

/** Merges adjacent `text` events and adjacent `reasoning` events, so tests can state content plainly. */
export function merged(events: StreamEvent[]): StreamEvent[] {
  const out: StreamEvent[] = [];
  for (const e of events) {
    const last = out[out.length - 1];
    if (last && (e.type === 'text' || e.type === 'reasoning') && last.type === e.type) {
      out[out.length - 1] = { type: e.type, text: last.text + e.text };
    } else out.push(e);
  }
  return out;
}

/** Lets pending promise callbacks and I/O callbacks run. */
export async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setImmediate(r));
}

/**
 * A virtual clock: time moves only when {@link run} finds nothing else to do, jumping to the next
 * timer. Timeouts of minutes take no real time and fire in a fixed order.
 */
export class FakeClock implements Clock {
  time = Date.UTC(2025, 0, 1);
  private timers: { at: number; seq: number; fn: () => void }[] = [];
  private seq = 0;

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const t = { at: this.time + Math.max(0, ms), seq: ++this.seq, fn };
    this.timers.push(t);
    return t;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t !== handle);
  }

  /** A wait on this clock, for bodies that pause. */
  sleep(ms: number): Promise<void> {
    return new Promise((r) => this.setTimeout(r, ms));
  }

  /** Pending timers. */
  get pending(): number {
    return this.timers.length;
  }

  /**
   * Runs `work` to completion, advancing virtual time to the next timer whenever everything else
   * is waiting. Fails when `work` waits with no timer left (it would hang forever).
   */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    let result: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    work.then(
      (value) => ((settled = true), (result = { ok: true, value })),
      (error) => ((settled = true), (result = { ok: false, error })),
    );
    for (;;) {
      await settle();
      if (settled) break;
      if (this.timers.length === 0) {
        await settle(20);
        if (settled) break;
        throw new Error('FakeClock.run: the work is waiting but no timer is pending');
      }
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift()!;
      this.time = Math.max(this.time, next.at);
      next.fn();
    }
    if (!result!.ok) throw result!.error;
    return result!.value;
  }
}

/** An SSE `data:` event line pair. */
export function data(obj: unknown): string {
  return `data: ${typeof obj === 'string' ? obj : JSON.stringify(obj)}\n\n`;
}

/** A chat chunk with a delta (and optional finish reason), as OpenAI sends it. */
export function chunk(
  delta: Record<string, unknown>,
  finish: string | null = null,
  extra: Record<string, unknown> = {},
): string {
  return data({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta, finish_reason: finish }],
    ...extra,
  });
}
