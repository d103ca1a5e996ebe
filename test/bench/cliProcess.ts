/**
 * The `cli` benchmark: the command-line tool against the official `openai` SDK as whole
 * programs. Each round starts `node dist/cli.js` and `node sdkCli.js` (the SDK doing the same job)
 * one after the other against a local server that sends the same 24 MB stream as fast as it is
 * read, with stdout piped back here and counted; start-up, the request, decoding and writing the
 * answer all count. Held to the goal both in wall time (what a user waits; the server shares the
 * machine) and in CPU time of the child (user + system, from `cpuOnExit.js`), which other work on
 * the machine does not inflate. Ratios are taken per round and the median of the rounds reported.
 */
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { BenchModule, BenchRow } from './row';
import { generateStream } from './streamData';

const ROUNDS = 7;
/** One-token events in the stream: 24 MB of realistic OpenAI chunks. */
const EVENTS = 83_000;
const WRITE_BYTES = 16 * 1024;

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist', 'cli.js');
const preload = path.join(__dirname, 'cpuOnExit.js');
const sdkCli = path.join(__dirname, 'sdkCli.js');

interface Timing {
  wallMs: number;
  cpuMs: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A server that answers every POST with `body`, written as fast as the client reads. */
function serve(body: Buffer): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method !== 'POST') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      let at = 0;
      const pump = (): void => {
        while (at < body.length) {
          const more = res.write(body.subarray(at, at + WRITE_BYTES));
          at += WRITE_BYTES;
          if (!more) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      pump();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Runs `node -r cpuOnExit.js ARGS`; checks that it printed exactly `expectBytes` and exited 0. */
function timed(args: string[], expectBytes: number, label: string): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-r', preload, ...args], { stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    let bytes = 0;
    let stderr = '';
    let usage = '';
    child.stdout?.on('data', (d: Buffer) => {
      bytes += d.length;
    });
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d;
    });
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => {
      usage += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) return reject(new Error(`${label} exited with ${code}: ${stderr}`));
      if (bytes !== expectBytes) return reject(new Error(`${label} printed ${bytes} bytes, expected ${expectBytes}`));
      const cpu = JSON.parse(usage) as NodeJS.CpuUsage;
      resolve({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000 });
    });
  });
}

const cliProcess: BenchModule = {
  name: 'cli',
  async run(): Promise<BenchRow[]> {
    const fx = generateStream(EVENTS);
    const server = await serve(Buffer.from(fx.bytes));
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
      const answerBytes = Buffer.byteLength(fx.text, 'utf8');
      const ours = () =>
        timed([cli, '--base-url', baseUrl, '--model', 'bench', 'Write a long answer.'], answerBytes, 'the CLI');
      const peer = () => timed([sdkCli, baseUrl], answerBytes, 'the SDK program');
      // One untimed run each: the files are read from disk and cached, as for a user's second run.
      await ours();
      await peer();
      const t = { ours: [] as Timing[], peer: [] as Timing[] };
      for (let i = 0; i < ROUNDS; i++) {
        t.ours.push(await ours());
        t.peer.push(await peer());
      }
      const cpu = (xs: Timing[]) => xs.map((x) => x.cpuMs);
      const wall = (xs: Timing[]) => xs.map((x) => x.wallMs);
      const ratio = (a: number[], b: number[]) => median(a.map((x, i) => x / b[i]));
      return [
        {
          goal: '',
          metric: `input: ${(fx.bytes.length / 1e6).toFixed(1)} MB stream, ${EVENTS.toLocaleString('en')} events`,
          value: fx.bytes.length / 1e6,
          unit: 'MB',
        },
        { goal: '', metric: 'CLI (node dist/cli.js), whole process, CPU', value: median(cpu(t.ours)), unit: 'ms' },
        { goal: '', metric: 'openai SDK program, whole process, CPU', value: median(cpu(t.peer)), unit: 'ms' },
        { goal: '', metric: 'CLI, whole process, wall', value: median(wall(t.ours)), unit: 'ms' },
        { goal: '', metric: 'openai SDK program, whole process, wall', value: median(wall(t.peer)), unit: 'ms' },
        {
          goal: 'Peer',
          metric: 'CLI throughput ÷ openai SDK program, whole process, wall',
          value: ratio(wall(t.peer), wall(t.ours)),
          unit: '×',
          limit: 2,
          direction: 'min',
        },
        {
          goal: 'Peer',
          metric: 'CLI throughput ÷ openai SDK program, whole process, CPU',
          value: ratio(cpu(t.peer), cpu(t.ours)),
          unit: '×',
          limit: 2,
          direction: 'min',
        },
      ];
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  },
};

export default cliProcess;
