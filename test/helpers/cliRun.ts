/** Runs the built command-line tool (`dist/cli.js`) as a user does, with a clean environment. */
import { spawn } from 'node:child_process';
import * as path from 'node:path';

/** The built tool. */
export const cli = path.resolve(__dirname, '../../..', 'dist', 'cli.js');

/** What one run printed and how it ended. */
export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The environment without the caller's OPENAI_* settings, plus `extra`. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('OPENAI_')) env[k] = v;
  return { ...env, ...extra };
}

export function runCli(
  args: string[],
  opts: {
    env?: Record<string, string>;
    stdin?: string;
    onStdout?: (text: string, child: ReturnType<typeof spawn>) => void;
    pauseMs?: number;
  } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env: cleanEnv(opts.env), stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => {
      out.push(d);
      opts.onStdout?.(Buffer.concat(out).toString('utf8'), child);
    });
    child.stderr.on('data', (d: Buffer) => err.push(d));
    if (opts.pauseMs) {
      // A slow reader: the pipe fills and the tool must wait for it to drain.
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), opts.pauseMs);
    }
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
    if (opts.stdin !== undefined) child.stdin.end(opts.stdin);
    else child.stdin.end();
  });
}

/** stdout's JSON lines, parsed. */
export function jsonLines(stdout: string): any[] {
  return stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));
}
