/**
 * Runs the command-line tool as a user does: `node dist/cli.js` spawned with a clean environment,
 * its output collected. Needs the bundle: run `node esbuild.js` (or `npm run build`) first.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const root = path.resolve(__dirname, '../../..');
export const cli = path.join(root, 'dist', 'cli.js');

/** How a run ended and what it printed. */
export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The environment without the caller's OPENAI_* settings, plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('OPENAI_')) env[k] = v;
  return { ...env, ...extra };
}

/** Spawns the tool with `args`; resolves when it exits. */
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

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** The lines of `--json` output, parsed. */
export function jsonLines(stdout: string): any[] {
  return stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));
}

/** Throws a message saying what to do when the bundle is missing or older than its sources. */
export function assertCliBuilt(): void {
  if (!fs.existsSync(cli))
    throw new Error(
      `${path.relative(root, cli)} is missing: build it with \`node esbuild.js\` (npm run build) before running these tests.`,
    );
  const sources = Math.max(
    newestSource(path.join(root, 'src', 'core')),
    fs.statSync(path.join(root, 'src', 'cli.ts')).mtimeMs,
    newestSource(path.join(root, 'src', 'cli')),
  );
  if (fs.statSync(cli).mtimeMs < sources)
    throw new Error(`${path.relative(root, cli)} is older than its sources: rebuild it with \`node esbuild.js\`.`);
}
