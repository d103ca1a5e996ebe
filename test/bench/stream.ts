/**
 * The `stream` benchmark: throughput of the streaming core against a floor and against the
 * official `openai` SDK, linearity, and memory. The measuring runs in child processes with
 * `--expose-gc` (see `streamWorker.ts`), so each starts from a clean heap.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import type { BenchModule, BenchRow } from './row';

function worker(mode: 'speed' | 'memory'): Promise<BenchRow[]> {
  const script = path.join(__dirname, 'streamWorker.js');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', script, mode],
      { maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`stream benchmark (${mode}) failed: ${stderr || err.message}`));
        const last = stdout.trim().split('\n').pop() ?? '[]';
        resolve(JSON.parse(last) as BenchRow[]);
      },
    );
  });
}

const stream: BenchModule = {
  name: 'stream',
  async run() {
    return [...(await worker('speed')), ...(await worker('memory'))];
  },
};

export default stream;
