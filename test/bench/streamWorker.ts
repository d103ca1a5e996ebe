/**
 * The measurements of the `stream` benchmark, run in a child process started with `--expose-gc`
 * (so every timed run starts from a collected heap) and printed as JSON rows on the last line.
 * `node --expose-gc streamWorker.js speed|memory`.
 *
 * Timing is the CPU time of this process (user + system, GC threads included), so other work on
 * the machine does not count as ours. Each contender runs right after its baseline in every round
 * (interleaved), the ratio is taken per round, and the median of the rounds is reported.
 */
import OpenAI from 'openai';
import { ChatStreamDecoder } from '../../src/core/client/decode/chatStreamDecoder';
import { SseReader } from '../../src/core/client/decode/sseReader';
import { streamChat } from '../../src/core/client/streamChat';
import type { BenchRow } from './row';
import { chunked, generateStream, responseOf, type StreamFixture } from './streamData';

const EVENTS = 100_000;
const ROUNDS = 11;
const CHUNKINGS: [string, number | 'event'][] = [
  ['per event', 'event'],
  ['1,460 B', 1460],
  ['16 KiB', 16 * 1024],
];
const MAX_EVENT = 16 * 1024 * 1024;
const endpoint = { baseUrl: 'http://bench.invalid/v1' };
const request = { model: 'bench', messages: [{ role: 'user' as const, content: 'Write a long answer.' }] };

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** CPU milliseconds since `start`. */
function cpuMs(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function ms(fn: () => unknown): number {
  gc!();
  const start = process.cpuUsage();
  fn();
  return cpuMs(start);
}

async function msAsync(fn: () => Promise<unknown>): Promise<number> {
  gc!();
  const start = process.cpuUsage();
  await fn();
  return cpuMs(start);
}

function chunksOf(fx: StreamFixture, how: number | 'event'): Uint8Array[] {
  return how === 'event' ? fx.events : chunked(fx.bytes, how);
}

// --- The contenders -------------------------------------------------------------------------

/** The floor: decoding and finding line ends, nothing more. */
function floor(chunks: Uint8Array[]): number {
  const decoder = new TextDecoder();
  let lines = 0;
  for (const c of chunks) {
    const s = decoder.decode(c, { stream: true });
    for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) lines++;
  }
  return lines;
}

/** Our pipeline to data strings: TextDecoder → SseReader (eventsource-parser), as the core runs it. */
function dataStrings(chunks: Uint8Array[]): number {
  const decoder = new TextDecoder();
  let count = 0;
  const reader = new SseReader({ data: () => void count++, overflow: () => {}, errorField: () => {} }, MAX_EVENT);
  for (const c of chunks) {
    const s = decoder.decode(c, { stream: true });
    if (s) reader.feed(s);
  }
  reader.end();
  return count;
}

/** Our whole synchronous pipeline to typed events (JSON.parse and delta extraction included). */
function typedEvents(chunks: Uint8Array[]): number {
  const decoder = new ChatStreamDecoder();
  let chars = 0;
  const take = (events: { type: string; text?: string }[]) => {
    for (const e of events) if (e.type === 'text') chars += e.text!.length;
  };
  for (const c of chunks) take(decoder.push(c));
  take(decoder.end());
  return chars;
}

/** Our public API end to end: `streamChat` over an injected fetch. */
async function ours(chunks: Uint8Array[], expect: number): Promise<void> {
  let chars = 0;
  for await (const e of streamChat(endpoint, request, { fetch: async () => responseOf(chunks), idleTimeoutMs: 0 })) {
    if (e.type === 'text') chars += e.text.length;
  }
  if (chars !== expect) throw new Error(`ours decoded ${chars} characters, expected ${expect}`);
}

/** The official SDK's streaming iteration over the same bytes. */
async function peer(chunks: Uint8Array[], expect: number): Promise<void> {
  const client = new OpenAI({
    apiKey: 'bench',
    baseURL: endpoint.baseUrl,
    maxRetries: 0,
    fetch: async () => responseOf(chunks),
  });
  let chars = 0;
  const stream = await client.chat.completions.create({
    model: request.model,
    messages: request.messages,
    stream: true,
  });
  for await (const chunk of stream) {
    const text = chunk.choices[0]?.delta?.content;
    if (text) chars += text.length;
  }
  if (chars !== expect) throw new Error(`the SDK decoded ${chars} characters, expected ${expect}`);
}

