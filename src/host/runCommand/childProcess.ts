/**
 * Running a command as a child process of the extension host, through the platform's shell: the
 * fallback where no terminal with shell integration answers (VS Code before 1.93, a shell without
 * it). Output is bounded as it arrives, the run is killed with its whole process tree at the time
 * limit or on Stop. No `vscode` import, so it is unit-tested.
 */
import { spawn } from 'node:child_process';
import { BoundedOutput, type CommandRun, plainOutput } from '../../core/commands';

/** What a child-process run needs. */
export interface ProcessRun {
  command: string;
  /** Absolute folder to run in. */
  cwd: string;
  /** Killed after this long (ms). */
  timeLimitMs: number;
  /** Stop kills it. */
  signal: AbortSignal;
  /** Bound on the output kept (default `OUTPUT_MAX_CHARS`). */
  maxChars?: number;
}

/** After the polite signal, how long a process tree gets before it is killed outright. */
const KILL_GRACE_MS = 2000;

/** Kills `pid` and everything it started: its process group on POSIX, `taskkill /T` on Windows. */
export function killTree(pid: number): void {
  if (process.platform === 'win32') {
    spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true, stdio: 'ignore' }).on('error', () => {});
    return;
  }
  const signalGroup = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      // Already gone.
    }
  };
  signalGroup('SIGTERM');
  setTimeout(() => signalGroup('SIGKILL'), KILL_GRACE_MS).unref();
}

/** Runs `o.command` in a shell; resolves when it and its output have ended (never rejects). */
export function runInProcess(o: ProcessRun): Promise<CommandRun> {
  const out = new BoundedOutput(o.maxChars);
  return new Promise<CommandRun>((resolve) => {
    let timedOut = false;
    let settled = false;
    // Its own process group on POSIX, so the whole tree can be killed; no stdin, so nothing waits for input.
    const child = spawn(o.command, {
      cwd: o.cwd,
      shell: true,
      detached: process.platform !== 'win32',
      windowsHide: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const kill = () => {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) killTree(child.pid);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, o.timeLimitMs);
    o.signal.addEventListener('abort', kill, { once: true });
    const finish = (exitCode: number | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.signal.removeEventListener('abort', kill);
      resolve({
        exitCode: timedOut || o.signal.aborted ? undefined : exitCode,
        output: out.text(),
        via: 'process',
        ...(timedOut ? { timedOutAfter: Math.round(o.timeLimitMs / 1000) } : {}),
      });
    };
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => out.push(plainOutput(chunk)));
    }
    child.on('error', (err) => {
      out.push(`Could not start the command: ${err.message}\n`);
      finish(undefined);
    });
    child.on('close', (code) => finish(code ?? undefined));
    // A process that left the group may hold the pipes open: the run ends soon after the shell does.
    child.on('exit', (code) => setTimeout(() => finish(code ?? undefined), 1000).unref());
    if (o.signal.aborted) kill();
  });
}
