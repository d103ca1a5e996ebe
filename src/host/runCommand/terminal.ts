/**
 * Running a command in a VS Code terminal whose shell integration reports its output and exit code
 * (`terminal.shellIntegration.executeCommand`, VS Code 1.93+). The API is newer than the oldest
 * VS Code line Rill supports (and than its pinned `@types/vscode`), so it is declared here and
 * detected at run time: without it, or when the shell's integration does not answer within a few
 * seconds, the caller runs the command as a child process instead.
 */
import * as vscode from 'vscode';
import { BoundedOutput, type CommandRun, plainOutput } from '../../core/commands';

/** How long a new terminal's shell gets to report its integration before the child process is used. */
export const SHELL_INTEGRATION_WAIT_MS = 4000;
/** After Ctrl+C, how long a command gets to end before its terminal is closed under it. */
const INTERRUPT_GRACE_MS = 1500;
/** After the shell reports the end, how long the output stream gets to deliver its last data. */
const OUTPUT_DRAIN_MS = 1000;

/** The parts of the shell integration API (1.93+) used here. */
interface Execution {
  read(): AsyncIterable<string>;
}
interface ShellIntegration {
  executeCommand(commandLine: string): Execution;
}
interface IntegratedTerminal extends vscode.Terminal {
  readonly shellIntegration?: ShellIntegration;
}
interface ShellWindow {
  onDidChangeTerminalShellIntegration?: vscode.Event<{ terminal: vscode.Terminal; shellIntegration: ShellIntegration }>;
  onDidEndTerminalShellExecution?: vscode.Event<{ execution: Execution; exitCode: number | undefined }>;
}

const shellWindow = () => vscode.window as unknown as ShellWindow;

/** Whether `version` (such as `1.93.1`) is at least `major.minor`. */
export function versionAtLeast(version: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = version.split('.').map((n) => Number.parseInt(n, 10));
  return a > major || (a === major && b >= minor);
}

/**
 * Whether this VS Code has the shell integration API, final since 1.93. The version is checked
 * too: 1.90 already carries the events, but what its `read()` gives includes the prompt and the
 * echoed command line.
 */
export function hasShellIntegrationApi(): boolean {
  if (!versionAtLeast(vscode.version, 1, 93)) return false;
  const w = shellWindow();
  return (
    typeof w.onDidChangeTerminalShellIntegration === 'function' &&
    typeof w.onDidEndTerminalShellExecution === 'function'
  );
}

/** The terminal of the last command: closed when the next command opens its own, so they do not pile up. */
let previous: vscode.Terminal | undefined;

/** Resolves with the terminal's shell integration, or undefined after `ms` (or on Stop). */
function integrationOf(
  terminal: IntegratedTerminal,
  ms: number,
  signal: AbortSignal,
): Promise<ShellIntegration | undefined> {
  if (terminal.shellIntegration) return Promise.resolve(terminal.shellIntegration);
  return new Promise((resolve) => {
    const done = (si: ShellIntegration | undefined) => {
      clearTimeout(timer);
      sub?.dispose();
      signal.removeEventListener('abort', stop);
      resolve(si);
    };
    const stop = () => done(undefined);
    const timer = setTimeout(stop, ms);
    const sub = shellWindow().onDidChangeTerminalShellIntegration?.((e) => {
      if (e.terminal === terminal) done(e.shellIntegration);
    });
    signal.addEventListener('abort', stop, { once: true });
  });
}

/** What a terminal run needs (as a child-process run). */
export interface TerminalRun {
  command: string;
  cwd: string;
  timeLimitMs: number;
  signal: AbortSignal;
  /** The terminal's name. */
  name: string;
}

/**
 * Runs `o.command` in a new terminal (shown, keeping the focus where it is). Resolves undefined,
 * with the terminal closed and nothing run, when there is no shell integration to report the run.
 */
export async function runInTerminal(o: TerminalRun): Promise<CommandRun | undefined> {
  if (!hasShellIntegrationApi() || o.signal.aborted) return undefined;
  previous?.dispose();
  const terminal: IntegratedTerminal = vscode.window.createTerminal({ name: o.name, cwd: o.cwd });
  previous = terminal;
  const si = await integrationOf(terminal, SHELL_INTEGRATION_WAIT_MS, o.signal);
  if (!si || o.signal.aborted) {
    terminal.dispose();
    return undefined;
  }
  terminal.show(true);
  const out = new BoundedOutput();
  let exitCode: number | undefined;
  let timedOut = false;
  let ended!: () => void;
  const end = new Promise<void>((r) => {
    ended = r;
  });
  const execution = si.executeCommand(o.command);
  const endSub = shellWindow().onDidEndTerminalShellExecution?.((e) => {
    if (e.execution !== execution) return;
    exitCode = e.exitCode;
    ended();
  });
  const closeSub = vscode.window.onDidCloseTerminal((t) => {
    if (t === terminal) ended();
  });
  // Read at once, or the first output is missed.
  const reading = (async () => {
    for await (const data of execution.read()) out.push(plainOutput(data));
  })().catch(() => undefined);
  // Stop and the time limit: Ctrl+C first (the shell stays), then the terminal closes under it.
  const interrupt = () => {
    terminal.sendText('\u0003', false);
    setTimeout(() => {
      if (!finished) terminal.dispose();
    }, INTERRUPT_GRACE_MS);
  };
  let finished = false;
  const timer = setTimeout(() => {
    timedOut = true;
    interrupt();
  }, o.timeLimitMs);
  o.signal.addEventListener('abort', interrupt, { once: true });
  const drain = () => new Promise<void>((r) => setTimeout(r, OUTPUT_DRAIN_MS));
  try {
    // The run ends with the shell's end report; its output stream also ends then, and a shell
    // whose end report goes missing must not hold the answer until the time limit, so the end of
    // the stream counts too (with a moment left for the report and its exit code).
    await Promise.race([end, reading.then(() => Promise.race([end, drain()]))]);
    await Promise.race([reading, drain()]);
  } finally {
    finished = true;
    clearTimeout(timer);
    o.signal.removeEventListener('abort', interrupt);
    endSub?.dispose();
    closeSub.dispose();
  }
  return {
    exitCode: timedOut || o.signal.aborted ? undefined : exitCode,
    output: out.text(),
    via: 'terminal',
    ...(timedOut ? { timedOutAfter: Math.round(o.timeLimitMs / 1000) } : {}),
  };
}
