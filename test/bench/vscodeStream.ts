/**
 * G5 and G6, measured in the real VS Code (code-server) with the real extension host, bridge and
 * webview, driven by Chromium.
 *
 * G5 latency: a local server writes numbered tokens at a steady rate and notes when it wrote each;
 * the webview notes when each token's text appears in the transcript's DOM. Reference: a
 * pass-through pipeline through the same host and bridge (every delta posted at once, appended to
 * a text node as it arrives), in a second workbench open at the same time. The two take turns,
 * several rounds in one run (ours first in even rounds, the reference first in odd ones), so both
 * see the same machine load; samples of all rounds are pooled. Goals: p50 of ours ≤ p50 of the
 * reference + 8 ms, p99 of ours ≤ p99 of the reference + 17 ms (one frame).
 *
 * G6 message economy: during a fast stream, `postMessage` calls ≤ frames the webview drew
 * (counted with `requestAnimationFrame` there) and serialized bytes ≤ 1.3× the answer's bytes.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame } from 'playwright-core';
import { openWorkbench } from '../e2e/workbench';
import type { BenchModule, BenchRow } from './row';

const epochNow = () => performance.timeOrigin + performance.now();

/** An SSE server that streams `count` tokens `w0 w1 …` at `rate` tokens/s and notes each write time. */
async function tokenServer() {
  const writes: number[][] = [];
  let plan = { count: 300, rate: 100 };
  const server = http.createServer((req, res) => {
    req.resume();
    if (!req.url?.endsWith('/chat/completions')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}');
      return;
    }
    const times: number[] = [];
    writes.push(times);
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const chunk = (delta: object, finish: string | null = null) =>
      `data: ${JSON.stringify({ id: 'b', object: 'chat.completion.chunk', created: 0, model: 'bench', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    const { count, rate } = plan;
    const start = performance.now() + 50;
    let i = 0;
    const tick = () => {
      // Write every token that is due (a timer can fire late), at its scheduled pace.
      while (i < count && performance.now() >= start + (i * 1000) / rate) {
        res.write(chunk({ content: `w${i} ` }));
        times[i] = epochNow();
        i++;
      }
      if (i < count) setTimeout(tick, Math.max(0, start + (i * 1000) / rate - performance.now()));
      else res.end(`${chunk({}, 'stop')}data: [DONE]\n\n`);
    };
    setTimeout(tick, 50);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    writes,
    setPlan: (p: typeof plan) => (plan = p),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * Installed once in the webview frame: notes message arrivals and sizes, frames drawn, and when
 * token text reaches the DOM. `__bench.reset()` starts a new round.
 */
function instrument(passThrough: boolean): void {
  const w = window as unknown as Record<string, any>;
  if (w.__bench) return;
  const now = () => performance.timeOrigin + performance.now();
  const b = (w.__bench = {
    dom: [] as number[],
    arrived: [] as number[],
    msgs: [] as { t: number; type: string; bytes: number }[],
    frames: [] as number[],
    reset() {
      b.dom = [];
      b.arrived = [];
      b.msgs = [];
      b.frames = [];
      seen = 0;
      // Earlier answers hold the same numbered tokens: only the answer that comes next counts.
      answersBefore = document.querySelectorAll('article.turn.assistant .body').length;
    },
  });
  let seen = 0;
  let answersBefore = 0;
  // Every frame this document draws; rAF runs once per frame, just before it is drawn.
  const tick = () => {
    b.frames.push(now());
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const sink = document.createElement('div');
  document.body.append(sink);
  const note = (text: string, t: number) => {
    for (const m of text.matchAll(/w(\d+) /g)) b.dom[Number(m[1])] ??= t;
  };
  // Capture phase: runs before the chat UI's own listener. In the pass-through reference it keeps
  // deltas from the chat UI, so the reference pays for no rendering at all.
  window.addEventListener(
    'message',
    (e: MessageEvent) => {
      const d = e.data;
      const t = now();
      b.msgs.push({ t, type: d?.type, bytes: JSON.stringify(d).length });
      if (d?.type === 'delta' && typeof d.text === 'string')
        for (const m of d.text.matchAll(/w(\d+) /g)) b.arrived[Number(m[1])] ??= t;
      if (passThrough && d?.type === 'delta') {
        e.stopImmediatePropagation();
        sink.append(d.text);
        note(d.text, now());
      }
    },
    true,
  );
  if (passThrough) return;
  const log = document.querySelector('[role=log]')!;
  new MutationObserver(() => {
    const bodies = log.querySelectorAll('article.turn.assistant .body');
    if (bodies.length <= answersBefore) return;
    const text = bodies[bodies.length - 1]?.textContent ?? '';
    if (text.length <= seen) {
      seen = Math.min(seen, text.length);
      return;
    }
    const t = now();
    // Only the new part, from a little before it (a token may have been cut in two).
    note(text.slice(Math.max(0, seen - 12)), t);
    seen = text.length;
  }).observe(log, { subtree: true, childList: true, characterData: true });
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
};

/** One stream's figures, as the webview saw them. */
interface Pass {
  latencies: number[];
  /** Token written → the message carrying it reached the webview (before any rendering). */
  arrivals: number[];
  /** Token written → the first frame drawn after its text reached the DOM: when it can be seen. */
  shown: number[];
  /** Messages the host posted, of any type. */
  posts: number;
  bytes: number;
  /** Frames the webview drew from the first message to the last. */
  frames: number;
  /** Frames in which at least one delta arrived: the `drawn` reports the webview sent back. */
  framesWithDeltas: number;
  answerBytes: number;
}

/** A workbench with a token server, ready to stream answers into its chat view. */
export interface StreamBench {
  stream(plan: { count: number; rate: number }): Promise<Pass>;
  close(): Promise<void>;
}

/** Opens a workbench (Rill, or with `passThrough` the pass-through reference) and its chat view. */
export async function openStreamBench(passThrough: boolean): Promise<StreamBench> {
  const srv = await tokenServer();
  const wb = await openWorkbench({
    settings: { 'rill.baseUrl': srv.baseUrl, 'rill.model': 'bench' },
    env: passThrough ? { RILL_DELTA_PASS_THROUGH: '1' } : {},
  }).catch(async (e) => {
    await srv.close();
    throw e;
  });
  try {
    await wb.runCommand('Rill: New Chat');
    const frame: Frame = await wb.frameWith('textarea[aria-label=Message]');
    await frame.evaluate(instrument, passThrough);
    return {
      async stream(plan) {
        srv.setPlan(plan);
        await frame.evaluate(() => (window as any).__bench.reset());
        const box = frame.locator('textarea[aria-label=Message]');
        await box.fill(`stream ${plan.count} tokens`);
        await box.press('Enter');
        await frame.waitForFunction(
          (n) => (window as any).__bench.dom.filter((x: number) => x).length >= n,
          plan.count,
          { timeout: 120_000, polling: 100 },
        );
        await frame.locator('article.turn.assistant[aria-busy=true]').waitFor({ state: 'detached', timeout: 30_000 });
        const data = (await frame.evaluate(() => (window as any).__bench)) as {
          dom: number[];
          arrived: number[];
          msgs: { t: number; type: string; bytes: number }[];
          frames: number[];
        };
        const writes = srv.writes[srv.writes.length - 1] ?? [];
        const first = data.msgs[0]?.t ?? 0;
        const last = data.msgs[data.msgs.length - 1]?.t ?? 0;
        // Frame k spans (frames[k-1], frames[k]]: a message belongs to the first frame drawn after it.
        const frameOf = (t: number) => data.frames.findIndex((f) => f >= t);
        const withDeltas = new Set(data.msgs.filter((m) => m.type === 'delta').map((m) => frameOf(m.t)));
        return {
          // Every token is in the DOM (waited for above), so every latency is a number.
          latencies: writes.map((w, i) => (data.dom[i] as number) - w),
          arrivals: writes.map((w, i) => (data.arrived[i] ?? Number.NaN) - w),
          shown: writes.map((w, i) => (data.frames[frameOf(data.dom[i] as number)] ?? Number.NaN) - w),
          posts: data.msgs.length,
          bytes: data.msgs.reduce((n, m) => n + m.bytes, 0),
          // Frames drawn from the first message to the one that drew the last message.
          frames: data.frames.filter((f) => f >= first && f <= (data.frames[frameOf(last)] ?? last)).length,
          framesWithDeltas: withDeltas.size,
          answerBytes: Buffer.byteLength(writes.map((_, i) => `w${i} `).join('')),
        };
      },
      async close() {
        await wb.close();
        await srv.close();
      },
    };
  } catch (e) {
    await wb.close();
    await srv.close();
    throw e;
  }
}

/** Rounds of the latency comparison, each one stream of {@link SLOW} in each workbench. */
const ROUNDS = 6;
const SLOW = { count: 200, rate: 100 };
const FAST = { count: 6000, rate: 3000 };

const bench: BenchModule = {
  name: 'vscode',
  async run(): Promise<BenchRow[]> {
    const ours = await openStreamBench(false);
    let ref: StreamBench | undefined;
    try {
      ref = await openStreamBench(true);
      // One short unmeasured answer each: the first render loads code and fonts in the webview.
      await ours.stream({ count: 50, rate: 100 });
      await ref.stream({ count: 50, rate: 100 });
      const lat: number[] = [];
      const latRef: number[] = [];
      const shown: number[] = [];
      const shownRef: number[] = [];
      const arrived: number[] = [];
      const arrivedRef: number[] = [];
      const rounds: string[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        const pair = r % 2 === 0 ? [ours, ref] : [ref, ours];
        const a = await pair[0]!.stream(SLOW);
        const b = await pair[1]!.stream(SLOW);
        const [mine, theirs] = r % 2 === 0 ? [a, b] : [b, a];
        lat.push(...mine.latencies);
        latRef.push(...theirs.latencies);
        // A token whose frame had not been drawn when the round ended has no figure here.
        shown.push(...mine.shown.filter(Number.isFinite));
        shownRef.push(...theirs.shown.filter(Number.isFinite));
        arrived.push(...mine.arrivals.filter(Number.isFinite));
        arrivedRef.push(...theirs.arrivals.filter(Number.isFinite));
        rounds.push(`${percentile(mine.latencies, 50).toFixed(1)}/${percentile(theirs.latencies, 50).toFixed(1)}`);
      }
      const fast = await ours.stream(FAST);
      const p50 = percentile(lat, 50);
      const p99 = percentile(lat, 99);
      const p50ref = percentile(latRef, 50);
      const p99ref = percentile(latRef, 99);
      return [
        {
          goal: '',
          metric: `rounds, p50 ours/reference (ms): ${rounds.join(', ')}`,
          value: ROUNDS,
          unit: 'rounds',
        },
        {
          goal: '',
          metric: `token bytes written → text in the DOM, p50 (${SLOW.rate} tokens/s)`,
          value: p50,
          unit: 'ms',
        },
        {
          goal: '',
          metric: `token bytes written → text in the DOM, p99 (${SLOW.rate} tokens/s)`,
          value: p99,
          unit: 'ms',
        },
        { goal: '', metric: 'pass-through reference, p50', value: p50ref, unit: 'ms' },
        { goal: '', metric: 'pass-through reference, p99', value: p99ref, unit: 'ms' },
        {
          goal: '',
          metric: 'of that, token written → its message in the webview, p50 (ours / reference)',
          value: percentile(arrived, 50),
          unit: 'ms',
        },
        { goal: '', metric: '… reference', value: percentile(arrivedRef, 50), unit: 'ms' },
        {
          goal: '',
          metric: 'token written → first frame drawn after its text is in the DOM, p50',
          value: percentile(shown, 50),
          unit: 'ms',
        },
        { goal: '', metric: '… p99', value: percentile(shown, 99), unit: 'ms' },
        { goal: '', metric: '… pass-through reference, p50', value: percentile(shownRef, 50), unit: 'ms' },
        { goal: '', metric: '… pass-through reference, p99', value: percentile(shownRef, 99), unit: 'ms' },
        {
          goal: 'G5',
          metric: 'p50 latency above the pass-through reference',
          value: p50 - p50ref,
          unit: 'ms',
          limit: 8,
          direction: 'max',
        },
        {
          goal: 'G5',
          metric: 'p99 latency above the pass-through reference',
          value: p99 - p99ref,
          unit: 'ms',
          limit: 17,
          direction: 'max',
        },
        {
          goal: '',
          metric: `postMessage calls for ${FAST.count} tokens at ${FAST.rate} tokens/s`,
          value: fast.posts,
          unit: 'calls',
        },
        { goal: '', metric: 'frames the webview drew during that stream', value: fast.frames, unit: 'frames' },
        {
          goal: '',
          metric: '`drawn` reports back to the host (frames that got text)',
          value: fast.framesWithDeltas,
          unit: 'calls',
        },
        {
          goal: 'G6',
          metric: 'postMessage calls / frames drawn',
          value: fast.posts / fast.frames,
          unit: '×',
          limit: 1,
          direction: 'max',
        },
        {
          goal: 'G6',
          metric: 'serialized bytes / answer bytes',
          value: fast.bytes / fast.answerBytes,
          unit: '×',
          limit: 1.3,
          direction: 'max',
        },
      ];
    } finally {
      await ref?.close();
      await ours.close();
    }
  },
};

export default bench;
