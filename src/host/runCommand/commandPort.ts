/**
 * The command port in VS Code: never in an untrusted workspace, only in folders inside the
 * workspace (symbolic links resolved), without asking only for what the user's own
 * `rill.autoRunCommands` lists, after the user's Run on the step otherwise; run in a terminal with
 * shell integration when one answers, else as a child process, within the fixed time limit.
 */
import * as vscode from 'vscode';
import { autoRunMatches, COMMAND_TIME_LIMIT_SECONDS, type CommandPort, type CommandRun } from '../../core/commands';
import { isInsideRoot } from '../../core/files';
import type { HostAnswer } from '../../core/tools';
import { realPathOf } from '../../shared/realPath';
import { readAutoRunCommands } from '../settings';
import type { CommandApprovals } from './approvals';
import { runInProcess } from './childProcess';
import { runInTerminal } from './terminal';

/** The {@link CommandPort} of one answer over one workspace folder. */
export class VsCodeCommandPort implements CommandPort {
  constructor(
    private readonly approvals: CommandApprovals,
    private readonly turnId: string,
    private readonly root: vscode.Uri,
  ) {}

  blocked(): string | undefined {
    return vscode.workspace.isTrusted ? undefined : 'the workspace is not trusted, so no command may run';
  }

  async folder(rel: string): Promise<HostAnswer<string>> {
    // A command runs on this machine: a folder of a remote or virtual workspace cannot host it.
    if (this.root.scheme !== 'file')
      return { ok: false, refusal: { reason: 'unavailable', detail: 'commands run only in local folders' } };
    const uri = rel === '.' ? this.root : vscode.Uri.joinPath(this.root, ...rel.split('/'));
    if (!isInsideRoot(realPathOf(uri.fsPath), [realPathOf(this.root.fsPath)]))
      return { ok: false, refusal: { reason: 'outside' } };
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (!(stat.type & vscode.FileType.Directory)) return { ok: false, refusal: { reason: 'notAFolder' } };
    } catch {
      return { ok: false, refusal: { reason: 'notFound' } };
    }
    return { ok: true, value: uri.fsPath };
  }

  autoRuns(command: string): boolean {
    return autoRunMatches(command, readAutoRunCommands());
  }

  approve(callId: string, signal: AbortSignal): Promise<boolean> {
    return this.approvals.wait(this.turnId, callId, signal);
  }

  async run(command: string, cwd: string, signal: AbortSignal): Promise<CommandRun> {
    const timeLimitMs = COMMAND_TIME_LIMIT_SECONDS * 1000;
    const name = vscode.l10n.t('Rill: {0}', command.split('\n')[0].slice(0, 40));
    const inTerminal = await runInTerminal({ command, cwd, signal, timeLimitMs, name });
    return inTerminal ?? runInProcess({ command, cwd, signal, timeLimitMs });
  }
}
