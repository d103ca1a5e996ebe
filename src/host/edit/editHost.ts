/**
 * The answer's tool host in VS Code: the edit tools' port, and the command port `run_command` uses.
 * The edit tools' port: the read-only tools' host for reading, the answer's change set
 * (shown under the answer and reviewed in the diff editor) for proposals, and the write check:
 * never in an untrusted workspace, only inside the workspace folder (symbolic links resolved),
 * never a secret file nor one hidden by `files.exclude`, `search.exclude` or a `.gitignore`: the one
 * file policy decides, on the same facts the read tools gather.
 */
import * as vscode from 'vscode';
import type { CommandHost, CommandPort } from '../../core/commands';
import { type ChangeSet, type EditHost, type FileChange, ReadingEditHost } from '../../core/edits';
import { decideFile, isInsideRoot } from '../../core/files';
import type { HostAnswer, ToolHost } from '../../core/tools';
import { realPathOf } from '../../shared/realPath';
import { isExcluded } from '../context/filePolicy';
import type { ChangeSets } from './changeSets';

/** An {@link EditHost} for one answer over one workspace folder; with `commands`, a {@link CommandHost} too. */
export class VsCodeEditHost extends ReadingEditHost implements EditHost, CommandHost {
  constructor(
    base: ToolHost,
    private readonly sets: ChangeSets,
    private readonly turnId: string,
    private readonly root: vscode.Uri,
    readonly commands?: CommandPort,
  ) {
    super(base);
  }

  get changes(): ChangeSet {
    return this.sets.setFor(this.turnId, this.root);
  }

  editsBlocked(): string | undefined {
    return vscode.workspace.isTrusted ? undefined : 'the workspace is not trusted, so no edit can be proposed';
  }

  async checkWritable(rel: string): Promise<HostAnswer<{ exists: boolean }>> {
    const uri = vscode.Uri.joinPath(this.root, ...rel.split('/'));
    const inside = this.root.scheme !== 'file' || isInsideRoot(realPathOf(uri.fsPath), [realPathOf(this.root.fsPath)]);
    // Excluded files are refused as the read tools refuse them: a model may not write what it may not read.
    const excluded = inside && (await isExcluded(uri));
    const decision = decideFile({ path: rel, insideWorkspace: inside, excluded }, 'tool');
    if (decision.ok !== true)
      return {
        ok: false,
        refusal: { reason: decision.reason, detail: 'rule' in decision ? decision.rule : undefined },
      };
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type & vscode.FileType.Directory) return { ok: false, refusal: { reason: 'notAFile' } };
      return { ok: true, value: { exists: true } };
    } catch {
      return { ok: true, value: { exists: false } };
    }
  }

  onProposed(change: FileChange): void {
    this.sets.proposed(this.turnId, change);
  }
}