// --- Measurements ---------------------------------------------------------------------------

function mbps(bytes: number, msTime: number): number {
  return bytes / 1e6 / (msTime / 1000);
}

function g1(fx: StreamFixture): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const [label, how] of CHUNKINGS) {
    const chunks = chunksOf(fx, how);
    // Every contender must do the whole job before it is timed.
    if (floor(chunks) !== fx.events.length * 2) throw new Error('the floor miscounted lines');
    if (dataStrings(chunks) !== fx.events.length) throw new Error('dataStrings miscounted');
    if (typedEvents(chunks) !== fx.text.length) throw new Error('typedEvents lost text');
    const t = { floor: [] as number[], data: [] as number[], typed: [] as number[] };
    const r = { data: [] as number[], typed: [] as number[] };
    for (let i = 0; i < ROUNDS; i++) {
      const f = ms(() => floor(chunks));
      const d = ms(() => dataStrings(chunks));
      const y = ms(() => typedEvents(chunks));
      t.floor.push(f);
      t.data.push(d);
      t.typed.push(y);
      r.data.push(d / f);
      r.typed.push(y / f);
    }
    const goal = 'G1';
    const bytes = fx.bytes.length;
    rows.push(
      {
        goal: '',
        metric: `floor (TextDecoder + indexOf) @ ${label}`,
        value: mbps(bytes, median(t.floor)),
        unit: 'MB/s',
      },
      {
        goal: '',
        metric: `data strings (TextDecoder + eventsource-parser) @ ${label}`,
        value: mbps(bytes, median(t.data)),
        unit: 'MB/s',
      },
      {
        goal: '',
        metric: `typed events (+ JSON.parse + deltas) @ ${label}`,
        value: mbps(bytes, median(t.typed)),
        unit: 'MB/s',
      },
      {
        goal: '',
        metric: `typed events @ ${label}`,
        value: fx.events.length / (median(t.typed) / 1000),
        unit: 'events/s',
      },
      {
        goal,
        metric: `data strings ÷ floor @ ${label}`,
        value: median(r.data),
        unit: '×',
        limit: 2.5,
        direction: 'max',
      },
      {
        goal,
        metric: `typed events ÷ floor @ ${label}`,
        value: median(r.typed),
        unit: '×',
        limit: 8,
        direction: 'max',
      },
    );
  }
  return rows;
}

function g2(fx50: StreamFixture, fx100: StreamFixture): BenchRow[] {
  // One 4 MiB `data:` line: a single content delta of about 4 MiB.
  const prefix = 'data: {"choices":[{"index":0,"delta":{"content":"';
  const suffix = '"},"finish_reason":"stop"}]}\n\n';
  const filler = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. ';
  const size = 4 * 1024 * 1024;
  const content = filler.repeat(Math.ceil(size / filler.length)).slice(0, size - prefix.length - suffix.length + 2);
  const line = new TextEncoder().encode(`${prefix}${content}${suffix}data: [DONE]\n\n`);
  const rows: BenchRow[] = [];
  const pieces: [string, Uint8Array[]][] = [
    ['64 B', chunked(line, 64)],
    ['1,460 B', chunked(line, 1460)],
  ];
  for (const [label, chunks] of pieces) {
    if (typedEvents(chunks) !== content.length) throw new Error('the 4 MiB line lost text');
    const ratios: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const whole = ms(() => typedEvents([line]));
      const split = ms(() => typedEvents(chunks));
      ratios.push(split / whole);
    }
    rows.push({
      goal: 'G2',
      metric: `4 MiB data line in ${label} pieces ÷ at once`,
      value: median(ratios),
      unit: '×',
      limit: 4,
      direction: 'max',
    });
  }
  const c50 = chunked(fx50.bytes, 1460);
  const c100 = chunked(fx100.bytes, 1460);
  const doubling: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const a = ms(() => typedEvents(c50));
    const b = ms(() => typedEvents(c100));
    doubling.push(b / a);
  }
  rows.push({
    goal: 'G2',
    metric: 'typed events: 100k events ÷ 50k events (1,460 B)',
    value: median(doubling),
    unit: '×',
    limit: 2.3,
    direction: 'max',
  });
  return rows;
}

