/**
 * The port `run_command` needs from a host: where commands may run, whether one runs without
 * asking, the user's Run or Skip, and the run itself. Only the extension implements it (commands
 * never run from the CLI); a host without it is never offered the tool.
 */
import type { HostAnswer, ToolHost } from '../tools';

/** A command still running after this long is killed with everything it started (fixed, not a setting). */
export const COMMAND_TIME_LIMIT_SECONDS = 300;

/** How a command ended. */
export interface CommandRun {
  /** The exit code; undefined when it was killed (time limit, Stop) or the shell did not report one. */
  exitCode: number | undefined;
  /** The output (standard output and error as they came), already bounded (see `BoundedOutput`). */
  output: string;
  /** Killed at the time limit, after this many seconds. */
  timedOutAfter?: number;
  /** Where it ran: a VS Code terminal with shell integration, or a child process. */
  via: 'terminal' | 'process';
}

/** What a host lends `run_command`. */
export interface CommandPort {
  /** Why no command may run now (an untrusted workspace), or undefined. */
  blocked(): string | undefined;
  /**
   * Checks a workspace-relative folder (`.` is the root) under the file policy for tools: inside
   * the workspace with symbolic links resolved, a folder. A refusal is an answer, never an exception.
   */
  folder(path: string, signal: AbortSignal): Promise<HostAnswer<string>>;
  /** Whether the user's own settings let `command` run without asking. */
  autoRuns(command: string): boolean;
  /**
   * Waits for the user's Run (true) or Skip (false) on the step of call `callId`; false too when
   * `signal` aborts (Stop) first.
   */
  approve(callId: string, signal: AbortSignal): Promise<boolean>;
  /** Runs `command` in workspace-relative `folder`; `signal` (Stop) kills it. */
  run(command: string, folder: string, signal: AbortSignal): Promise<CommandRun>;
}

/** A tool host that can run commands: `commands` is present only where they may run. */
export interface CommandHost extends ToolHost {
  readonly commands?: CommandPort;
}
