/**
 * G5 and G6, measured in the real VS Code (code-server) with the real extension host, bridge and
 * webview, driven by Chromium.
 *
 * G5 latency: a local server writes numbered tokens at a steady rate and notes when it wrote each;
 * the webview notes when each token's text appears in the transcript's DOM. Reference, in the same
 * run: a pass-through pipeline through the same host and bridge (every delta posted at once,
 * appended to a text node as it arrives). Goal: p99 of ours ≤ p99 of the reference + 17 ms.
 *
 * G6 message economy: during a fast stream, `postMessage` calls ≤ frames elapsed and serialized
 * bytes ≤ 1.3× the answer's bytes.
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

/** Installed in the webview frame: notes message arrivals, sizes, and when token text reaches the DOM. */
function instrument(passThrough: boolean): void {
  const w = window as unknown as Record<string, any>;
  const b = (w.__bench = { dom: [] as number[], msgs: [] as { t: number; type: string; bytes: number }[] });
  const now = () => performance.timeOrigin + performance.now();
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
      b.msgs.push({ t: now(), type: d?.type, bytes: JSON.stringify(d).length });
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
  let seen = 0;
  new MutationObserver(() => {
    const bodies = log.querySelectorAll('article.turn.assistant .body');
    const text = bodies[bodies.length - 1]?.textContent ?? '';
    if (text.length <= seen) return;
    const t = now();
    // Only the new part, from a little before it (a token may have been cut in two).
    note(text.slice(Math.max(0, seen - 12)), t);
    seen = text.length;
  }).observe(log, { subtree: true, childList: true, characterData: true });
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

interface Pass {
  latencies: number[];
  posts: number;
  bytes: number;
  frames: number;
  answerBytes: number;
}

export async function measure(
  passThrough: boolean,
  plans: { count: number; rate: number }[],
  env: Record<string, string> = passThrough ? { RILL_DELTA_INTERVAL_MS: '0' } : {},
): Promise<Pass[]> {
  const srv = await tokenServer();
  const wb = await openWorkbench({
    settings: { 'rill.baseUrl': srv.baseUrl, 'rill.model': 'bench' },
    env,
  });
  try {
    await wb.runCommand('Rill: New Chat');
    const frame: Frame = await wb.frameWith('textarea[aria-label=Message]');
    const results: Pass[] = [];
    for (const plan of plans) {
      srv.setPlan(plan);
      await frame.evaluate(instrument, passThrough);
      const box = frame.locator('textarea[aria-label=Message]');
      await box.fill(`stream ${plan.count} tokens`);
      await box.press('Enter');
      await frame.waitForFunction((n) => (window as any).__bench.dom.filter((x: number) => x).length >= n, plan.count, {
        timeout: 120_000,
        polling: 100,
      });
      await frame.locator('article.turn.assistant[aria-busy=true]').waitFor({ state: 'detached', timeout: 30_000 });
      const data = (await frame.evaluate(() => (window as any).__bench)) as {
        dom: number[];
        msgs: { t: number; type: string; bytes: number }[];
      };
      const writes = srv.writes[srv.writes.length - 1];
      const latencies = writes.map((w, i) => data.dom[i] - w);
      const first = data.msgs[0].t;
      const last = data.msgs[data.msgs.length - 1].t;
      const answerBytes = Buffer.byteLength(writes.map((_, i) => `w${i} `).join(''));
      results.push({
        latencies,
        posts: data.msgs.length,
        bytes: data.msgs.reduce((n, m) => n + m.bytes, 0),
        frames: Math.ceil((last - first) / (1000 / 60)) + 1,
        answerBytes,
      });
    }
    return results;
  } finally {
    await wb.close();
    await srv.close();
  }
}

const bench: BenchModule = {
  name: 'vscode',
  async run(): Promise<BenchRow[]> {
    const plans = [
      { count: 600, rate: 100 },
      { count: 6000, rate: 3000 },
    ];
    const [ours, fast] = await measure(false, plans);
    const [ref] = await measure(true, plans.slice(0, 1));
    const p99 = percentile(ours.latencies, 99);
    const p99ref = percentile(ref.latencies, 99);
    return [
      {
        goal: '',
        metric: 'token bytes written → text in the DOM, p50 (100 tokens/s)',
        value: percentile(ours.latencies, 50),
        unit: 'ms',
      },
      { goal: '', metric: 'token bytes written → text in the DOM, p99 (100 tokens/s)', value: p99, unit: 'ms' },
      { goal: '', metric: 'pass-through reference, p50', value: percentile(ref.latencies, 50), unit: 'ms' },
      { goal: '', metric: 'pass-through reference, p99', value: p99ref, unit: 'ms' },
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
        metric: `postMessage calls for ${plans[1].count} tokens at ${plans[1].rate} tokens/s`,
        value: fast.posts,
        unit: 'calls',
      },
      { goal: '', metric: 'frames elapsed during that stream', value: fast.frames, unit: 'frames' },
      {
        goal: 'G6',
        metric: 'postMessage calls / frames elapsed',
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
  },
};

export default bench;