async function peerRows(fx: StreamFixture): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [label, how] of CHUNKINGS) {
    const chunks = chunksOf(fx, how);
    await ours(chunks, fx.text.length);
    await peer(chunks, fx.text.length);
    const t = { ours: [] as number[], peer: [] as number[] };
    const ratios: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const o = await msAsync(() => ours(chunks, fx.text.length));
      const p = await msAsync(() => peer(chunks, fx.text.length));
      t.ours.push(o);
      t.peer.push(p);
      ratios.push(p / o);
    }
    const bytes = fx.bytes.length;
    rows.push(
      { goal: '', metric: `streamChat (whole API) @ ${label}`, value: mbps(bytes, median(t.ours)), unit: 'MB/s' },
      {
        goal: '',
        metric: `streamChat (whole API) @ ${label}`,
        value: fx.events.length / (median(t.ours) / 1000),
        unit: 'events/s',
      },
      { goal: '', metric: `openai SDK stream @ ${label}`, value: mbps(bytes, median(t.peer)), unit: 'MB/s' },
      {
        goal: 'Peer',
        metric: `streamChat throughput ÷ openai SDK @ ${label}`,
        value: median(ratios),
        unit: '×',
        limit: 2,
        direction: 'min',
      },
    );
  }
  return rows;
}

/**
 * Heap growth while streaming, measured after a collection every 1,000 events (what is retained,
 * not garbage awaiting collection). The consumer keeps the text as a transcript would: deltas
 * appended, compacted into one string every 1,000 deltas.
 */
async function memoryRows(fx: StreamFixture): Promise<BenchRow[]> {
  const chunks = chunked(fx.bytes, 1460);
  // A first, smaller run compiles the code; its code and type feedback are not streaming memory.
  const warm = generateStream(10_000, 7);
  await ours(chunked(warm.bytes, 1460), warm.text.length);
  let kept = '';
  let pending: string[] = [];
  let peak = 0;
  let count = 0;
  gc!();
  const base = process.memoryUsage().heapUsed;
  for await (const e of streamChat(endpoint, request, { fetch: async () => responseOf(chunks), idleTimeoutMs: 0 })) {
    if (e.type !== 'text') continue;
    pending.push(e.text);
    if (++count % 1000 === 0) {
      kept += pending.join('');
      pending = [];
      gc!();
      peak = Math.max(peak, process.memoryUsage().heapUsed - base);
    }
  }
  kept += pending.join('');
  gc!();
  peak = Math.max(peak, process.memoryUsage().heapUsed - base);
  if (kept !== fx.text) throw new Error('the streamed text differs from the generated text');
  const textBytes = Buffer.byteLength(kept, 'utf8');
  return [
    { goal: '', metric: 'final text (UTF-8)', value: textBytes / 1e6, unit: 'MB' },
    {
      goal: '',
      metric: 'peak heap growth while streaming (after GC, sampled every 1,000 events)',
      value: peak / 1e6,
      unit: 'MB',
    },
    {
      goal: 'Mem',
      metric: 'peak heap growth ÷ final text size',
      value: peak / textBytes,
      unit: '×',
      limit: 4,
      direction: 'max',
    },
  ];
}

async function main(): Promise<void> {
  const mode = process.argv[2] ?? 'speed';
  const fx100 = generateStream(EVENTS);
  let rows: BenchRow[];
  if (mode === 'memory') rows = await memoryRows(fx100);
  else {
    const fx50 = generateStream(EVENTS / 2);
    rows = [
      {
        goal: '',
        metric: `input: ${EVENTS.toLocaleString('en')} one-token events`,
        value: fx100.bytes.length / 1e6,
        unit: 'MB',
      },
      ...g1(fx100),
      ...g2(fx50, fx100),
      ...(await peerRows(fx100)),
    ];
  }
  process.stdout.write(`${JSON.stringify(rows)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
