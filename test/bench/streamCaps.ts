/**
 * `stream-caps`: a hostile server cannot take down the extension host (and every other extension
 * with it) by size. For each body below, the peak memory growth of the process reading it (a child
 * process running `streamChat` through the real `fetch`, keeping the text as a transcript does)
 * stays under 64 MB, and the stream ends with a clear error:
 * - a gzip body of about half a megabyte that inflates to 500 MB of answer events,
 * - a gzip body that inflates to one 500 MB `data:` line,
 * - a 64 MiB event of nothing but whitespace.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { createGzip } from 'node:zlib';
import { MockServer, type ScriptedReply } from '../helpers/mockServer';
import type { BenchModule, BenchRow } from './row';

const LIMIT_MB = 64;
const INFLATED = 500 * 1024 * 1024;

/** Gzips `total` bytes made of `piece` repeated, without holding them in memory. */
function gzipRepeated(head: string, piece: string, total: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const gz = createGzip({ level: 9 });
    const out: Buffer[] = [];
    gz.on('data', (d: Buffer) => out.push(d));
    gz.on('end', () => resolve(new Uint8Array(Buffer.concat(out))));
    gz.on('error', reject);
    const block = Buffer.from(piece.repeat(Math.max(1, Math.floor((1 << 20) / piece.length))));
    gz.write(head);
    let written = head.length;
    const pump = (): void => {
      while (written < total) {
        written += block.length;
        if (!gz.write(block)) return void gz.once('drain', pump);
      }
      gz.end();
    };
    pump();
  });
}

interface Outcome {
  peakBytes: number;
  textChars: number;
  end: { kind: string; message?: string };
}

function readIn(baseUrl: string): Promise<Outcome> {
  const script = path.join(__dirname, 'streamCapsWorker.js');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--expose-gc', script, baseUrl], { maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`stream-caps worker failed: ${stderr || err.message}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Outcome);
    });
  });
}

const bench: BenchModule = {
  name: 'stream-caps',
  async run(): Promise<BenchRow[]> {
    const event = `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'z'.repeat(1000) } }] })}\n\n`;
    const cases: [string, ScriptedReply][] = [
      [
        'gzip body inflating to 500 MB of answer events',
        {
          headers: { 'content-type': 'text/event-stream', 'content-encoding': 'gzip' },
          chunks: [await gzipRepeated('', event, INFLATED)],
        },
      ],
      [
        'gzip body inflating to one 500 MB data line',
        {
          headers: { 'content-type': 'text/event-stream', 'content-encoding': 'gzip' },
          chunks: [await gzipRepeated('data: "', 'a', INFLATED)],
        },
      ],
      ['64 MiB whitespace event', { chunks: Array.from({ length: 1024 }, () => ' '.repeat(64 * 1024)) }],
    ];
    const server = await MockServer.start();
    const rows: BenchRow[] = [];
    try {
      for (const [name, reply] of cases) {
        server.reset();
        server.enqueue(reply);
        const wire = (reply.chunks ?? []).reduce((n, c) => n + (typeof c === 'string' ? c.length : c.length), 0);
        const out = await readIn(server.baseUrl);
        const clear = out.end.kind === 'protocol' && /larger than|grew past/.test(out.end.message ?? '');
        rows.push(
          { goal: 'Caps', metric: `${name}: bytes on the wire`, value: wire / 1e6, unit: 'MB' },
          {
            goal: 'Caps',
            metric: `${name}: peak memory growth while reading`,
            value: out.peakBytes / 2 ** 20,
            unit: 'MiB',
            limit: LIMIT_MB,
            direction: 'max',
          },
          {
            goal: 'Caps',
            metric: `${name}: ends with a clear size error (1 = yes)`,
            value: clear ? 1 : 0,
            unit: '',
            limit: 1,
            direction: 'min',
          },
        );
      }
    } finally {
      await server.close();
    }
    return rows;
  },
};

export default bench;
