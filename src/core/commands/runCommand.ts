/**
 * `run_command {command, cwd?}`: the model asks, the user answers Run or Skip on the step (unless
 * the user's own settings list the command), the host runs it, and the model gets whether it ran,
 * its exit code and its bounded output. Refused outright where the host lends no command port or
 * blocks it (an untrusted workspace).
 */
import {
  type AnyTool,
  pathArg,
  refused,
  type StepKey,
  type StepLine,
  shownCommand,
  stepLine,
  stringArg,
  type Tool,
  type ToolResult,
} from '../tools';
import type { CommandHost, CommandRun } from './commandPort';

/** Checked arguments of `run_command`. */
export interface RunCommandArgs {
  command: string;
  /** Workspace-relative folder, `.` for the root. */
  cwd: string;
  /** Set when the folder leaves the workspace: why. */
  refused?: string;
}

/** " in src", nothing for the root. */
function inFolder(cwd: string): string {
  return cwd === '.' ? '' : ` in ${cwd}`;
}

/** A step line about the command, with `inKey`'s words when it runs in a folder other than the root. */
function lineIn(key: StepKey, inKey: StepKey, shown: string, cwd: string, ...rest: (string | number)[]): StepLine {
  return cwd === '.' ? stepLine(key, shown, ...rest) : stepLine(inKey, shown, cwd, ...rest);
}

/** The result of a command the user skipped (or stopped before it ran). */
export function skippedResult(command: string, cwd: string, stopped: boolean): ToolResult {
  const shown = shownCommand(command);
  return {
    ok: false,
    content: stopped
      ? `Not run: the user stopped the answer before running ${shown}.`
      : `The user skipped ${shown}${inFolder(cwd)}: it was not run. Go on without it, or ask the user.`,
    summary: stepLine(stopped ? 'runStoppedBefore' : 'runSkipped', shown),
    refusal: 'cancelled',
  };
}

/** The result of a command that ran: who ran it, how it ended, its output. */
export function ranResult(command: string, cwd: string, run: CommandRun, auto: boolean, stopped: boolean): ToolResult {
  const shown = shownCommand(command);
  const who = auto ? 'ran without asking (the user allows it in settings)' : 'was run by the user';
  const ending =
    run.timedOutAfter !== undefined
      ? `It was killed after ${run.timedOutAfter} s, the time limit.`
      : stopped
        ? 'The user stopped it before it ended.'
        : run.exitCode === undefined
          ? 'Its exit code is unknown.'
          : `Exit code: ${run.exitCode}.`;
  const output = run.output.trim() ? `Output:\n${run.output}` : '(no output)';
  const summary =
    run.timedOutAfter !== undefined
      ? stepLine('ranTimedOut', shown, run.timedOutAfter)
      : stopped
        ? stepLine('ranStopped', shown)
        : lineIn('ran', 'ranIn', shown, cwd, run.exitCode ?? '?');
  return {
    // A command that ended ran as asked, whatever its exit code; killed, it did not finish.
    ok: !stopped && run.timedOutAfter === undefined,
    content: `${shown}${inFolder(cwd)} ${who}. ${ending}\n${output}`,
    summary,
    ...(stopped ? { refusal: 'cancelled' as const } : {}),
  };
}

/** `run_command`. */
export const runCommand: Tool<RunCommandArgs, CommandHost> = {
  name: 'run_command',
  description:
    'Run a shell command in the workspace (tests, builds, git status). The user approves each run. Returns the exit code and output.',
  parameters: {
    type: 'object',
    properties: {
      command: { type: 'string' },
      cwd: { type: 'string', description: 'Workspace-relative folder (default: the root)' },
    },
    required: ['command'],
  },
  available: (host) => host.commands !== undefined,
  parse(args, host) {
    const c = stringArg(args, 'command');
    if (!c.ok) return c;
    const command = (c.args ?? '').trim();
    if (!command) return { ok: false, error: '"command" is empty.' };
    const p = pathArg(args, 'cwd', host, true);
    if (!p.ok) return p;
    return {
      ok: true,
      args: { command, cwd: p.args?.path || '.', ...(p.args?.refused ? { refused: p.args.refused } : {}) },
    };
  },
  step: (a) => lineIn('runAsk', 'runAskIn', shownCommand(a.command), a.cwd),
  async run(host, a, signal, call) {
    const port = host.commands;
    const blocked = port ? port.blocked() : 'commands run only in the editor';
    if (!port || blocked) return refused('run_command', { reason: 'unavailable', detail: blocked });
    if (a.refused) return refused(a.cwd, { reason: 'outside', detail: a.refused });
    const folder = await port.folder(a.cwd, signal);
    if (!folder.ok) return refused(a.cwd, folder.refusal);
    const auto = port.autoRuns(a.command);
    if (!auto) {
      call?.progress({
        status: 'waiting',
        title: lineIn('runAsk', 'runAskIn', shownCommand(a.command), a.cwd),
        command: { line: a.command, cwd: a.cwd },
      });
      const yes = call ? await port.approve(call.id, signal) : false;
      if (!yes || signal.aborted) return skippedResult(a.command, a.cwd, signal.aborted);
    }
    call?.progress({ status: 'running', title: lineIn('running', 'runningIn', shownCommand(a.command), a.cwd) });
    const run = await port.run(a.command, folder.value, signal);
    return ranResult(a.command, a.cwd, run, auto, signal.aborted);
  },
};

/** The tools that run things (the extension's only; never the CLI's). */
export const RUN_TOOLS: readonly AnyTool<CommandHost>[] = [runCommand];
