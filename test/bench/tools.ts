/**
 * The `tools` benchmark, side by side in one run: `search_text` over a generated workspace of
 * 20,000 files against running ripgrep on it directly; the tools loop's own overhead from a
 * stream's `finish: tool_calls` to the next request leaving (less the tools' own time); and the
 * text protocol's parser over a 100k-token answer against the plain decoder alone.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeToolHost, ripgrepOnPath } from '../../src/cli/tools/nodeToolHost';
import { ChatStreamDecoder } from '../../src/core/client';
import { createContextState } from '../../src/core/context';
import {
  FILE_TOOLS,
  fittedSend,
  prepareCall,
  READ_TOOLS,
  runPrepared,
  ToolLoop,
  ToolTagParser,
} from '../../src/core/tools';
import type { StreamEvent } from '../../src/core/types';
import { seededRandom } from '../helpers/random';
import type { BenchModule, BenchRow } from './row';
import { chunked } from './streamData';

const FILES = 20_000;
const signal = new AbortController().signal;

/** Median of `runs` timings of `fn` (async), in milliseconds. */
async function median(runs: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** 20,000 source files in 200 folders, a few hundred bytes to a few KB each; one in 400 mentions the needle. */
function generateWorkspace(root: string): void {
  const rnd = seededRandom(22);
  const words = 'const let return function import export value result parse retry delay count'.split(' ');
  fs.writeFileSync(path.join(root, '.gitignore'), 'build/\n');
  for (let d = 0; d < FILES / 100; d++) {
    const dir = path.join(root, `pkg${d}`, 'src');
    fs.mkdirSync(dir, { recursive: true });
    for (let f = 0; f < 100; f++) {
      const lines: string[] = [];
      const n = 10 + Math.floor(rnd() * 80);
      for (let l = 0; l < n; l++)
        lines.push(
          `  ${words[Math.floor(rnd() * words.length)]} x${l} = ${words[Math.floor(rnd() * words.length)]}(${l});`,
        );
      if ((d * 100 + f) % 400 === 0) lines.push('  return computeBackoffWindow(attempt);');
      fs.writeFileSync(path.join(dir, `file${f}.ts`), `${lines.join('\n')}\n`);
    }
  }
}

async function searchRows(): Promise<BenchRow[]> {
  const rg = ripgrepOnPath();
  if (!rg)
    return [
      {
        goal: 'T1',
        metric: 'search_text vs ripgrep: rg not on the PATH',
        value: Number.NaN,
        unit: '',
        limit: 1.5,
        direction: 'max',
      },
    ];
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rill-bench-ws-'));
  try {
    generateWorkspace(root);
    const host = new NodeToolHost(root, { ripgrep: rg });
    const js = new NodeToolHost(root, { ripgrep: null });
    const tool = (h: NodeToolHost) => {
      const p = prepareCall(
        { id: 'b', name: 'search_text', arguments: '{"query":"computeBackoffWindow"}' },
        READ_TOOLS,
        h,
      );
      return runPrepared(p, h, signal);
    };
    const direct = () => spawnSync(rg, ['--line-number', 'computeBackoffWindow', '.'], { cwd: root, encoding: 'utf8' });
    // Warm the page cache for both contenders, and check they find the same.
    const found = (await tool(host)).content.split('\n').length;
    const rgFound = direct().stdout.trim().split('\n').length;
    if (found !== rgFound) throw new Error(`search_text found ${found} lines, rg ${rgFound}`);
    // Interleaved, so both see the same load on a shared machine; medians of each.
    const rgTimes: number[] = [];
    const toolTimes: number[] = [];
    for (let i = 0; i < 9; i++) {
      rgTimes.push(await median(1, direct));
      toolTimes.push(await median(1, () => tool(host)));
    }
    const mid = (t: number[]) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)];
    const rgMs = mid(rgTimes);
    const toolMs = mid(toolTimes);
    const jsMs = await median(3, () => tool(js));
    return [
      { goal: 'T1-rg', metric: `ripgrep run directly, ${FILES} files (${found} matches)`, value: rgMs, unit: 'ms' },
      { goal: 'T1-tool', metric: 'search_text (CLI host, rg) on the same files', value: toolMs, unit: 'ms' },
      {
        goal: 'T1',
        metric: 'search_text time / ripgrep time',
        value: toolMs / rgMs,
        unit: '×',
        limit: 1.5,
        direction: 'max',
      },
      {
        goal: 'T1-js',
        metric: 'search_text with the JavaScript fallback (no rg), same files',
        value: jsMs,
        unit: 'ms',
      },
    ];
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** The loop over 50 rounds of read_file through the fitted path; overhead per round. */
async function loopRows(): Promise<BenchRow[]> {
  const ROUNDS = 50;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rill-bench-loop-'));
  fs.writeFileSync(path.join(root, 'a.ts'), 'export const a = 1;\n'.repeat(200));
  const host = new NodeToolHost(root, { ripgrep: null });
  try {
    const finishAt: number[] = [];
    const sentAt: number[] = [];
    let round = 0;
    // The "request leaving": the moment the client is called with the fitted request.
    const stream = (): AsyncIterable<StreamEvent> => {
      sentAt.push(performance.now());
      const r = ++round;
      return (async function* () {
        if (r > ROUNDS) {
          yield { type: 'text', text: 'done' };
          yield { type: 'finish', reason: 'stop' };
          return;
        }
        yield { type: 'toolCall', id: `c${r}`, name: 'read_file', arguments: `{"path":"a.ts","start_line":${r}}` };
        finishAt.push(performance.now());
        yield { type: 'finish', reason: 'tool_calls' };
      })();
    };
    const history = Array.from({ length: 40 }, (_, i) => ({
      role: i % 2 ? ('assistant' as const) : ('user' as const),
      content: `message ${i} `.repeat(50),
    }));
    const toolTimes: number[] = [];
    const loop = new ToolLoop({
      send: fittedSend(
        stream,
        {
          endpoint: { baseUrl: 'http://127.0.0.1:1/v1' },
          endpointKey: 'bench',
          request: { model: 'm' },
          conversation: { system: 'Be brief.', history, question: { role: 'user', content: 'q' } },
          window: { setting: 128_000 },
        },
        createContextState(),
      ),
      host,
      tools: FILE_TOOLS,
      mode: 'auto',
      signal,
      maxRounds: ROUNDS + 5,
    });
    let last = 0;
    for await (const e of loop.run()) {
      if (e.type === 'toolResult') {
        toolTimes.push(loop.toolMs - last);
        last = loop.toolMs;
      }
    }
    const overheads = finishAt.map((f, i) => sentAt[i + 1] - f - toolTimes[i]).sort((a, b) => a - b);
    const med = overheads[Math.floor(overheads.length / 2)];
    const p95 = overheads[Math.floor(overheads.length * 0.95)];
    return [
      {
        goal: 'T2',
        metric: 'loop overhead, finish:tool_calls → next request, less tool time (median)',
        value: med,
        unit: 'ms',
        limit: 5,
        direction: 'max',
      },
      {
        goal: 'T2-95',
        metric: 'the same, 95th percentile (50 rounds, 40-message chat, fitted)',
        value: p95,
        unit: 'ms',
      },
    ];
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** An OpenAI-style stream of `count` one-token events, with a tool call (split over tokens) every 10,000. */
function taggedStream(count: number): Uint8Array {
  const rnd = seededRandom(5);
  const vocab = [' the', ' stream', ' of', ' tokens', ',', '.', '\n', ' `code`', ' x', ' <', ' <b>', ' 🙂', ' été'];
  const head =
    '{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":';
  const tail = '},"finish_reason":null}]}';
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const tokens =
      i % 10_000 === 5000
        ? ['<tool', '_call>{"name":', '"read_file","arguments":', '{"path":"a.ts"}}</tool', '_call>']
        : [vocab[Math.floor(rnd() * vocab.length)]];
    for (const t of tokens) out.push(`data: ${head}${JSON.stringify(t)}${tail}\n\n`);
  }
  out.push('data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n');
  return new TextEncoder().encode(out.join(''));
}

async function parseRows(): Promise<BenchRow[]> {
  const chunks = chunked(taggedStream(100_000), 1400);
  const plain = () => {
    const d = new ChatStreamDecoder();
    let n = 0;
    for (const c of chunks) for (const e of d.push(c)) if (e.type === 'text') n += e.text.length;
    return n;
  };
  let calls = 0;
  const tagged = () => {
    const d = new ChatStreamDecoder();
    const p = new ToolTagParser();
    let n = 0;
    for (const c of chunks) for (const e of d.push(c)) if (e.type === 'text') n += p.push(e.text).length;
    n += p.end().length;
    calls = p.calls.length;
    return n;
  };
  // Interleaved, so both see the same load on a shared machine; medians of each.
  const plainTimes: number[] = [];
  const taggedTimes: number[] = [];
  for (let i = 0; i < 12; i++) {
    for (const [fn, times] of [
      [plain, plainTimes],
      [tagged, taggedTimes],
    ] as const) {
      const t0 = performance.now();
      fn();
      if (i > 0) times.push(performance.now() - t0);
    }
  }
  const mid = (t: number[]) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)];
  const plainMs = mid(plainTimes);
  const taggedMs = mid(taggedTimes);
  if (calls !== 10) throw new Error(`the parser found ${calls} calls, not 10`);
  return [
    { goal: 'T3-plain', metric: 'plain decoder, 100k-token answer', value: plainMs, unit: 'ms' },
    {
      goal: 'T3-tags',
      metric: 'decoder + <tool_call> parser, same answer (10 calls in it)',
      value: taggedMs,
      unit: 'ms',
    },
    {
      goal: 'T3',
      metric: 'text-protocol parsing time / plain decoder time',
      value: taggedMs / plainMs,
      unit: '×',
      limit: 1.2,
      direction: 'max',
    },
  ];
}

const tools: BenchModule = {
  name: 'tools',
  async run() {
    return [...(await searchRows()), ...(await loopRows()), ...(await parseRows())];
  },
};
export default tools;
